import type { Command } from 'commander';
import { appendAudit } from '../../../audit/log.js';
import { invalidData, notFound } from '../../../errors.js';
import { getBatch, undoBatch } from '../../../reimbursements/repo.js';
import { action, examples, parsePositiveInt } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';

export function registerUndo(parent: Command, ctx: Context): void {
  parent
    .command('undo')
    .description('remove the acts an import batch added (see `dmp reimbursements imports`)')
    .argument('<id>', 'the import batch id')
    .addHelpText('after', examples('dmp reimbursements undo 3'))
    .action(action(ctx, ([id]) => undo(ctx, parsePositiveInt(String(id), 'import id'))));
}

function undo(ctx: Context, id: number): void {
  const actor = requireSession(ctx);
  const db = ctx.store();
  const batch = getBatch(db, id);
  if (!batch) throw notFound(`There is no import ${id}.`, 'See `dmp reimbursements imports`.');
  if (batch.undoneAt) throw invalidData(`Import ${id} (${batch.file}) was already undone on ${batch.undoneAt.slice(0, 10)}.`, 'See `dmp reimbursements imports`.');
  const removed = db.transaction(() => {
    const n = undoBatch(db, id, ctx.now());
    appendAudit(db, { actor: actor.username, action: 'reimbursements.undo', target: `import:${id}`, details: { file: batch.file, removed: n } }, ctx.now());
    return n;
  })();
  ctx.out.result({ importId: id, file: batch.file, removed }, () => ctx.out.note(`Undid import ${id} (${batch.file}): ${removed} act${removed === 1 ? '' : 's'} removed.`));
}
