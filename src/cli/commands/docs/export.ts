import type { Command } from 'commander';
import { exportDocument } from '../../../documents/documents.js';
import { getDocument } from '../../../documents/repo.js';
import { usageError } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
import { writeNewFile } from '../../write-file.js';
import { documentId } from './shared.js';

interface ExportFlags {
  output?: string;
  force?: boolean;
}

export function registerExport(docs: Command, ctx: Context): void {
  docs
    .command('export')
    .description('write a document\'s original bytes to a file, or to standard output when it is piped')
    .argument('<id>', 'the document id')
    .option('-o, --output <path>', 'the file to write (a regular file; never through a symbolic link)')
    .option('--force', 'overwrite the file if it exists')
    .addHelpText('after', examples('dmp docs export 12 -o radio.pdf', 'dmp docs export 12 > radio.pdf', 'dmp docs export 12 | sha256sum'))
    .action(action<ExportFlags>(ctx, ([id], flags) => run(ctx, documentId(id), flags)));
}

function run(ctx: Context, id: number, flags: ExportFlags): void {
  const actor = requireSession(ctx);
  const db = ctx.store();
  const doc = getDocument(db, id);
  if (flags.output === undefined && ctx.out.isTTY) {
    throw usageError('Standard output is a terminal; the bytes would garble it.', `Pass -o PATH, or redirect: dmp docs export ${id} > ${doc.fileName ?? 'document'}`);
  }
  const shown = flags.output;
  if (shown === undefined) {
    exportDocument(db, id, 'stdout', actor.username, ctx.now(), (bytes) => ctx.out.write(bytes));
    return;
  }
  let size = 0;
  exportDocument(db, id, 'file', actor.username, ctx.now(), (bytes) => {
    // 0600, written beside the path and renamed or linked when complete (see write-file.ts).
    writeNewFile(ctx, shown, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Boolean(flags.force), '--output');
    size = bytes.length;
  });
  ctx.out.note(`Wrote document ${id} (${size} bytes) to ${shown}.`);
}
