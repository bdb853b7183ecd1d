import type { Command } from 'commander';
import { removeDocument } from '../../../documents/documents.js';
import { getDocument } from '../../../documents/repo.js';
import { usageError } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
import { documentId } from './shared.js';

export function registerRm(docs: Command, ctx: Context): void {
  docs
    .command('rm')
    .description('delete a document for good (its bytes too, unless another document shares them); asks first')
    .argument('<id>', 'the document id')
    .option('--yes', 'do not ask (needed when not on a terminal)')
    .addHelpText('after', examples('dmp docs rm 12', 'dmp docs rm 12 --yes'))
    .action(
      action<{ yes?: boolean }>(ctx, async ([id], flags) => {
        const actor = requireSession(ctx);
        const db = ctx.store();
        const doc = getDocument(db, documentId(id));
        if (!flags.yes) {
          if (!ctx.interactive) throw usageError(`Deleting document ${doc.id} needs confirmation.`, 'Pass --yes to confirm; dmp only asks on a terminal.');
          const ok = await ctx.prompter.confirm(`Delete document ${doc.id} "${ctx.out.safe(doc.title)}" (${doc.date}) for good?`, false);
          // Saying no is an answer, not a failure (130 is for Ctrl-C).
          if (!ok) return ctx.out.result({ deleted: null }, () => ctx.out.note('Not deleted; nothing changed.'));
        }
        removeDocument(db, doc.id, actor.username, ctx.now());
        ctx.out.result({ deleted: doc.id }, () => ctx.out.note(`Deleted document ${doc.id} "${doc.title}".`));
      }),
    );
}
