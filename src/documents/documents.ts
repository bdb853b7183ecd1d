import { appendAudit } from '../audit/log.js';
import type { AuditAction } from '../audit/actions.js';
import { withWritesAllowed } from '../store/read-only.js';
import { fieldError } from '../errors.js';
import type { Db } from '../store/database.js';
import { dateProblem, describeDateProblem, isoDay } from '../util/dates.js';
import type { Content } from './ingest.js';
import { type DocumentChanges, type DocumentRecord, deleteDocument, documentBytes, findDuplicate, getDocument, insertDocument, type NewDocument, putContent, updateDocument } from './repo.js';
import { rebuildIndex } from './search.js';

/** Longest title, author and organisation accepted: a title names a document, the text holds the rest. */
export const MAX_TITLE_LENGTH = 300;
export const MAX_NAME_LENGTH = 200;

/** The date of the act: a real YYYY-MM-DD day from 1900 on, not after today (the local day). */
export function validateActDate(date: string, now: Date): string {
  const today = isoDay(now);
  const problem = dateProblem(date, { max: today });
  if (problem) throw fieldError('usage', describeDateProblem('', date, problem, { max: today }), { field: 'date', value: date, rule: problem });
  return date;
}

/** A title: some text, within the limit (a 100,000-character title would be a text pasted in the wrong place). */
export function validateTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw fieldError('usage', 'The title is empty.', { field: 'title', rule: 'required' });
  if (trimmed.length > MAX_TITLE_LENGTH) {
    throw fieldError('invalid', `The title is ${trimmed.length} characters long; the limit is ${MAX_TITLE_LENGTH}.`, { field: 'title', rule: 'max-length' });
  }
  return trimmed;
}

/** An author or organisation: trimmed, empty means none, within the limit. */
export function validateOptionalName(value: string | undefined, field: 'author' | 'org'): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (trimmed.length > MAX_NAME_LENGTH) {
    const what = field === 'author' ? 'The author' : 'The organisation';
    throw fieldError('invalid', `${what} is ${trimmed.length} characters long; the limit is ${MAX_NAME_LENGTH}.`, { field, rule: 'max-length' });
  }
  return trimmed;
}

export interface AddResult {
  document: DocumentRecord;
  /** Set when the same bytes were already in the patient's documents and nothing was added. */
  duplicateOf?: number;
}

/**
 * Adds one document and audits it, in one transaction. The same bytes already filed for this
 * patient add nothing unless `allowDuplicate`; either way the bytes are stored once.
 */
export function addDocument(db: Db, doc: NewDocument, content: Content, opts: { actor: string; allowDuplicate?: boolean }, now: Date): AddResult {
  return db
    .transaction((): AddResult => {
      const twin = findDuplicate(db, doc.patientId, content.sha256);
      if (twin !== undefined && !opts.allowDuplicate) return { document: getDocument(db, twin), duplicateOf: twin };
      const document = insertDocument(db, doc, putContent(db, content), now);
      // Kept short: one audit row per document weighs on a record of many documents.
      appendAudit(db, { actor: opts.actor, action: 'document.add', target: `document:${document.id}`, details: { typeCode: document.typeCode, ...(twin !== undefined ? { duplicateOf: twin } : {}) } }, now);
      return { document };
    })
    .immediate();
}

/**
 * Changes a document and audits which fields changed, in one transaction. The audit row names
 * the fields, and the values only of the type and flags: the log is append-only, so an old
 * title, author or date written there could never be taken back.
 */
export function changeDocument(db: Db, id: number, changes: DocumentChanges, action: AuditAction, actor: string, now: Date): DocumentRecord {
  return db
    .transaction(() => {
      const before = getDocument(db, id);
      const after = updateDocument(db, id, changes, now);
      const changed = (Object.keys(changes) as (keyof DocumentChanges)[]).filter((k) => before[k] !== after[k]);
      const details: Record<string, unknown> = { changed };
      if (changed.includes('typeCode')) details.typeCode = { from: before.typeCode, to: after.typeCode };
      for (const flag of ['masked', 'archived'] as const) if (changed.includes(flag)) details[flag] = after[flag];
      appendAudit(db, { actor, action, target: `document:${id}`, details }, now);
      return after;
    })
    .immediate();
}

/**
 * Deletes a document for good: its row, its bytes when no other document shares them, and its
 * words from the search index (merged so no segment keeps them). The freed pages are
 * overwritten (secure_delete, set when the record is opened); the audit row keeps the type and
 * the hash of the bytes, never the title.
 */
export function removeDocument(db: Db, id: number, actor: string, now: Date): DocumentRecord {
  return db
    .transaction(() => {
      const doc = deleteDocument(db, id);
      purgeDeletedTerms(db);
      appendAudit(db, { actor, action: 'document.remove', target: `document:${id}`, details: { typeCode: doc.typeCode, sha256: doc.sha256 } }, now);
      return doc;
    })
    .immediate();
}

/** FTS5 keeps a deleted row's words in its segments until they are merged; 'optimize' merges them all. */
export function purgeDeletedTerms(db: Db): void {
  db.prepare("INSERT INTO document_fts (document_fts) VALUES ('optimize')").run();
}

/**
 * Audits the access and hands a document's bytes to `deliver` (a file, standard output), in one
 * transaction: a delivery that fails is not audited, and the caller reports only once both are done. `to` says where, without the path (a file name can say too much).
 */
export function exportDocument(db: Db, id: number, to: 'file' | 'stdout', actor: string, now: Date, deliver: (bytes: Buffer, doc: DocumentRecord) => void): DocumentRecord {
  // A closed record refuses writes, but an export of it is still audited: the transaction that
  // writes only the audit row is let through.
  return withWritesAllowed(db, () => db
    .transaction(() => {
      const doc = getDocument(db, id);
      // Reading a document is an access, and the DMP logs accesses too: the row is written
      // first, so bytes never leave unaudited; a delivery that throws rolls it back.
      appendAudit(db, { actor, action: 'document.export', target: `document:${id}`, details: { to } }, now);
      deliver(documentBytes(db, id), doc);
      return doc;
    })
    .immediate());
}

/** Rebuilds the search index and audits it, in one transaction; returns how many documents it covers. */
export function reindexDocuments(db: Db, actor: string, now: Date): number {
  return db
    .transaction(() => {
      const n = rebuildIndex(db);
      appendAudit(db, { actor, action: 'document.reindex', details: { documents: n } }, now);
      return n;
    })
    .immediate();
}
