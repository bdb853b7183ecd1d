import type { Command } from 'commander';
import { type ImportBatch, listBatches } from '../../../reimbursements/repo.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';

export function registerImports(parent: Command, ctx: Context): void {
  parent
    .command('imports')
    .description('list import batches: file, sha256, counts, when, and whether undone')
    .addHelpText('after', examples('dmp reimbursements imports', 'dmp reimbursements imports --json'))
    .action(
      action(ctx, () => {
        requireSession(ctx);
        const batches = listBatches(ctx.store());
        ctx.out.result(batches, () =>
          ctx.out.table<ImportBatch>(
            [
              { header: 'id', value: (b) => b.id, align: 'right' },
              { header: 'file', value: (b) => b.file },
              { header: 'person', value: (b) => b.patientId, align: 'right' },
              { header: 'imported at', value: (b) => b.importedAt },
              { header: 'rows', value: (b) => b.rows, align: 'right' },
              { header: 'new', value: (b) => b.inserted, align: 'right' },
              { header: 'known', value: (b) => b.duplicates, align: 'right' },
              { header: 'rejected', value: (b) => b.rejected, align: 'right' },
              { header: 'undone at', value: (b) => b.undoneAt },
              { header: 'sha256', value: (b) => (ctx.out.isTTY ? b.sha256.slice(0, 12) : b.sha256) },
            ],
            batches,
          ),
        );
      }),
    );
}
