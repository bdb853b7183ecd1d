import type { Command } from 'commander';
import { listDocuments } from '../../../documents/repo.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
import { DOCUMENT_COLUMNS, documentJson, type FilterFlags, filterOptions, readFilters } from './shared.js';

export function registerList(docs: Command, ctx: Context): void {
  filterOptions(docs.command('list').description('list documents, newest first (archived ones only with --archived)'))
    .addHelpText('after', examples('dmp docs list --limit 20', 'dmp docs list --category imaging --from 2025-01-01', 'dmp --patient 2 docs list --json'))
    .action(
      action<FilterFlags>(ctx, (_a, flags) => {
        requireSession(ctx);
        const rows = listDocuments(ctx.store(), readFilters(ctx, flags));
        ctx.out.result(rows.map(documentJson), () => {
          if (rows.length === 0 && ctx.out.isTTY) return ctx.out.note('No documents match.');
          ctx.out.table(DOCUMENT_COLUMNS, rows);
        });
      }),
    );
}
