import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportDocument } from '../../../documents/documents.js';
import { getDocument } from '../../../documents/repo.js';
import { usageError } from '../../../errors.js';
import { lstatOrNull, notRegularFile } from '../../../util/files.js';
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
  const path = resolve(ctx.cwd, shown);
  let size = 0;
  exportDocument(db, id, 'file', actor.username, ctx.now(), (bytes) => {
    writeExport(ctx, path, shown, bytes, Boolean(flags.force));
    size = bytes.length;
  });
  ctx.out.note(`Wrote document ${id} (${size} bytes) to ${shown}.`);
}

/**
 * Health data: the file is 0600, never replaced without --force, and only ever a regular file
 * reached without a symbolic link (`--force` on /dev/null or a planted link would otherwise
 * chmod or overwrite something else). The shared writer writes it beside the path and gives it
 * the path when complete: a crash, a kill -9 or a full disk midway leaves the old file, or none,
 * never half of the new one.
 */
function writeExport(ctx: Context, path: string, shown: string, bytes: Uint8Array, force: boolean): void {
  const replace = refuseNonRegular(path, shown, force);
  writeNewFile(ctx, path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), replace, '--output');
}

/** True for an existing regular file that --force may replace; throws for anything else that exists. */
function refuseNonRegular(path: string, shown: string, force: boolean): boolean {
  const stat = lstatOrNull(path);
  if (stat === null) return false; // missing: created exclusively
  if (stat.isSymbolicLink()) throw usageError(`${shown} is a symbolic link; dmp does not write through links.`, 'Give the path of the file itself.');
  if (!stat.isFile()) throw usageError(notRegularFile(shown, stat), 'Give the path of a file to create or replace.');
  if (!force) throw usageError(`${shown} already exists.`, 'Pass --force to overwrite it, or choose another path.');
  return true;
}
