import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerCheck } from './check.js';

/** The record file itself. Each verb registers itself; keep this a plain list. */
const verbs: ((record: Command, ctx: Context) => void)[] = [registerCheck];

export function registerRecord(program: Command, ctx: Context): void {
  const record = program.command('record').description('the record file itself: check it (more: close, reopen, delete)');
  for (const register of verbs) register(record, ctx);
}
