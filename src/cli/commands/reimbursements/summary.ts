import type { Command } from 'commander';
import { usageError } from '../../../errors.js';
import { formatEuros } from '../../../reimbursements/money.js';
import { SECTION_LABELS, type Section } from '../../../reimbursements/sections.js';
import { type Group, type GroupBy, summarize } from '../../../reimbursements/views.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { dateRange } from './filters.js';

interface SummaryFlags {
  all?: boolean;
  by: string;
}

const GROUPINGS: Record<GroupBy, true> = { section: true, month: true, professional: true };

/** The DMP's own words under its payer data. */
export const NOTICE = 'Payer data is informative and may be incomplete: it shows what the insurers reported, not every care you received.';

export function registerSummary(parent: Command, ctx: Context): void {
  parent
    .command('summary')
    .description('totals of the last 24 months by section (as the DMP shows them), month or professional')
    .option('--by <grouping>', 'section, month or professional', 'section')
    .option('--all', 'include acts older than 24 months')
    .addHelpText('after', examples('dmp reimbursements summary', 'dmp reimbursements summary --by month --json', 'dmp --patient "Léo DUPONT" reimbursements summary --all'))
    .action(action<SummaryFlags>(ctx, (_a, flags) => summary(ctx, flags)));
}

function summary(ctx: Context, flags: SummaryFlags): void {
  requireSession(ctx);
  // hasOwn, not `in`: `--by toString` must not find Object's own members.
  if (!Object.hasOwn(GROUPINGS, flags.by)) throw usageError(`"${flags.by}" is not a grouping.`, 'Pass --by section, --by month or --by professional.');
  const by = flags.by as GroupBy;
  const patient = currentPatient(ctx);
  const s = summarize(ctx.store(), { patientId: patient.id, ...dateRange(ctx.now(), flags.all) }, by);
  ctx.out.result(s, () => {
    const tty = ctx.out.isTTY;
    const name = (key: string) => (by === 'section' && tty ? SECTION_LABELS[key as Section] : key);
    const money = (c: number) => (tty ? formatEuros(c) : c);
    // The Total row is for eyes: piped, the rows are the groups alone (a script sums them, or reads --json's total).
    const total: Group = { key: 'Total', ...s.total };
    ctx.out.table<Group>(
      [
        { header: by, value: (r) => (r === total ? 'Total' : name(r.key)) },
        { header: tty ? 'acts' : 'count', value: (r) => r.count, align: 'right' },
        { header: tty ? 'spent' : 'spentCents', value: (r) => money(r.spentCents), align: 'right' },
        { header: tty ? 'reimbursed' : 'reimbursedCents', value: (r) => money(r.reimbursedCents), align: 'right' },
        { header: tty ? 'deductible' : 'deductibleCents', value: (r) => money(r.deductibleCents), align: 'right' },
        { header: tty ? 'complementary' : 'complementaryCents', value: (r) => money(r.complementaryCents), align: 'right' },
        { header: tty ? 'out of pocket' : 'outOfPocketCents', value: (r) => money(r.outOfPocketCents), align: 'right' },
      ],
      tty ? [...s.groups, total] : s.groups,
    );
    if (tty) {
      ctx.out.line(`${s.from ?? 'All dates'}${s.from ? ` to ${s.to}` : ''}, ${patient.givenName} ${patient.familyName}.`);
      ctx.out.line(ctx.out.color.dim(NOTICE));
    }
  });
}
