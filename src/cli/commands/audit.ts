import type { Command } from 'commander';
import { accountUsername } from '../../account/account.js';
import { auditHead, type AuditRow, listAudit } from '../../audit/log.js';
import { verifyAudit } from '../../audit/verify.js';
import { invalidData, usageError } from '../../errors.js';
import { action, examples, parseDateFlag } from '../command.js';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import { currentPatient, requireSession } from '../session.js';

interface AuditFlags {
  since?: string;
  until?: string;
  action?: string;
  actor?: string;
  others?: boolean;
  verify?: boolean;
  head?: string;
}

export function registerAudit(program: Command, ctx: Context): void {
  const audit = program
    .command('audit')
    .description('list the audit log (logins, failures, locks, every change), or check its keyed MAC chain')
    .option('--since <YYYY-MM-DD>', 'only entries from this day on')
    .option('--until <YYYY-MM-DD>', 'only entries up to this day (included)')
    .option('--action <name>', 'only this action (login, document.add...), or a prefix ending in * (consent.*)')
    .option('--actor <username>', 'only entries by this user')
    .option('--others', "only actions by anyone but you, and imports of data others produced (the DMP's activity history)")
    .option('--verify', "check that no entry was changed, removed or reordered behind dmp's back (exit 5 if one was)")
    .option('--head <MAC>', 'with --verify: a MAC printed earlier by `dmp audit head`, which must still be in the log')
    .addHelpText('after', examples('dmp audit --since 2026-01-01', 'dmp audit --action "consent.*" --until 2026-12-31', 'dmp --patient "Léo DUPONT" audit', 'dmp audit --others', 'dmp audit --verify', 'dmp audit --verify --head "$(dmp audit head --json | jq -r .head)"'))
    .action(action<AuditFlags>(ctx, (_a, flags) => runAudit(ctx, flags)));
  audit
    .command('head')
    .description('print the number of audit entries and the MAC of the newest: write it down to prove later that no row was cut off')
    .addHelpText('after', examples('dmp audit head', 'dmp audit head --json'))
    .action(action(ctx, () => head(ctx)));
}

function head(ctx: Context): void {
  requireSession(ctx);
  const value = auditHead(ctx.store());
  ctx.out.result(value, () => ctx.out.fields([['rows', value.rows], ['head', value.head]]));
}

function runAudit(ctx: Context, flags: AuditFlags): void {
  if (flags.head !== undefined && !flags.verify) throw usageError('--head goes with --verify.', 'Run `dmp audit --verify --head MAC`.');
  if (flags.head !== undefined && !/^[0-9a-f]{64}$/.test(flags.head)) {
    throw usageError(`"${flags.head}" is not an audit MAC (64 hexadecimal characters).`, 'Copy it from `dmp audit head`.');
  }
  requireSession(ctx);
  const db = ctx.store();
  if (flags.verify) return verify(ctx, flags.head);
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

function verify(ctx: Context, head: string | undefined): void {
  const check = verifyAudit(ctx.store(), { head });
  if (check.intact) return ctx.out.result(check, () => ctx.out.note(`The audit log is intact (${check.rows} entries checked${head ? ', the head given is in it' : ''}).`));
  // With --json the verdict is the document, and the exit code says it failed.
  if (ctx.out.json) {
    ctx.out.jsonValue(check);
    ctx.exitCode = EXIT.invalid;
    return;
  }
  throw invalidData(`The audit log was altered: row ${check.brokenId} fails the check (${check.reason}).`, 'Restore the record from a backup you trust; rows before it are intact.', check);
}
