import type { Command } from 'commander';
import { reindexDocuments } from '../../../documents/documents.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';

export function registerReindex(docs: Command, ctx: Context): void {
  docs
    .command('reindex')
    .description('rebuild the full-text index from the documents')
    .addHelpText('after', examples('dmp docs reindex'))
    .action(
      action(ctx, () => {
        const actor = requireSession(ctx);
        const count = reindexDocuments(ctx.store(), actor.username, ctx.now());
        ctx.out.result({ documents: count }, () => ctx.out.note(`Rebuilt the search index over ${count} documents.`));
      }),
    );
}
