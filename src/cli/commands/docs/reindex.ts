import type { Command } from 'commander';
import { appendAudit } from '../../../audit/log.js';
import { rebuildIndex } from '../../../documents/search.js';
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
        const db = ctx.store();
        const count = db.transaction(() => {
          const n = rebuildIndex(db);
          appendAudit(db, { actor: actor.username, action: 'document.reindex', details: { documents: n } }, ctx.now());
          return n;
        })();
        ctx.out.result({ documents: count }, () => ctx.out.note(`Rebuilt the search index over ${count} documents.`));
      }),
    );
}
