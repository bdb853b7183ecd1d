import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerAdd } from './add.js';
import { registerList } from './list.js';
import { registerEdit } from './edit.js';
import { registerRm } from './rm.js';
import { registerShow } from './show.js';

export function registerPatients(program: Command, ctx: Context): void {
  const patients = program.command('patients').description('the people in the record (the holder and their children)');
  registerAdd(patients, ctx);
  registerList(patients, ctx);
  registerShow(patients, ctx);
  registerEdit(patients, ctx);
  registerRm(patients, ctx);
}
