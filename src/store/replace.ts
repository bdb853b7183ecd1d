import { existsSync, renameSync, statSync } from 'node:fs';
import { busyError } from '../errors.js';
import { type Db, openRecord } from './database.js';
import { createExclusive, fsyncDir, fsyncFile, removeQuietly } from './files.js';
import { type RecordKey, rekeyPragma } from './key.js';

/** The file a rebuild is written to, beside the record (same file system, so rename is atomic). */
export const rebuildPath = (path: string) => `${path}.dmp-rebuild`;

/**
 * Copies the record's last committed state into `target`, a new 0600 file. VACUUM INTO reads
 * one snapshot, so other processes may keep writing meanwhile; the copy is encrypted with the
 * source's key and salt (SQLite3 Multiple Ciphers gives the target the source's cipher), so it
 * opens with the same password. `db.backup()` would refuse an encrypted source, and
 * `db.serialize()` returns decrypted bytes: neither is used.
 */
export function copyRecord(db: Db, target: string): void {
  createExclusive(target);
  try {
    db.prepare('VACUUM INTO ?').run(target);
    fsyncFile(target);
  } catch (err) {
    removeQuietly(target);
    throw err;
  }
}

export interface Rebuild {
  /** What opens the record now (none for a plain file). */
  key?: RecordKey;
  /** What will open it afterwards (none: stays plain). */
  newKey?: RecordKey;
  /** Changes made to the new file before it replaces the record (one transaction). */
  change(copy: Db): void;
}

/**
 * Replaces the record with a rebuilt copy (a new key, rows changed), so that a crash at any
 * moment leaves the old file or the new one, each complete: the copy is written and synced
 * beside the record, then renamed over it. While it is built, this process holds the record's
 * write lock, so no other process can commit a change the copy would miss; the write-ahead log
 * is emptied into the file first, so the stale `-wal` left at the path can hold no pages.
 * Processes that still have the old file open afterwards find it emptied of tables (a change
 * they commit there would otherwise vanish silently).
 */
export function rebuildRecord(path: string, plan: Rebuild): void {
  const tmp = rebuildPath(path);
  removeQuietly(tmp); // a stale copy from a crash: the record itself was never touched
  const holder = openRecord(path, { key: plan.key, raw: true });
  // Off before the transaction (it cannot change inside one): emptyOrphan drops parents too.
  holder.pragma('foreign_keys = OFF');
  try {
    lockWithEmptyWal(holder, path);
    const reader = openRecord(path, { key: plan.key, raw: true });
    try {
      copyRecord(reader, tmp);
    } finally {
      reader.close();
    }
    try {
      transform(tmp, plan);
      renameSync(tmp, path);
    } catch (err) {
      removeQuietly(tmp);
      throw err;
    }
    // The old file's log and index must not be picked up by the new file.
    removeQuietly(`${path}-wal`);
    removeQuietly(`${path}-shm`);
    fsyncDir(path);
    emptyOrphan(holder);
  } finally {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
  }
}

/** Takes the write lock with nothing left in the WAL (a checkpoint, retried if a writer slipped in). */
function lockWithEmptyWal(db: Db, path: string): void {
  for (let attempt = 0; attempt < 5; attempt++) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('BEGIN IMMEDIATE');
    if (!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0) return;
    db.exec('ROLLBACK');
  }
  throw busyError('The record is in use by another dmp process.', 'Wait for it to finish (or close it), then try again.');
}

function transform(tmp: string, plan: Rebuild): void {
  const copy = openRecord(tmp, { key: plan.key, raw: true });
  try {
    if (plan.newKey) copy.pragma(rekeyPragma(plan.newKey));
    copy.transaction(() => plan.change(copy)).immediate();
    if (copy.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('the rebuilt record fails its check');
  } finally {
    copy.close();
  }
  fsyncFile(tmp);
  // Opens with the new key (or none): proves what was written before it replaces anything.
  openRecord(tmp, { key: plan.newKey, raw: true }).close();
}

/** Drops every table of the replaced file (still under the lock), which only processes that opened it earlier still see. */
function emptyOrphan(db: Db): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY sql LIKE 'CREATE VIRTUAL%' DESC")
    .pluck()
    .all() as string[];
  const exists = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').pluck();
  // A virtual table drops its shadow tables with it: skip those already gone.
  for (const name of tables) if (exists.get(name)) db.exec(`DROP TABLE "${name.replace(/"/g, '""')}"`);
  db.exec('COMMIT');
}
