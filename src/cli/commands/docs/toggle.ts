import type { Command } from 'commander';
import type { AuditAction } from '../../../audit/actions.js';
import { changeDocument } from '../../../documents/documents.js';
import type { DocumentChanges, DocumentRecord } from '../../../documents/repo.js';
import { getDocument } from '../../../documents/repo.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
import { documentId } from './shared.js';
import { printDocument } from './show.js';

export interface Toggle {
  verb: string;
  description: string;
  /** Audit action. */
  action: AuditAction;
  field: 'masked' | 'archived';
  value: boolean;
  /** The state it leaves the document in ("masked", "archived"...). */
  state: string;
}

/** mask/unmask/archive/restore: one flag set or cleared, audited; a no-op says so. */
export function registerToggle(docs: Command, ctx: Context, t: Toggle): void {
  docs
    .command(t.verb)
    .description(t.description)
    .argument('<id>', 'the document id')
    .addHelpText('after', examples(`dmp docs ${t.verb} 12`))
    .action(
      action(ctx, ([id]) => {
        const actor = requireSession(ctx);
        const db = ctx.store();
        const docId = documentId(id);
        const before: DocumentRecord = getDocument(db, docId);
        if (before[t.field] === t.value) {
          ctx.out.note(`Document ${docId} is already ${t.state}; nothing changed.`);
          return printDocument(ctx, before, null);
        }
        const changes: DocumentChanges = { [t.field]: t.value };
        const after = changeDocument(db, docId, changes, t.action, actor.username, ctx.now());
        ctx.out.note(`Document ${docId} is now ${t.state}.`);
        printDocument(ctx, after, null);
      }),
    );
}
