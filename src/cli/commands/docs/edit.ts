import type { Command } from 'commander';
import { changeDocument, validateOptionalName, validateTitle } from '../../../documents/documents.js';
import type { DocumentChanges } from '../../../documents/repo.js';
import { getDocument } from '../../../documents/repo.js';
import { resolveType } from '../../../documents/taxonomy.js';
import { usageError } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
import { actDate, documentId } from './shared.js';
import { printDocument } from './show.js';

interface EditFlags {
  title?: string;
  date?: string;
  author?: string;
  org?: string;
  type?: string;
}

export function registerEdit(docs: Command, ctx: Context): void {
  docs
    .command('edit')
    .description("change a document's title, date, author, organisation or type (its content never changes)")
    .argument('<id>', 'the document id')
    .option('--title <text>', 'the new title')
    .option('--date <YYYY-MM-DD>', 'the new date of the act')
    .option('--author <name>', 'the new author ("" clears it)')
    .option('--org <name>', 'the new organisation ("" clears it)')
    .option('--type <code|slug>', 'the new sub-type')
    .addHelpText('after', examples('dmp docs edit 12 --title "Radio du thorax" --date 2026-03-02', 'dmp docs edit 12 --type cr-imagerie --org ""'))
    .action(action<EditFlags>(ctx, ([id], flags) => edit(ctx, documentId(id), flags)));
}

function edit(ctx: Context, id: number, flags: EditFlags): void {
  const actor = requireSession(ctx);
  const db = ctx.store();
  const changes: DocumentChanges = {};
  if (flags.title !== undefined) changes.title = validateTitle(flags.title);
  if (flags.date !== undefined) changes.date = actDate(ctx, flags.date, flags.date);
  if (flags.author !== undefined) changes.author = validateOptionalName(flags.author, 'author');
  if (flags.org !== undefined) changes.org = validateOptionalName(flags.org, 'org');
  if (flags.type !== undefined) changes.typeCode = resolveType(flags.type).code;
  if (Object.keys(changes).length === 0) throw usageError('Nothing to change.', 'Pass at least one of --title, --date, --author, --org, --type.');
  getDocument(db, id);
  printDocument(ctx, changeDocument(db, id, changes, 'document.edit', actor.username, ctx.now()), null);
}
