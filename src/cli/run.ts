import { CommanderError } from 'commander';
import { DmpError } from '../errors.js';
import { escapeControls } from '../util/escape.js';
import type { Context } from './context.js';
import { explainReadOnly } from './closed-record.js';
import { reportError } from './errors.js';
import { withFlagHint } from './hints.js';
import { NounNotLoaded } from './lazy-nouns.js';
import { buildProgram } from './program.js';
import { fromDriverError } from './driver-errors.js';

/** Runs one command line against a context and returns the exit code. Never ends the process itself. */
export async function run(argv: string[], ctx: Context): Promise<number> {
  try {
    try {
      await (await buildProgram(ctx, { argv })).parseAsync(argv, { from: 'user' });
    } catch (err) {
      // A command line whose noun was not recognised up front: nothing has run yet, so parse again with every noun.
      if (!(err instanceof NounNotLoaded)) throw err;
      await (await buildProgram(ctx, { all: true })).parseAsync(argv, { from: 'user' });
    }
    return ctx.exitCode;
  } catch (thrown) {
    const err = withFlagHint(fromDriverError(explainReadOnly(thrown, ctx), ctx.recordPath));
    const reported = reportError(err, Boolean(ctx.env.DMP_DEBUG));
    // Messages quote what the user typed or the record holds: never raw escape sequences on stderr.
    for (const line of reported.lines) ctx.io.stderr.write(`${escapeControls(line, { newline: true })}\n`);
    if (wantsJson(ctx, argv) && reported.code !== 0) ctx.io.stdout.write(`${JSON.stringify({ error: errorJson(err) }, null, 2)}\n`);
    return reported.code;
  } finally {
    ctx.close();
  }
}

/** --json reaches the context when a command runs; a command line commander refused is read directly. */
function wantsJson(ctx: Context, argv: string[]): boolean {
  if (ctx.globals.json) return true;
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** `{kind, message, hint, ...data}`: what a script reads from a failing command run with --json. */
export function errorJson(err: unknown): Record<string, unknown> {
  if (err instanceof DmpError) {
    const data = err.data === undefined ? {} : isPlainObject(err.data) ? err.data : { data: err.data };
    const { kind: _k, message: _m, hint: _h, ...extra } = data;
    return { kind: err.kind, message: err.message, hint: err.hint ?? null, ...extra };
  }
  if (err instanceof CommanderError) {
    return { kind: 'usage', message: err.message.replace(/^error: /, ''), hint: 'Run the command with --help to see its flags and examples.' };
  }
  if (err instanceof Error && err.name === 'ExitPromptError') return { kind: 'cancelled', message: 'Cancelled; nothing was changed.', hint: null };
  return { kind: 'bug', message: `Unexpected error: ${err instanceof Error ? err.message : String(err)}`, hint: 'Run again with DMP_DEBUG=1 for details, and report it if it persists.' };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
