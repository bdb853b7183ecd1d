import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerClose } from './close.js';
import { registerDelete } from './delete.js';
import { registerReopen } from './reopen.js';

export function registerRecord(program: Command, ctx: Context): void {
  const record = program.command('record').description("the record's life: close it (read-only), reopen it, delete it for good");
  registerClose(record, ctx);
  registerReopen(record, ctx);
  registerDelete(record, ctx);
}
