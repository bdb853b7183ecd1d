import type Database from 'better-sqlite3-multiple-ciphers';
import { migrations } from './migrations/index.js';
import { notSqliteError, StoreError } from './errors.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** The schema version this build of dmp writes. */
export function latestVersion(list: readonly Migration[] = migrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

/** The migrations up to a schema version, to build a record at that version (a restore of an older export). */
export function migrationsUpTo(version: number, list: readonly Migration[] = migrations): Migration[] {
  return list.filter((m) => m.version <= version);
}

/**
 * Applies the migrations the record has not seen, each in its own transaction, and
 * records progress in PRAGMA user_version. A record written by a newer dmp is refused.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number {
  const current = readVersion(db);
  const latest = latestVersion(list);
  if (current > latest) {
    throw new StoreError(
      'newer-record',
      `This record was written by a newer dmp (schema ${current}; this dmp knows up to ${latest}).`,
      'Upgrade dmp before opening this record; it was left untouched.',
    );
  }
  const pending = [...list].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  // SQLite's way to rebuild a table others reference: foreign keys off (only possible outside a
  // transaction), then every reference checked before each migration commits.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (pending.length > 0 && foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    for (const m of pending) {
      db.transaction(() => {
        m.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${m.version} (${m.name}) broke ${broken.length} foreign key references`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    }
  } finally {
    if (pending.length > 0 && foreignKeys) db.pragma('foreign_keys = ON');
  }
  return readVersion(db);
}

function readVersion(db: Database.Database): number {
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch {
    throw notSqliteError();
  }
}
