import { fieldError } from '../errors.js';
import type { Db } from '../store/database.js';
import { fold } from '../util/fold.js';
import type { Content } from './ingest.js';
import { type CategoryKey, findType } from './taxonomy.js';

/** A document as the CLI and JSON show it. */
export interface DocumentRecord {
  id: number;
  patientId: number;
  typeCode: string;
  category: CategoryKey;
  title: string;
  date: string;
  author: string | null;
  org: string | null;
  fileName: string | null;
  mimeType: string;
  size: number;
  sha256: string;
  contentId: number;
  masked: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewDocument {
  patientId: number;
  typeCode: string;
  title: string;
  date: string;
  author?: string | null;
  org?: string | null;
  fileName?: string | null;
  masked?: boolean;
}

interface Row {
  id: number;
  content_id: number;
  patient_id: number;
  type_code: string;
  category: string;
  title: string;
  date: string;
  author: string | null;
  org: string | null;
  file_name: string | null;
  mime_type: string;
  size: number;
  sha256: string;
  masked: number;
  archived: number;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT d.*, c.sha256, c.mime_type, c.size FROM document d JOIN document_content c ON c.id = d.content_id`;

export const toDocument = (r: Row): DocumentRecord => ({
  id: r.id,
  patientId: r.patient_id,
  typeCode: r.type_code,
  category: r.category as CategoryKey,
  title: r.title,
  date: r.date,
  author: r.author,
  org: r.org,
  fileName: r.file_name,
  mimeType: r.mime_type,
  size: r.size,
  sha256: r.sha256,
  contentId: r.content_id,
  masked: r.masked === 1,
  archived: r.archived === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const noDocument = (id: number) => fieldError('not-found', `There is no document ${id} in this record.`, { field: 'document', value: String(id) });

/** A patient's document holding these exact bytes, if any (for the duplicate check). */
export function findDuplicate(db: Db, patientId: number, sha256: string): number | undefined {
  const row = db
    .prepare('SELECT d.id FROM document d JOIN document_content c ON c.id = d.content_id WHERE d.patient_id = ? AND c.sha256 = ? ORDER BY d.id LIMIT 1')
    .get(patientId, sha256) as { id: number } | undefined;
  return row?.id;
}

/** Stores the bytes once (a second document with the same sha256 shares them); returns their id. */
export function putContent(db: Db, content: Content): number {
  const existing = db.prepare('SELECT id FROM document_content WHERE sha256 = ?').get(content.sha256) as { id: number } | undefined;
  if (existing) return existing.id;
  const info = db
    .prepare('INSERT INTO document_content (sha256, mime_type, size, bytes, text_source, text) VALUES (?, ?, ?, ?, ?, ?)')
    .run(content.sha256, content.mimeType, content.bytes.length, content.bytes, content.text.source, content.text.text);
  return Number(info.lastInsertRowid);
}

/** Inserts a document whose content is already stored (putContent); the index follows by trigger. */
export function insertDocument(db: Db, doc: NewDocument, contentId: number, now: Date): DocumentRecord {
  const type = findType(doc.typeCode);
  if (!type) throw new Error(`unknown type code ${doc.typeCode}`);
  const at = now.toISOString();
  const info = db
    .prepare(
      `INSERT INTO document (patient_id, type_code, category, title, date, author, author_key, org, file_name, content_id, masked, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(doc.patientId, type.code, type.category, doc.title, doc.date, doc.author ?? null, doc.author ? fold(doc.author) : null, doc.org ?? null, doc.fileName ?? null, contentId, doc.masked ? 1 : 0, at, at);
  return getDocument(db, Number(info.lastInsertRowid));
}

export function getDocument(db: Db, id: number): DocumentRecord {
  const row = db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as Row | undefined;
  if (!row) throw noDocument(id);
  return toDocument(row);
}

export function documentBytes(db: Db, id: number): Buffer {
  const row = db.prepare('SELECT c.bytes FROM document d JOIN document_content c ON c.id = d.content_id WHERE d.id = ?').get(id) as { bytes: Buffer } | undefined;
  if (!row) throw noDocument(id);
  return row.bytes;
}

/** The searchable text (typed, decoded or extracted), or null for images and binaries. */
export function documentText(db: Db, id: number): string | null {
  const row = db.prepare('SELECT b.body FROM document d JOIN document_body b ON b.content_id = d.content_id WHERE d.id = ?').get(id) as { body: string | null } | undefined;
  return row?.body ?? null;
}

export interface DocumentFilters {
  patientId: number;
  category?: CategoryKey;
  typeCode?: string;
  from?: string;
  to?: string;
  author?: string;
  masked?: boolean;
  /** Archived documents only (otherwise they are hidden). */
  archived?: boolean;
  limit?: number;
}

/** The WHERE clause (on alias d) and its parameters for the list/search filters. */
export function filterClause(f: DocumentFilters): { sql: string; params: Record<string, unknown> } {
  const parts = ['d.patient_id = @patientId', 'd.archived = @archived'];
  const params: Record<string, unknown> = { patientId: f.patientId, archived: f.archived ? 1 : 0 };
  if (f.category) (parts.push('d.category = @category'), (params.category = f.category));
  if (f.typeCode) (parts.push('d.type_code = @typeCode'), (params.typeCode = f.typeCode));
  if (f.from) (parts.push('d.date >= @from'), (params.from = f.from));
  if (f.to) (parts.push('d.date <= @to'), (params.to = f.to));
  if (f.author) (parts.push("d.author_key LIKE '%' || @author || '%' ESCAPE '\\'"), (params.author = fold(f.author).replace(/[%_\\]/g, '\\$&')));
  if (f.masked) parts.push('d.masked = 1');
  return { sql: parts.join(' AND '), params };
}

/** Newest first (date of the act, then the latest added). */
export function listDocuments(db: Db, f: DocumentFilters): DocumentRecord[] {
  const where = filterClause(f);
  const rows = db
    .prepare(`${SELECT} WHERE ${where.sql} ORDER BY d.date DESC, d.id DESC LIMIT @limit`)
    .all({ ...where.params, limit: f.limit ?? -1 }) as Row[];
  return rows.map(toDocument);
}

export interface DocumentChanges {
  typeCode?: string;
  title?: string;
  date?: string;
  author?: string | null;
  org?: string | null;
  masked?: boolean;
  archived?: boolean;
}

/** Applies the given changes (the index follows by trigger) and returns the new state. */
export function updateDocument(db: Db, id: number, changes: DocumentChanges, now: Date): DocumentRecord {
  getDocument(db, id);
  const sets: string[] = [];
  const params: Record<string, unknown> = { id, now: now.toISOString() };
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = @${column}`);
    params[column] = value;
  };
  if (changes.typeCode !== undefined) {
    const type = findType(changes.typeCode);
    if (!type) throw new Error(`unknown type code ${changes.typeCode}`);
    set('type_code', type.code);
    set('category', type.category);
  }
  if (changes.title !== undefined) set('title', changes.title);
  if (changes.date !== undefined) set('date', changes.date);
  if (changes.author !== undefined) (set('author', changes.author), set('author_key', changes.author ? fold(changes.author) : null));
  if (changes.org !== undefined) set('org', changes.org);
  if (changes.masked !== undefined) set('masked', changes.masked ? 1 : 0);
  if (changes.archived !== undefined) set('archived', changes.archived ? 1 : 0);
  if (sets.length > 0) db.prepare(`UPDATE document SET ${sets.join(', ')}, updated_at = @now WHERE id = @id`).run(params);
  return getDocument(db, id);
}

/** Deletes a document, and its bytes when no other document shares them. */
export function deleteDocument(db: Db, id: number): DocumentRecord {
  const doc = getDocument(db, id);
  db.prepare('DELETE FROM document WHERE id = ?').run(id);
  db.prepare('DELETE FROM document_content WHERE id = ? AND NOT EXISTS (SELECT 1 FROM document WHERE content_id = ?)').run(doc.contentId, doc.contentId);
  return doc;
}

export function countDocuments(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n;
}
