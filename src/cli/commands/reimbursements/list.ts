import type { Command } from 'commander';
import { formatEuros } from '../../../reimbursements/money.js';
import { type ActView, iterateActs } from '../../../reimbursements/views.js';
import { action, examples, parseDateRange, parsePositiveInt } from '../../command.js';
import type { Context } from '../../context.js';
import type { Column } from '../../output.js';
import { currentPatient, requireSession } from '../../session.js';
import { checkDateBounds, dateRange, parseSection } from './filters.js';
import { streamRows } from './stream.js';

interface ListFlags {
  section?: string;
  from?: string;
  to?: string;
  code?: string;
  professional?: string;
  all?: boolean;
  limit?: string;
}

export function registerList(parent: Command, ctx: Context): void {
  parent
    .command('list')
    .description('list reimbursed acts of the last 24 months (as the DMP shows them), newest first')
    .option('--section <section>', 'pharmacy, hospitalization, medical_dental, radiology or biology')
    .option('--from <YYYY-MM-DD>', 'acts from this day on')
    .option('--to <YYYY-MM-DD>', 'acts up to this day')
    .option('--code <code>', 'acts with this act code (exact, as text)')
    .option('--professional <name>', 'acts by a professional whose name contains this (case and accents ignored; % and _ are plain characters)')
    .option('--all', 'include acts older than 24 months')
    .option('--limit <n>', 'at most this many acts (the newest)')
    .addHelpText('after', examples('dmp reimbursements list --limit 20', 'dmp reimbursements list --section radiology', 'dmp reimbursements list --all --code 0552 --json'))
    .action(action<ListFlags>(ctx, (_a, flags) => list(ctx, flags)));
}

function list(ctx: Context, flags: ListFlags): void {
  requireSession(ctx);
  const section = flags.section === undefined ? undefined : parseSection(flags.section);
  const limit = flags.limit === undefined ? undefined : parsePositiveInt(flags.limit, '--limit');
  // Before parseDateRange: a year like 0001 is a YYYY-MM-DD form, but out of range, not "not a date".
  checkDateBounds(flags);
  const { from, to } = parseDateRange(flags.from, flags.to);
  const range = dateRange(ctx.now(), flags.all, from, to);
  const patient = currentPatient(ctx);
  const acts = iterateActs(ctx.store(), { patientId: patient.id, ...range, section, code: flags.code, professional: flags.professional, limit });
  const money = (c: number | null) => (c === null ? '' : ctx.out.isTTY ? formatEuros(c) : c);
  const columns: Column<ActView>[] = [
    { header: 'id', value: (r) => r.id, align: 'right' },
    { header: 'date', value: (r) => r.careDate },
    { header: 'section', value: (r) => r.section },
    { header: 'act', value: (r) => r.label },
    { header: 'code', value: (r) => r.code },
    { header: 'qty', value: (r) => r.quantity, align: 'right' },
    { header: 'professional', value: (r) => r.professional },
    { header: ctx.out.isTTY ? 'spent' : 'spentCents', value: (r) => money(r.spentCents), align: 'right' },
    { header: ctx.out.isTTY ? 'reimbursed' : 'reimbursedCents', value: (r) => money(r.reimbursedCents), align: 'right' },
    { header: 'paid on', value: (r) => r.paymentDate },
  ];
  // A table needs every row to size its columns; JSON and TSV are written as rows come.
  if (ctx.out.isTTY && !ctx.out.json) ctx.out.table(columns, [...acts]);
  else streamRows(ctx, columns, acts);
}
