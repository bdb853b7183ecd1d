import type { Command } from 'commander';
import { usageError } from '../../../errors.js';
import { formatEuros } from '../../../reimbursements/money.js';
import { SECTION_LABELS, type Section } from '../../../reimbursements/sections.js';
import { type GroupBy, summarize, type Totals } from '../../../reimbursements/views.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { dateRange } from './filters.js';

interface SummaryFlags {
  all?: boolean;
  by: string;
}

const LIST_NAME: Record<GroupBy, string> = { section: 'sections', month: 'months', professional: 'professionals' };

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
  if (!Object.hasOwn(LIST_NAME, flags.by)) throw usageError(`"${flags.by}" is not a grouping.`, 'Pass --by section, --by month or --by professional.');
  const by = flags.by as GroupBy;
  const patient = currentPatient(ctx);
  const s = summarize(ctx.store(), { patientId: patient.id, ...dateRange(ctx.now(), flags.all) }, by);
  const groups = s.groups.map(({ key, ...totals }) => ({ [by]: key, ...totals }));
  ctx.out.result({ from: s.from, to: s.to, [LIST_NAME[by]]: groups, total: s.total }, () => {
    const name = (key: string) => (by === 'section' && ctx.out.isTTY ? SECTION_LABELS[key as Section] : key);
    const money = (c: number) => (ctx.out.isTTY ? formatEuros(c) : c);
    const total = { key: 'Total', ...s.total };
    const rows: (Totals & { key: string })[] = [...s.groups, total];
    ctx.out.table<Totals & { key: string }>(
      [
        { header: by, value: (r) => (r === total ? 'Total' : name(r.key)) },
        { header: 'acts', value: (r) => r.count, align: 'right' },
        { header: ctx.out.isTTY ? 'spent' : 'spentCents', value: (r) => money(r.spentCents), align: 'right' },
        { header: ctx.out.isTTY ? 'reimbursed' : 'reimbursedCents', value: (r) => money(r.reimbursedCents), align: 'right' },
        { header: ctx.out.isTTY ? 'deductible' : 'deductibleCents', value: (r) => money(r.deductibleCents), align: 'right' },
        { header: ctx.out.isTTY ? 'complementary' : 'complementaryCents', value: (r) => money(r.complementaryCents), align: 'right' },
        { header: ctx.out.isTTY ? 'out of pocket' : 'outOfPocketCents', value: (r) => money(r.outOfPocketCents), align: 'right' },
      ],
      rows,
    );
    if (ctx.out.isTTY) {
      ctx.out.line(`${s.from ?? 'All dates'}${s.from ? ` to ${s.to}` : ''}, ${patient.givenName} ${patient.familyName}.`);
      ctx.out.line(ctx.out.color.dim(NOTICE));
    }
  });
}
