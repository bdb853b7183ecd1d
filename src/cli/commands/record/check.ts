import type { Command } from 'commander';
import { invalidData } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { recordHealth } from '../../record-health.js';
import { requireSession } from '../../session.js';

export function registerCheck(record: Command, ctx: Context): void {
  record
    .command('check')
    .description("check the record file: SQLite's integrity and foreign keys, the search index, the payer data's per-month totals, the audit chain (exit 5 naming what is damaged)")
    .addHelpText('after', examples('dmp record check', 'dmp record check --json | jq .problems'))
    .action(action(ctx, () => check(ctx)));
}

function check(ctx: Context): void {
  requireSession(ctx);
  const health = recordHealth(ctx.store());
  if (health.ok) return ctx.out.result(health, () => ctx.out.note(`The record is sound (file, foreign keys, search index, payer totals, ${health.audit.rows} audit entries).`));
  const more = health.problems.length > 1 ? ` (and ${health.problems.length - 1} more problem${health.problems.length > 2 ? 's' : ''})` : '';
  throw invalidData(`This record is damaged: ${health.problems[0]}${more}.`, 'Restore it from a backup you trust; `dmp record check --json` lists every problem.', health);
}
