import type { Command } from 'commander';
import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { invalidData, notFound, usageError } from '../../errors.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';

/** JSON.parse needs the file as one string, and V8 caps strings near 512 MiB. */
const MAX_BYTES = 500 * 1024 * 1024;

export function registerRestore(program: Command, ctx: Context): void {
  program
    .command('restore')
    .description('make a new record from a JSON export (`dmp export --format json`): the same rows, audit log and account, so the same password and authenticator log in')
    .argument('<path>', 'the JSON export')
    .addHelpText('after', examples('dmp restore backup.json --record ~/restored.db', 'dmp --record ~/restored.db login'))
    .action(action(ctx, ([path]) => restore(ctx, String(path))));
}

async function restore(ctx: Context, rawPath: string): Promise<void> {
  if (!ctx.globals.record && !ctx.env.DMP_RECORD) throw usageError('Restore writes a new record: say where.', 'Pass --record NEW_PATH (a file that does not exist yet).');
  if (ctx.recordExists()) throw usageError(`A record already exists at ${ctx.recordPath}.`, 'Restore into a new file: pass --record with a path that does not exist yet.');
  const path = resolve(ctx.cwd, rawPath);
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    throw notFound(`There is no file at ${path}.`, 'Check the path of the export.');
  }
  if (!stat.isFile()) throw usageError(`${path} is not a regular file.`, 'Give the path of a file written by `dmp export --format json`.');
  if (stat.size > MAX_BYTES) throw invalidData(`${path} is ${Math.round(stat.size / 1024 / 1024)} MiB; dmp restores exports up to 500 MiB.`, 'Restore a smaller record, or report the need.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw invalidData(`${path} is not JSON (${(err as Error).message}).`, 'Give the path of a file written by `dmp export --format json`.');
  }
  const { restoreJson } = await import('../../interop/json-restore.js');
  const db = ctx.createStore();
  let result: { tables: number; rows: number };
  try {
    result = restoreJson(db, parsed);
  } catch (err) {
    // Nothing half-made is left behind: the new file goes with its WAL.
    ctx.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(ctx.recordPath + suffix, { force: true });
    throw err;
  }
  if (ctx.out.json) return ctx.out.jsonValue({ record: ctx.recordPath, tables: result.tables, rows: result.rows });
  ctx.out.line(`Restored ${result.rows} rows (${result.tables} tables) into ${ctx.recordPath}.`);
  ctx.out.note('Log in to it with the same username, password and authenticator: `dmp --record PATH login`.');
}
