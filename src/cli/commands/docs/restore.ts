import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerToggle } from './toggle.js';

export function registerRestore(docs: Command, ctx: Context): void {
  registerToggle(docs, ctx, {
    verb: 'restore',
    description: 'bring an archived document back',
    action: 'document.restore',
    field: 'archived',
    value: false,
    state: 'restored',
  });
}
