import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The audit MAC key of each open connection, held beside it (never in the record): loaded
 * from the session or at login, so that every area's appendAudit(db, ...) can MAC its row.
 */
const keys = new WeakMap<Database.Database, Buffer>();

export function setAuditKey(db: Database.Database, key: Buffer): void {
  keys.set(db, key);
}

export function auditKeyOf(db: Database.Database): Buffer | undefined {
  return keys.get(db);
}

/** A throwaway key, for in-memory records made by tests (createAccount replaces it). */
export function setThrowawayAuditKey(db: Database.Database): void {
  keys.set(db, randomBytes(32));
}
