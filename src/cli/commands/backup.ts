import type { Command } from 'commander';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { appendAudit } from '../../audit/log.js';
import { prepareBackupTarget, writeBackup } from '../../store/backup.js';
import { withWritesAllowed } from '../../store/read-only.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';
import { type Health, verifyCopy } from '../record-health.js';
import { requireSession } from '../session.js';

export function registerBackup(program: Command, ctx: Context): void {
  program
    .command('backup')
    .description('copy the record, even while other commands write to it, into one encrypted file that opens with the same password and authenticator')
    .argument('<path>', 'the backup file to create')
    .option('--force', 'replace an existing backup file')
    .addHelpText('after', examples('dmp backup /media/usb/dmp-2026-11-26.db', 'dmp --record /media/usb/dmp-2026-11-26.db login   # a backup opens like the record'))
    .action(action<{ force?: boolean }>(ctx, (args, flags) => backup(ctx, String(args[0]), Boolean(flags.force))));
}

function backup(ctx: Context, path: string, force: boolean): void {
  const actor = requireSession(ctx);
  const target = resolve(ctx.cwd, path);
  const partial = prepareBackupTarget(target, ctx.recordPath, force);
  const db = ctx.store();
  const session = ctx.session()!;
  let health: Health | undefined;
  // A closed record is query_only, which refuses VACUUM INTO as well: the copy changes nothing
  // in the record, and a closed record can be read and copied (README, record close).
  withWritesAllowed(db, () =>
    writeBackup(db, partial, target, (copy) => {
      health = verifyCopy(copy, session.recordKey, session.auditKey);
    }),
  );
  appendAudit(db, { actor: actor.username, action: 'record.backup', details: { auditRows: health!.audit.rows } }, ctx.now());
  const value = { backup: target, bytes: statSync(target).size, encrypted: Boolean(session.recordKey), auditRows: health!.audit.rows, verified: true };
  ctx.out.result(value, () =>
    ctx.out.note(
      `Backed up to ${target} (${value.bytes} bytes, checked: ${value.auditRows} audit entries intact). ` +
        (value.encrypted ? 'It is encrypted; open it with `dmp --record PATH login` and your password.' : 'It is NOT encrypted, like the record.'),
    ),
  );
}
