import { createHash } from 'node:crypto';
import type { Db } from '../store/database.js';

/** The record's own uuid (migration 009): the namespace payer acts' ids are derived in. */
export function recordUuid(db: Db): string {
  return (db.prepare('SELECT uuid FROM record_identity WHERE id = 1').get() as { uuid: string }).uuid;
}

/** uuid by id, for a table migration 009 gave a uuid column (patient, document). */
export function uuidsOf(db: Db, table: 'patient' | 'document'): Map<number, string> {
  const rows = db.prepare(`SELECT id, uuid FROM ${table}`).all() as { id: number; uuid: string }[];
  return new Map(rows.map((r) => [r.id, r.uuid]));
}

/**
 * A name-based (RFC 9562 version 5: SHA-1) UUID of `name` in the namespace `namespaceUuid`:
 * the same act in the same record always gets the same id, with nothing stored.
 */
export function uuidV5(namespaceUuid: string, name: string | Uint8Array): string {
  const ns = Buffer.from(namespaceUuid.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(typeof name === 'string' ? Buffer.from(name, 'utf8') : name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Each payer act's id, from the record's uuid and the act's fingerprint (text or bytes). */
export function actUuids(db: Db): Map<number, string> {
  const ns = recordUuid(db);
  const out = new Map<number, string>();
  for (const r of db.prepare('SELECT id, fingerprint FROM reimbursement').iterate() as IterableIterator<{ id: number; fingerprint: string | Buffer }>) {
    out.set(r.id, uuidV5(ns, r.fingerprint));
  }
  return out;
}

/** Gives a row its uuid (a generator that must be reproducible: the trigger's would be random). */
export function setUuid(db: Db, table: 'patient' | 'document', id: number, uuid: string): void {
  db.prepare(`UPDATE ${table} SET uuid = ? WHERE id = ?`).run(uuid, id);
}

export function setRecordUuid(db: Db, uuid: string): void {
  db.prepare('UPDATE record_identity SET uuid = ? WHERE id = 1').run(uuid);
}
