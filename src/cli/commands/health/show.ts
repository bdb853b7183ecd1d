import type { Command } from 'commander';
import { ownEntry } from '../../../health/service.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { entryId, printEntry } from './render.js';
import { explain } from './wording.js';

export function registerShow(health: Command, ctx: Context): void {
  health
    .command('show')
    .description('show one health entry')
    .argument('<id>', 'the entry id (from `dmp health list`)')
    .addHelpText('after', examples('dmp health show 3', 'dmp health show 3 --json'))
    .action(
      action(ctx, ([id]) => {
        requireSession(ctx);
        printEntry(ctx, explain(undefined, () => ownEntry(ctx.store(), currentPatient(ctx).id, entryId(id))));
      }),
    );
}
