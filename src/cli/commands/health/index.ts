import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerAdd } from './add.js';
import { registerEdit } from './edit.js';
import { registerList } from './list.js';
import { registerRm } from './rm.js';
import { registerShow } from './show.js';
import { registerTrend } from './trend.js';

export function registerHealth(program: Command, ctx: Context): void {
  const health = program.command('health').description("the person's own health data: allergies, conditions, medication, lab results, measurements, vaccinations");
  registerAdd(health, ctx);
  registerList(health, ctx);
  registerShow(health, ctx);
  registerEdit(health, ctx);
  registerRm(health, ctx);
  registerTrend(health, ctx);
}
