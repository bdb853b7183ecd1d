import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerCheck } from './check.js';
import { registerClose } from './close.js';
import { registerDelete } from './delete.js';
import { registerReopen } from './reopen.js';

/** The record file itself. Each verb registers itself; keep this a plain list. */
const verbs: ((record: Command, ctx: Context) => void)[] = [registerCheck, registerClose, registerReopen, registerDelete];

export function registerRecord(program: Command, ctx: Context): void {
  const record = program.command('record').description('the record file itself: check it, close it (read-only), reopen it, delete it for good');
  for (const register of verbs) register(record, ctx);
}
