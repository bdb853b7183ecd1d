import type { Command } from 'commander';
import { type DocumentRecord, documentText, getDocument } from '../../../documents/repo.js';
import { formatSize } from '../../../documents/ingest.js';
import { findType } from '../../../documents/taxonomy.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
import { documentId, documentJson } from './shared.js';

const PREVIEW_LINES = 10;

export function registerShow(docs: Command, ctx: Context): void {
  docs
    .command('show')
    .description('show one document: its metadata and the first lines of its text')
    .argument('<id>', 'the document id (from `dmp docs list`)')
    .addHelpText('after', examples('dmp docs show 12', 'dmp docs show 12 --json'))
    .action(
      action(ctx, ([id]) => {
        requireSession(ctx);
        const db = ctx.store();
        const doc = getDocument(db, documentId(id));
        printDocument(ctx, doc, preview(documentText(db, doc.id)));
      }),
    );
}

/** The first lines of the text, or null when there is none (images, binaries). */
function preview(text: string | null): string | null {
  if (text === null) return null;
  const lines = text.split(/\r?\n/);
  return lines.slice(0, PREVIEW_LINES).join('\n') + (lines.length > PREVIEW_LINES ? '\n…' : '');
}

/** Metadata as fields (JSON: the document, plus `preview` when asked for). */
export function printDocument(ctx: Context, d: DocumentRecord, text: string | null): void {
  const type = findType(d.typeCode);
  ctx.out.result({ ...documentJson(d), ...(text !== null ? { preview: text } : {}) }, () => {
    ctx.out.fields([
      ['id', d.id],
      ['title', d.title],
      ['type', type ? `${type.label} (${d.typeCode}, ${d.category})` : d.typeCode],
      ['date', d.date],
      ['author', d.author],
      ['org', d.org],
      ['file', d.fileName],
      ['mime', d.mimeType],
      ['size', formatSize(d.size)],
      ['sha256', d.sha256],
      ['masked', d.masked ? 'yes (hidden from professionals)' : 'no'],
      ['archived', d.archived ? 'yes' : 'no'],
      ['added', d.createdAt],
    ]);
    if (text !== null) {
      ctx.out.line();
      ctx.out.line(ctx.out.safe(text, true));
    }
  });
}
