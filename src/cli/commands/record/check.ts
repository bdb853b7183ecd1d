import type { Command } from 'commander';
import { invalidData } from '../../../errors.js';
import { rebuildMonthTotals } from '../../../reimbursements/month-check.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { type Health, recordHealth } from '../../record-health.js';
import { requireSession } from '../../session.js';

export function registerCheck(record: Command, ctx: Context): void {
  record
    .command('check')
    .description("check the record file: SQLite's integrity and foreign keys, the search index, the payer data's per-month totals, the audit chain (exit 5 naming what is damaged)")
    .option('--repair', 'first recompute the per-month payer totals from the acts, where they disagree (audited); for totals edited behind dmp\'s back when the acts are right')
    .addHelpText('after', examples('dmp record check', 'dmp record check --json | jq .problems', 'dmp record check --repair'))
    .action(action<{ repair?: boolean }>(ctx, (_, flags) => check(ctx, Boolean(flags.repair))));
}

function check(ctx: Context, repair: boolean): void {
  const actor = requireSession(ctx);
  const db = ctx.store();
  const found = recordHealth(db);
  // Only payer totals are recomputed, and only in a record with nothing else wrong: a record
  // whose file or audit log is damaged is not written to.
  const repaired = repair && found.repairable ? rebuildMonthTotals(db, actor.username, ctx.now()) : 0;
  const health = repaired > 0 ? recordHealth(db) : found;
  const result = { ...health, repaired: { monthTotals: repaired } };
  const note = () => {
    if (repaired > 0) ctx.out.note(`Recomputed the per-month payer totals from the acts: ${repaired} of them disagreed.`);
    if (repair && found.ok) ctx.out.note('The per-month payer totals agree with the acts: nothing to repair.');
  };
  if (health.ok) {
    return ctx.out.result(result, () => {
      note();
      ctx.out.note(`The record is sound (file, foreign keys, search index, payer totals, ${health.audit.rows} audit entries).`);
    });
  }
  if (!ctx.out.json) note();
  const more = health.problemCount > 1 ? ` (and ${health.problemCount - 1} more problem${health.problemCount > 2 ? 's' : ''})` : '';
  throw invalidData(`This record is damaged: ${health.problems[0]}${more}.`, hint(health, repair), result);
}

function hint(health: Health, repair: boolean): string {
  if (health.repairable) return 'If the acts are right and only the totals were changed, `dmp record check --repair` recomputes the totals from them; otherwise restore the record from a backup you trust.';
  const refused = repair && health.monthTotals.mismatches > 0 ? 'Nothing was repaired: --repair recomputes the payer totals only in a record with nothing else wrong. ' : '';
  return `${refused}Restore it from a backup you trust; \`dmp record check --json\` lists the problems.`;
}
