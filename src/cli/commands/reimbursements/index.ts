import type { Command } from 'commander';
import { examples } from '../../command.js';
import type { Context } from '../../context.js';
import { registerImport } from './import.js';
import { registerImports } from './imports.js';
import { registerList } from './list.js';
import { registerSummary } from './summary.js';
import { registerUndo } from './undo.js';

export function registerReimbursements(program: Command, ctx: Context): void {
  const reimbursements = program
    .command('reimbursements')
    .description('payer data: AMELI-style CSV imports and the 24-month view by section')
    .addHelpText('after', examples('dmp reimbursements import ~/Downloads/*.csv', 'dmp reimbursements summary'));
  registerImport(reimbursements, ctx);
  registerList(reimbursements, ctx);
  registerSummary(reimbursements, ctx);
  registerImports(reimbursements, ctx);
  registerUndo(reimbursements, ctx);
}
