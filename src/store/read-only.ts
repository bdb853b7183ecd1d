import type { Db } from './database.js';

/**
 * A closed record is opened with PRAGMA query_only: SQLite itself then refuses every write
 * (SQLITE_READONLY), whichever code attempts it, so no write command can forget the check.
 */
export function setQueryOnly(db: Db, on: boolean): void {
  db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);
}

export function isQueryOnly(db: Db): boolean {
  return db.pragma('query_only', { simple: true }) === 1;
}

/**
 * Runs `fn` with writes allowed, then restores query_only. Only for the audit log (reading a
 * closed record, an export, is still recorded), for copying it (VACUUM INTO, a backup) and for
 * FTS5's integrity check, which is written as an INSERT.
 */
export function withWritesAllowed<T>(db: Db, fn: () => T): T {
  if (!isQueryOnly(db)) return fn();
  setQueryOnly(db, false);
  try {
    return fn();
  } finally {
    setQueryOnly(db, true);
  }
}

/** True for the error SQLite raises when a query_only (or unwritable) database is written. */
export function isReadOnlyError(err: unknown): boolean {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_READONLY');
}
