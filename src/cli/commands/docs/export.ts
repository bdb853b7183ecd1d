import { chmodSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { appendAudit } from '../../../audit/log.js';
import { documentBytes, getDocument } from '../../../documents/repo.js';
import { usageError } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
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
    .option('-o, --output <path>', 'the file to write')
    .option('--force', 'overwrite the file if it exists')
    .addHelpText('after', examples('dmp docs export 12 -o radio.pdf', 'dmp docs export 12 > radio.pdf', 'dmp docs export 12 | sha256sum'))
    .action(action<ExportFlags>(ctx, ([id], flags) => exportDocument(ctx, documentId(id), flags)));
}

function exportDocument(ctx: Context, id: number, flags: ExportFlags): void {
  const actor = requireSession(ctx);
  const db = ctx.store();
  const doc = getDocument(db, id);
  if (flags.output === undefined && ctx.out.isTTY) {
    throw usageError('Standard output is a terminal; the bytes would garble it.', `Pass -o PATH, or redirect: dmp docs export ${id} > ${doc.fileName ?? 'document'}`);
  }
  const bytes = documentBytes(db, id);
  if (flags.output !== undefined) {
    const path = resolve(ctx.cwd, flags.output);
    writeExport(path, flags.output, bytes, Boolean(flags.force));
    ctx.out.note(`Wrote document ${id} (${bytes.length} bytes) to ${flags.output}.`);
  } else {
    ctx.out.write(bytes);
  }
  // Reading a document is an access, and the DMP logs accesses too.
  appendAudit(db, { actor: actor.username, action: 'document.export', target: `document:${id}`, details: { to: flags.output ?? 'stdout' } }, ctx.now());
}

/** Health data: the file is 0600 (also when --force replaces one), and never replaced without --force. */
function writeExport(path: string, shown: string, bytes: Uint8Array, force: boolean): void {
  try {
    // 'wx' fails if the path exists, in the same step as creating it (no check-then-write race).
    writeFileSync(path, bytes, { mode: 0o600, flag: force ? 'w' : 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw usageError(`${shown} already exists.`, 'Pass --force to overwrite it, or choose another path.');
    throw usageError(`Cannot write ${shown} (${code ?? (err as Error).message}).`, 'Choose a path in a folder that exists and that you can write to.');
  }
  if (force) chmodSync(path, 0o600);
}
