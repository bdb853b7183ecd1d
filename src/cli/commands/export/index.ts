import type { Command } from 'commander';
import { dirname, join, relative, resolve } from 'node:path';
import { appendAudit } from '../../../audit/log.js';
import { usageError } from '../../../errors.js';
import type { Db } from '../../../store/database.js';
import { withWritesAllowed } from '../../../store/read-only.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
import { checkFolder, checkNewFile, ensureFolder, writeNewFile, writeNewFileChunks } from '../../write-file.js';

interface ExportFlags {
  format?: string;
  output?: string;
  attachments?: string;
  force?: boolean;
}

const FORMATS = ['fhir', 'json'] as const;

export function registerExport(program: Command, ctx: Context): void {
  program
    .command('export')
    .description('export the whole record: a FHIR R4 Bundle, or dmp\'s own lossless JSON (which `dmp restore` reads); health data in clear, written 0600')
    .option('--format <format>', `fhir or json`)
    .option('-o, --output <path>', 'the file to write (default: standard output, when it is piped)')
    .option('--attachments <dir>', 'fhir: write the documents\' bytes as files in DIR (referenced by relative url) instead of inline')
    .option('--force', 'replace the output file (and attachment files) if they exist')
    .addHelpText(
      'after',
      examples(
        'dmp export --format fhir -o record.fhir.json',
        'dmp export --format fhir -o bundle.json --attachments attachments',
        'dmp export --format json -o backup.json        # then: dmp restore backup.json --record new.db',
        'dmp export --format json | gzip > backup.json.gz',
      ),
    )
    .action(action<ExportFlags>(ctx, (_a, flags) => exportRecord(ctx, flags)));
}

async function exportRecord(ctx: Context, flags: ExportFlags): Promise<void> {
  const format = flags.format;
  if (format === undefined) throw usageError('Missing --format.', `Pass --format ${FORMATS.join(' or --format ')}.`);
  if (!(FORMATS as readonly string[]).includes(format)) throw usageError(`"${format}" is not an export format.`, `Pass --format ${FORMATS.join(' or --format ')}.`);
  if (flags.attachments !== undefined && format !== 'fhir') throw usageError('--attachments goes with --format fhir only.', 'Leave it out: the JSON export always holds the bytes.');
  if (flags.output === undefined && ctx.out.isTTY) {
    throw usageError('Standard output is a terminal; the whole record would scroll past it.', `Pass -o PATH, or redirect: dmp export --format ${format} > record.json`);
  }
  const actor = requireSession(ctx);
  const db = ctx.store();
  // Exporting is an access, and the DMP logs accesses (a closed record too): the row goes in
  // before any byte leaves, except where the bytes hold the log itself: a JSON dump to
  // standard output is audited once written (it must not hold its own row). A file is
  // audited once complete, just before it gets its path (a refused path audits nothing).
  const audit = (): void => {
    withWritesAllowed(db, () => appendAudit(db, { actor: actor.username, action: 'record.export', details: { format, to: flags.output === undefined ? 'stdout' : 'file', attachments: flags.attachments !== undefined } }, ctx.now()));
  };
  const { chunks, count, beforeBytes } = format === 'json' ? await jsonExport(db, audit) : await fhirExport(ctx, db, flags, audit);
  if (flags.output !== undefined) {
    const path = writeNewFileChunks(ctx, flags.output, chunks, Boolean(flags.force), '--output', beforeBytes);
    ctx.out.note(`Wrote the record (${format}, ${count}) to ${path}. It holds health data in clear: keep it safe.`);
  } else if (format === 'json') {
    for (const chunk of chunks) ctx.out.write(chunk);
    audit();
  } else {
    beforeBytes();
    for (const chunk of chunks) ctx.out.write(chunk);
  }
}

/** What an export writes (pieces, made as they are written), what it holds, and what must happen before its bytes leave. */
interface Export {
  chunks: Iterable<string>;
  count: string;
  beforeBytes: () => void;
}

async function jsonExport(db: Db, audit: () => void): Promise<Export> {
  const { exportJson } = await import('../../../interop/json-export.js');
  return { chunks: exportJson(db), count: 'every table', beforeBytes: audit };
}

async function fhirExport(ctx: Context, db: Db, flags: ExportFlags, audit: () => void): Promise<Export> {
  const [{ collectRecord }, { attachmentName, fhirBundleJson }] = await Promise.all([import('../../../interop/collect.js'), import('../../../interop/fhir.js')]);
  // One read transaction, so that every part of the bundle is of the same moment.
  const view = db.transaction(() => collectRecord(db, ctx.now()))();
  const base = flags.output !== undefined ? dirname(resolve(ctx.cwd, flags.output)) : ctx.cwd;
  const dir = flags.attachments === undefined ? undefined : checkFolder(ctx, flags.attachments, '--attachments');
  // Every attachment's path is checked before the audit row and before any byte is written.
  if (dir) {
    if (flags.output !== undefined) checkNewFile(ctx, flags.output, Boolean(flags.force), '--output');
    for (const d of view.documents) checkNewFile(ctx, join(dir, attachmentName(d)), Boolean(flags.force), '--attachments');
    // Made now, once nothing is refused: the bundle may be written inside it.
    ensureFolder(ctx, dir, '--attachments');
  }
  return {
    chunks: fhirBundleJson(view, { attachmentsDir: dir === undefined ? undefined : relative(base, dir).split('\\').join('/') || '.' }),
    count: `${view.people.length} people, ${view.documents.length} documents, ${view.acts.length} acts, ${view.health.length} health entries`,
    // The documents' files are written with the bundle, after the audit row.
    beforeBytes: () => {
      audit();
      if (dir) for (const d of view.documents) writeNewFile(ctx, join(dir, attachmentName(d)), d.bytes, Boolean(flags.force), '--attachments');
    },
  };
}
