import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setThrowawayAuditKey } from './audit-key.js';
import { lockedRecordError, notSqliteError, StoreError, wrongKeyError } from './errors.js';
import { readRecordHeader, type RecordFormat } from './format.js';
import { keyPragma, type RecordKey } from './key.js';
import { migrate, migrationsUpTo } from './migrate.js';
import { checkRecordPath } from './path.js';
import { checkSchema } from './schema-check.js';

export type Db = Database.Database;
export type { RecordKey } from './key.js';

export interface OpenOptions {
  /** Create the file (and its 0700 directory) when missing; otherwise a missing record is an error. */
  create?: boolean;
  /** Opens (or creates) an encrypted record; without it the file must be plain. */
  key?: RecordKey;
  /** Skip migrations and journal changes (a copy being verified, never a live record). */
  raw?: boolean;
  /**
   * Migrate only this far: a new record for the rows of an export written at an earlier schema
   * version, which migrates the rest once they are in (the default is every migration).
   */
  schemaVersion?: number;
}

/** The one place a record file is opened: pragmas, permissions, migrations. */
export function openRecord(path: string, options: OpenOptions = {}): Db {
  const isMemory = path === ':memory:';
  const access = checkRecordPath(path, options);
  const existed = isMemory || access.exists;
  if (!existed && !options.create) {
    throw new StoreError('no-record', `No record at ${path}.`, 'Create one with `dmp init`, or point to it with --record PATH or DMP_RECORD.');
  }
  if (existed && !isMemory && statSync(path).isDirectory()) {
    throw new StoreError('not-a-record', `${path} is a directory, not a record file.`, 'Point --record (or DMP_RECORD) to a file, for example record.db inside it.');
  }
  if (!existed && !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Created 0600 before SQLite opens it, so the file is never readable by others, even briefly.
    writeFileSync(path, '', { mode: 0o600, flag: 'wx' });
  }
  const format: RecordFormat = existed && !isMemory ? readRecordHeader(path).format : 'empty';
  if (format === 'other') throw notSqliteError();
  if (format === 'encrypted' && !options.key) throw lockedRecordError();
  const db = new Database(path, { nativeBinding: addonPath(), readonly: access.readOnly });
  try {
    if (options.key) db.pragma(keyPragma(options.key));
    if (!existed) chmodSync(path, 0o600);
    // Set once, before the first table: 16 KiB pages pack ~2 KB rows (document bytes) with
    // little waste, where 4 KiB pages hold only one of them each.
    if (!existed || isMemory) db.pragma('page_size = 16384');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    // Checked before anything writes to the file: a record we must refuse is left untouched.
    if (existed && !isMemory) refuseForeignDatabase(db, Boolean(options.key));
    if (options.raw) return db;
    checkSchema(db);
    migrate(db, options.schemaVersion === undefined ? undefined : migrationsUpTo(options.schemaVersion));
    applyJournalPragmas(db, isMemory);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * better-sqlite3's compiled addon, named directly: its default lookup (the `bindings` package)
 * reads a stack trace and tries a dozen paths, ~5 ms of every command, and would look in the
 * wrong place from the bundle (dist/bundle), which includes better-sqlite3's JavaScript.
 * Undefined (the default lookup) if the addon is not where an ordinary install puts it.
 */
let addon: string | null | undefined = null;
function addonPath(): string | undefined {
  if (addon === null) {
    try {
      addon = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node');
    } catch {
      addon = undefined;
    }
  }
  return addon;
}

/** An in-memory record with every migration applied, for tests (with a throwaway audit key until an account exists). */
export function openMemoryRecord(): Db {
  const db = openRecord(':memory:');
  setThrowawayAuditKey(db);
  return db;
}

/** Set after migrate(), which refuses a newer record: switching to WAL rewrites the file header. */
function applyJournalPragmas(db: Db, isMemory: boolean): void {
  if (!isMemory) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/** An SQLite file with tables but no dmp schema version belongs to another program: never migrate it. */
function refuseForeignDatabase(db: Db, keyed: boolean): void {
  let version: number;
  let objects: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    objects = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
  } catch (err) {
    // With a key, "not a database" means the key is wrong: every page is authenticated.
    const code = (err as { code?: string }).code ?? '';
    if (keyed && code === 'SQLITE_NOTADB') throw wrongKeyError();
    // A schema spread over damaged pages: the file is a record, a damaged one (worded by the CLI).
    if (code.startsWith('SQLITE_CORRUPT')) throw err;
    throw notSqliteError();
  }
  if (version === 0 && objects > 0) {
    throw new StoreError('not-a-record', 'This file is not a dmp record (an SQLite database of another program).', 'Check the --record path; dmp left the file untouched.');
  }
}
