import type { Command } from 'commander';
import { ARCHIVE_YEARS, closeRecord } from '../../../consent/record-life.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';

export function registerClose(record: Command, ctx: Context): void {
  record
    .command('close')
    .description(`close the record: from now on every command that would change it exits 7 (reading and exporting still work); notes the day after which the DMP would delete a record closed today (${ARCHIVE_YEARS} years)`)
    .addHelpText('after', examples('dmp record close', 'dmp record close --json'))
    .action(
      action(ctx, () => {
        const actor = requireSession(ctx, { whileClosed: true });
        const { changed, life } = closeRecord(ctx.store(), actor.username, ctx.now());
        ctx.out.result(life, () => {
          ctx.out.note(changed ? 'The record is closed: it is read-only from now on.' : `The record was already closed (since ${life.closedAt!.slice(0, 10)}); nothing changed.`);
          ctx.out.note(`The DMP keeps a closed record archived for ${ARCHIVE_YEARS} years, then deletes it: after ${life.deleteAfter}. This copy stays until you delete it (\`dmp record delete\`); \`dmp record reopen\` undoes the closing.`);
        });
      }),
    );
}
