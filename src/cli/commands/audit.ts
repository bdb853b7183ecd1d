import type { Command } from 'commander';
import { type AuditRow, listAudit, verifyAudit } from '../../audit/log.js';
import { accountUsername } from '../../account/account.js';
import { invalidData, usageError } from '../../errors.js';
import { action, examples, parseDateFlag } from '../command.js';
import type { Context } from '../context.js';
import { currentPatient, requireSession } from '../session.js';

interface AuditFlags {
  since?: string;
  until?: string;
  action?: string;
  actor?: string;
  others?: boolean;
  verify?: boolean;
}

export function registerAudit(program: Command, ctx: Context): void {
  program
    .command('audit')
    .description('list the audit log (logins, failures, locks, every change), or check its hash chain')
    .option('--since <YYYY-MM-DD>', 'only entries from this day on')
    .option('--until <YYYY-MM-DD>', 'only entries up to this day (included)')
    .option('--action <name>', 'only this action (login, document.add...), or a prefix ending in * (consent.*)')
    .option('--actor <username>', 'only entries by this user')
    .option('--others', "only actions by anyone but you, and imports of data others produced (the DMP's activity history)")
    .option('--verify', 'check that no entry was changed behind dmp\'s back (exit 5 if one was)')
    .addHelpText('after', examples('dmp audit --since 2026-01-01', 'dmp audit --action "consent.*" --until 2026-12-31', 'dmp --patient "Léo DUPONT" audit', 'dmp audit --others', 'dmp audit --verify'))
    .action(action<AuditFlags>(ctx, (_a, flags) => audit(ctx, flags)));
}

function audit(ctx: Context, flags: AuditFlags): void {
  requireSession(ctx);
  const db = ctx.store();
  if (flags.verify) {
    const check = verifyAudit(db);
    if (!check.intact) {
      throw invalidData(`The audit log was altered: row ${check.brokenId} fails the check (${check.reason}).`, 'Restore the record from a backup you trust; rows before it are intact.', check);
    }
    return ctx.out.result(check, () => ctx.out.note(`The audit log is intact (${check.rows} entries checked).`));
  }
  const since = parseDateFlag(flags.since, '--since');
  const until = parseDateFlag(flags.until, '--until');
  if (since && until && since > until) throw usageError(`--since ${since} is after --until ${until}.`, 'Swap the two dates.');
  if (flags.action !== undefined && !flags.action.trim()) throw usageError('--action is empty.', 'Pass an action such as login, or a prefix such as consent.*');
  const rows = listAudit(db, {
    since,
    until,
    action: flags.action?.trim(),
    actor: flags.actor,
    patientId: ctx.globals.patient ? currentPatient(ctx).id : undefined,
    othersThan: flags.others ? (accountUsername(db) ?? undefined) : undefined,
  });
  ctx.out.result(rows, () =>
    ctx.out.table<AuditRow>(
      [
        { header: 'id', value: (r) => r.id, align: 'right' },
        { header: 'at', value: (r) => r.at },
        { header: 'actor', value: (r) => r.actor },
        { header: 'action', value: (r) => r.action },
        { header: 'target', value: (r) => r.target },
        { header: 'details', value: (r) => (r.details ? JSON.stringify(r.details) : '') },
      ],
      rows,
    ),
  );
}
