import type { Command } from 'commander';
import { DmpError, usageError } from '../../../errors.js';
import { ownEntry, removeHealthEntry } from '../../../health/service.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { entryId, entryName } from './render.js';
import { explain } from './wording.js';

export function registerRm(health: Command, ctx: Context): void {
  health
    .command('rm')
    .description('delete a health entry; asks first')
    .argument('<id>', 'the entry id')
    .option('--yes', 'do not ask (needed when not on a terminal)')
    .addHelpText('after', examples('dmp health rm 3', 'dmp health rm 3 --yes'))
    .action(
      action<{ yes?: boolean }>(ctx, async ([id], flags) => {
        const actor = requireSession(ctx);
        const db = ctx.store();
        const patientId = currentPatient(ctx).id;
        const entry = explain(undefined, () => ownEntry(db, patientId, entryId(id)));
        if (!flags.yes) {
          if (!ctx.interactive) throw usageError(`Deleting health entry ${entry.id} needs confirmation.`, 'Pass --yes to confirm; dmp only asks on a terminal.');
          const ok = await ctx.prompter.confirm(`Delete the ${entry.kind} "${entryName(entry)}" (entry ${entry.id})?`, false);
          if (!ok) throw new DmpError('cancelled', 'Cancelled; nothing was deleted.');
        }
        removeHealthEntry(db, { actor: actor.username, patientId }, entry.id, ctx.now());
        ctx.out.result({ deleted: entry.id }, () => ctx.out.note(`Deleted the ${entry.kind} "${entryName(entry)}" (entry ${entry.id}).`));
      }),
    );
}
