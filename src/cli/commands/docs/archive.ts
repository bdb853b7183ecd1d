import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerToggle } from './toggle.js';

export function registerArchive(docs: Command, ctx: Context): void {
  registerToggle(docs, ctx, {
    verb: 'archive',
    description: 'archive a document: hidden from list and search unless --archived',
    action: 'document.archive',
    field: 'archived',
    value: true,
    state: 'archived',
  });
}
