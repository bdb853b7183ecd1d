import type { Db } from './database.js';

/** Page cache for a bulk load, in KiB (negative = KiB for SQLite): room for the indexes of a million rows. */
const BULK_CACHE_KIB = 64 * 1024;

/**
 * Runs `work` (which may await, for streamed input) inside one write transaction, with a
 * page cache sized for a bulk load. `work` returns whether to keep its changes: false (a
 * refused file, a dry run) or a thrown error rolls everything back, so the record is exactly
 * as it was before. The caller must not run other transactions on `db` meanwhile.
 *
 * Foreign-key enforcement is off during the load (it doubles the cost of each insert): the
 * caller vouches for the parents of what it inserts (rows it created in this transaction, or
 * checked, as `importFile` does for the people it routes rows to).
 */
export async function bulkTransaction<T>(db: Db, work: () => Promise<{ commit: boolean; value: T }>): Promise<T> {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  db.pragma('foreign_keys = OFF');
  db.exec('BEGIN IMMEDIATE');
  try {
    const { commit, value } = await work();
    db.exec(commit ? 'COMMIT' : 'ROLLBACK');
    return value;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
