import { appendAudit } from '../audit/log.js';
import { usageError } from '../errors.js';
import type { Db } from '../store/database.js';
import { isIsoDate, isoDay } from '../util/dates.js';
import type { Content } from './ingest.js';
import { type DocumentChanges, type DocumentRecord, deleteDocument, findDuplicate, getDocument, insertDocument, type NewDocument, putContent, updateDocument } from './repo.js';

/** The date of the act: a real YYYY-MM-DD day, not after today. */
export function validateActDate(date: string, now: Date, flag = '--date'): string {
  if (!isIsoDate(date)) throw usageError(`"${date}" is not a date in YYYY-MM-DD form.`, `Pass ${flag} YYYY-MM-DD (a real calendar day).`);
  if (date > isoDay(now)) throw usageError(`${date} is in the future.`, `${flag} is the date of the act: today (${isoDay(now)}) or earlier.`);
  return date;
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
  return db.transaction((): AddResult => {
    const twin = findDuplicate(db, doc.patientId, content.sha256);
    if (twin !== undefined && !opts.allowDuplicate) return { document: getDocument(db, twin), duplicateOf: twin };
    const document = insertDocument(db, doc, putContent(db, content), now);
    // Kept short: one audit row per document weighs on a record of many documents.
    appendAudit(db, { actor: opts.actor, action: 'document.add', target: `document:${document.id}`, details: { typeCode: document.typeCode, ...(twin !== undefined ? { duplicateOf: twin } : {}) } }, now);
    return { document };
  })();
}

/** Changes a document and audits the fields that changed, in one transaction. */
export function changeDocument(db: Db, id: number, changes: DocumentChanges, action: string, actor: string, now: Date): DocumentRecord {
  return db.transaction(() => {
    const before = getDocument(db, id);
    const after = updateDocument(db, id, changes, now);
    const changed = Object.fromEntries(
      Object.keys(changes)
        .filter((k) => before[k as keyof DocumentRecord] !== after[k as keyof DocumentRecord])
        .map((k) => [k, { from: before[k as keyof DocumentRecord], to: after[k as keyof DocumentRecord] }]),
    );
    appendAudit(db, { actor, action, target: `document:${id}`, details: changed }, now);
    return after;
  })();
}

export function removeDocument(db: Db, id: number, actor: string, now: Date): DocumentRecord {
  return db.transaction(() => {
    const doc = deleteDocument(db, id);
    appendAudit(db, { actor, action: 'document.remove', target: `document:${id}`, details: { title: doc.title, sha256: doc.sha256 } }, now);
    return doc;
  })();
}
