import { explainReadOnly } from './closed-record.js';
import type { Context } from './context.js';
import { reportError } from './errors.js';
import { NounNotLoaded } from './lazy-nouns.js';
import { buildProgram } from './program.js';

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
  } catch (err) {
    const reported = reportError(explainReadOnly(err, ctx), Boolean(ctx.env.DMP_DEBUG));
    for (const line of reported.lines) ctx.io.stderr.write(`${line}\n`);
    return reported.code;
  } finally {
    ctx.close();
  }
}
