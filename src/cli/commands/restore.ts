import type { Command } from 'commander';
import { lstatSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { invalidData, notFound, usageError } from '../../errors.js';
import { action, examples } from '../command.js';
import type { Db } from '../../store/database.js';
import type { Context } from '../context.js';
import { buildNewRecord } from '../new-record.js';
import { readPassword } from '../secrets.js';

/** JSON.parse needs the file as one string, and V8 caps strings near 512 MiB. */
const MAX_BYTES = 500 * 1024 * 1024;

export function registerRestore(program: Command, ctx: Context): void {
  program
    .command('restore')
    .description('make a new record from a JSON export (`dmp export --format json`): the same rows, audit log and account, so the same password and authenticator log in')
    .argument('<path>', 'the JSON export')
    .option('--password-stdin', "read the exported account's password from the first line of standard input")
    .addHelpText('after', examples('dmp restore backup.json --record ~/restored.db      # asks the password', "printf '%s\\n' \"$PW\" | dmp restore backup.json --record ~/restored.db --password-stdin", 'dmp --record ~/restored.db login'))
    .action(action<{ passwordStdin?: boolean }>(ctx, ([path], flags) => restore(ctx, String(path), flags.passwordStdin)));
}

async function restore(ctx: Context, rawPath: string, passwordStdin: boolean | undefined): Promise<void> {
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
  const [{ checkDump, dumpAccount, restoreJson, unlockDump }, { latestVersion, migrate }] = await Promise.all([import('../../interop/json-restore.js'), import('../../store/migrate.js')]);
  // Everything is checked before the new file exists: the header, the account, the password.
  const dump = checkDump(parsed, latestVersion());
  const account = dumpAccount(dump);
  const unlock = await unlockDump(account, await readPassword(ctx, passwordStdin, "The exported account's password:"));
  // The same salt and key as the original: the same password opens the restored file.
  // The rows go into a record at the export's schema version, which then migrates like any
  // record this dmp opens: an export from an earlier dmp restores with this one.
  const fill = (db: Db) => {
    const restored = restoreJson(db, dump, unlock);
    migrate(db);
    return restored;
  };
  const result = await buildNewRecord(ctx, account.storage === 'encrypted' ? unlock.recordKey : undefined, fill, dump.schemaVersion);
  if (ctx.out.json) return ctx.out.jsonValue({ record: ctx.recordPath, tables: result.tables, rows: result.rows });
  ctx.out.line(`Restored ${result.rows} rows (${result.tables} tables) into ${ctx.recordPath}.`);
  ctx.out.note('Log in to it with the same username, password and authenticator: `dmp --record PATH login`.');
}
