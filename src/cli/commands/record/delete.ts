import type { Command } from 'commander';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { confirmPassword } from '../../../account/account.js';
import { appendAudit } from '../../../audit/log.js';
import { DmpError, usageError } from '../../../errors.js';
import { removeRecordFiles } from '../../../store/remove.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { readPassword } from '../../secrets.js';
import { requireSession } from '../../session.js';

interface DeleteFlags {
  yes?: boolean;
  passwordStdin?: boolean;
}

const CONFIRMATION = 'DELETE';

export function registerDelete(record: Command, ctx: Context): void {
  record
    .command('delete')
    .description('delete the record for good: the file, its -wal and -shm files and every session file of it (needs the password; asks you to type DELETE on a terminal)')
    .option('--yes', 'do not ask for the typed confirmation (needed, with --password-stdin, when not on a terminal)')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .addHelpText('after', examples('dmp record delete', `printf '%s\\n' "$PW" | dmp record delete --yes --password-stdin`))
    .action(action<DeleteFlags>(ctx, (_a, flags) => deleteRecord(ctx, flags)));
}

async function deleteRecord(ctx: Context, flags: DeleteFlags): Promise<void> {
  const actor = requireSession(ctx, { whileClosed: true });
  if (!ctx.interactive && !(flags.yes && flags.passwordStdin)) {
    throw usageError('Deleting the record needs the password and a confirmation.', 'Pass --yes and --password-stdin (the password on standard input); dmp only asks on a terminal.');
  }
  const password = await readPassword(ctx, flags.passwordStdin);
  if (!flags.yes) {
    const typed = await ctx.prompter.input(`This deletes ${ctx.recordPath} and everything in it, for good. Type ${CONFIRMATION} to go on:`);
    if (typed.trim() !== CONFIRMATION) throw new DmpError('cancelled', `You typed "${typed}", not ${CONFIRMATION}; nothing was deleted.`);
  }
  const db = ctx.store();
  await confirmPassword(db, password, 'record-delete', ctx.now());
  const sessions = sessionFiles(ctx);
  // The last entry of the log: if a file cannot be removed below, the record says it was asked.
  appendAudit(db, { actor: actor.username, action: 'record.delete', details: { sessionFiles: sessions.length } }, ctx.now());
  db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.close();
  const removed = removeRecordFiles(ctx.recordPath);
  for (const s of sessions) rmSync(s, { force: true });
  ctx.out.result({ deleted: true, record: ctx.recordPath, files: [...removed, ...sessions] }, () => undefined);
  ctx.out.note(`Deleted the record ${ctx.recordPath}: ${removed.length} file(s) and ${sessions.length} session file(s) removed. Copies or backups made elsewhere are not touched.`);
}

/** Every session file in the state folder that belongs to this record, by whatever path it was opened. */
function sessionFiles(ctx: Context): string[] {
  const dir = dirname(ctx.sessionPath);
  const target = identity(ctx.recordPath);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^session-[0-9a-f]+\.json$/.test(n));
  } catch {
    return [];
  }
  return names
    .map((n) => join(dir, n))
    .filter((path) => {
      if (path === ctx.sessionPath) return true;
      try {
        const record = (JSON.parse(readFileSync(path, 'utf8')) as { record?: unknown }).record;
        return typeof record === 'string' && target !== null && identity(record) === target;
      } catch {
        return false;
      }
    });
}

/** Device and inode: the same file under two paths (a link, another spelling) is found once. */
function identity(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}
