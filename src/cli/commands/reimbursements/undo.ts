import type { Command } from 'commander';
import { DmpError } from '../../../errors.js';
import { undoImport } from '../../../reimbursements/undo.js';
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
  let report;
  try {
    report = undoImport(ctx.store(), id, actor.username, ctx.now());
  } catch (err) {
    if (err instanceof DmpError && (err.kind === 'not-found' || err.kind === 'invalid')) throw new DmpError(err.kind, err.message, 'See `dmp reimbursements imports`.');
    throw err;
  }
  const { removed, file } = report;
  ctx.out.result(report, () => ctx.out.note(`Undid import ${id} (${file}): ${removed} act${removed === 1 ? '' : 's'} removed.`));
}
