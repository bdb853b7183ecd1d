import type { Command } from 'commander';
import type { DocumentFilters, DocumentRecord } from '../../../documents/repo.js';
import { parseCategory, resolveType } from '../../../documents/taxonomy.js';
import { validateActDate } from '../../../documents/documents.js';
import { formatSize } from '../../../documents/ingest.js';
import { parseDateRange, parsePositiveInt } from '../../command.js';
import type { Context } from '../../context.js';
import type { Column } from '../../output.js';
import { currentPatient } from '../../session.js';

export interface FilterFlags {
  category?: string;
  type?: string;
  from?: string;
  to?: string;
  author?: string;
  masked?: boolean;
  archived?: boolean;
  limit?: string;
}

/** The filters `docs list` and `docs search` share. */
export function filterOptions(cmd: Command): Command {
  return cmd
    .option('--category <key>', 'only this category (syntheses, treatments, reports, imaging, biology, prevention, patient)')
    .option('--type <code|slug>', 'only this sub-type (see `dmp docs types`)')
    .option('--from <YYYY-MM-DD>', 'acts on or after this day')
    .option('--to <YYYY-MM-DD>', 'acts on or before this day')
    .option('--author <name>', 'author contains this (case and accents ignored)')
    .option('--masked', 'only documents masked from professionals')
    .option('--archived', 'only archived documents (hidden otherwise)')
    .option('--limit <n>', 'at most this many documents (search: 20 unless given)');
}

export function readFilters(ctx: Context, flags: FilterFlags, defaultLimit?: number): DocumentFilters {
  parseDateRange(flags.from, flags.to);
  return {
    patientId: currentPatient(ctx).id,
    category: flags.category !== undefined ? parseCategory(flags.category) : undefined,
    typeCode: flags.type !== undefined ? resolveType(flags.type).code : undefined,
    from: flags.from,
    to: flags.to,
    author: flags.author,
    masked: flags.masked,
    archived: flags.archived,
    limit: flags.limit !== undefined ? parsePositiveInt(flags.limit, 'limit') : defaultLimit,
  };
}

export const documentId = (value: unknown): number => parsePositiveInt(String(value), 'document id');

/** An optional --date flag, checked against today. */
export function actDate(ctx: Context, value: string | undefined, fallback: string): string {
  return validateActDate(value ?? fallback, ctx.now());
}

export const DOCUMENT_COLUMNS: Column<DocumentRecord>[] = [
  { header: 'id', value: (d) => d.id, align: 'right' },
  { header: 'date', value: (d) => d.date },
  { header: 'type', value: (d) => d.typeCode },
  { header: 'title', value: (d) => d.title },
  { header: 'author', value: (d) => d.author },
  { header: 'org', value: (d) => d.org },
  { header: 'mime', value: (d) => d.mimeType },
  { header: 'size', value: (d) => formatSize(d.size), raw: (d) => d.size, align: 'right' },
  { header: 'flags', value: (d) => [d.masked ? 'masked' : '', d.archived ? 'archived' : ''].filter(Boolean).join(',') },
];

/** The JSON shape of a document (the field list, plus the file name and patient). */
export function documentJson(d: DocumentRecord) {
  return {
    id: d.id,
    patientId: d.patientId,
    typeCode: d.typeCode,
    category: d.category,
    title: d.title,
    date: d.date,
    author: d.author,
    org: d.org,
    fileName: d.fileName,
    mimeType: d.mimeType,
    size: d.size,
    sha256: d.sha256,
    masked: d.masked,
    archived: d.archived,
    createdAt: d.createdAt,
  };
}
