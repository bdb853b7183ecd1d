import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';
import { StoreError } from './errors.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file (and its 0700 directory) when missing; otherwise a missing record is an error. */
  create?: boolean;
}

/** The one place a record file is opened: pragmas, permissions, migrations. */
export function openRecord(path: string, options: OpenOptions = {}): Db {
  const isMemory = path === ':memory:';
  const existed = isMemory || existsSync(path);
  if (!existed && !options.create) {
    throw new StoreError('no-record', `No record at ${path}.`, 'Create one with `dmp init`, or point to it with --record PATH or DMP_RECORD.');
  }
  if (!existed) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  try {
    if (!existed) chmodSync(path, 0o600);
    // Set once, before the first table: 16 KiB pages pack ~2 KB rows (document bytes) with
    // little waste, where 4 KiB pages hold only one of them each.
    if (!existed || isMemory) db.pragma('page_size = 16384');
    applyPragmas(db, isMemory);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** An in-memory record with every migration applied, for tests. */
export function openMemoryRecord(): Db {
  return openRecord(':memory:');
}

function applyPragmas(db: Db, isMemory: boolean): void {
  if (!isMemory) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}
