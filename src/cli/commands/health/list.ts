import type { Command } from 'commander';
import { usageError } from '../../../errors.js';
import { listHealthEntries } from '../../../health/repo.js';
import { KINDS, type Kind } from '../../../health/types.js';
import { action, examples, parseDateRange } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { entryColumns } from './render.js';

interface Flags {
  kind?: string;
  from?: string;
  to?: string;
}

export function registerList(health: Command, ctx: Context): void {
  health
    .command('list')
    .description("list the person's health entries, oldest first; labs outside their range are flagged high or low")
    .option('--kind <kind>', `only this kind (${KINDS.join(', ')})`)
    .option('--from <YYYY-MM-DD>', 'entries dated on or after this day')
    .option('--to <YYYY-MM-DD>', 'entries dated on or before this day')
    .addHelpText('after', examples('dmp health list', 'dmp health list --kind lab --from 2026-01-01 --json'))
    .action(
      action<Flags>(ctx, (_a, flags) => {
        requireSession(ctx);
        const range = parseDateRange(flags.from, flags.to);
        const entries = listHealthEntries(ctx.store(), currentPatient(ctx).id, { kind: parseKind(flags.kind), ...range });
        ctx.out.result(entries, () => ctx.out.table(entryColumns(ctx), entries));
      }),
    );
}

export function parseKind(value: string | undefined): Kind | undefined {
  if (value === undefined) return undefined;
  const kind = value.trim().toLowerCase();
  if (!(KINDS as readonly string[]).includes(kind)) throw usageError(`"${value}" is not a kind of health entry.`, `Pass --kind with one of ${KINDS.join(', ')}.`);
  return kind as Kind;
}
