import type { Command } from 'commander';
import { reopenRecord } from '../../../consent/record-life.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';

export function registerReopen(record: Command, ctx: Context): void {
  record
    .command('reopen')
    .description('reopen a closed record: it can be changed again')
    .addHelpText('after', examples('dmp record reopen'))
    .action(
      action(ctx, () => {
        const actor = requireSession(ctx, { whileClosed: true });
        const { changed, life } = reopenRecord(ctx.store(), actor.username, ctx.now());
        ctx.out.result(life, () => ctx.out.note(changed ? 'The record is open again: it can be changed.' : 'The record is not closed; nothing changed.'));
      }),
    );
}
