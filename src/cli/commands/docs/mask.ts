import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerToggle } from './toggle.js';

export function registerMask(docs: Command, ctx: Context): void {
  registerToggle(docs, ctx, {
    verb: 'mask',
    description: 'hide a document from professionals (you and your médecin traitant still see it)',
    action: 'document.mask',
    field: 'masked',
    value: true,
    state: 'masked',
  });
}
