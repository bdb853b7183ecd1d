import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerToggle } from './toggle.js';

export function registerUnmask(docs: Command, ctx: Context): void {
  registerToggle(docs, ctx, {
    verb: 'unmask',
    description: 'show a masked document to professionals again',
    action: 'document.unmask',
    field: 'masked',
    value: false,
    state: 'visible to professionals',
  });
}
