import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRecord } from '../../src/store/database.js';
import { StoreError } from '../../src/store/errors.js';
import { latestVersion, type Migration, migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dmp-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const version = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrations', () => {
  it('numbers migrations uniquely, from 1 up', () => {
    const versions = migrations.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect(Math.min(...versions)).toBe(1);
  });

  it('bring a fresh record to the latest version, with STRICT tables', () => {
    const db = openRecord(join(tempDir(), 'r', 'record.db'), { create: true });
    expect(version(db)).toBe(latestVersion());
    expect(tables(db)).toEqual(expect.arrayContaining(['account', 'audit_log', 'patient', 'recovery_code', 'session']));
    // Ordinary tables only: FTS5 virtual tables and their shadow tables cannot be STRICT.
    const sql = (
      db
        .prepare("SELECT m.sql FROM pragma_table_list AS t JOIN sqlite_master AS m ON m.name = t.name WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite_%'")
        .all() as { sql: string }[]
    ).map((r) => r.sql);
    expect(sql.length).toBeGreaterThan(5);
    for (const s of sql) expect(s).toMatch(/\)\s*STRICT$/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('re-run nothing when the record is opened again', () => {
    const path = join(tempDir(), 'record.db');
    openRecord(path, { create: true }).close();
    let ran = 0;
    const counting: Migration[] = migrations.map((m) => ({ ...m, up: (db) => (ran++, m.up(db)) }));
    const db = new Database(path);
    expect(migrate(db, counting)).toBe(latestVersion());
    expect(ran).toBe(0);
    db.close();
  });

  it('apply only the missing ones, in version order', () => {
    const db = new Database(':memory:');
    const order: number[] = [];
    const list: Migration[] = [3, 1, 2].map((v) => ({ version: v, name: `m${v}`, up: (d) => (order.push(v), d.exec(`CREATE TABLE t${v} (x INTEGER) STRICT`)) }));
    expect(migrate(db, list.slice(1))).toBe(2);
    expect(migrate(db, list)).toBe(3);
    expect(order).toEqual([1, 2, 3]);
  });

  it('run each migration in one transaction: a failing one leaves its changes and user_version undone', () => {
    const db = new Database(':memory:');
    const list: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      {
        version: 2,
        name: 'fails half-way',
        up: (d) => {
          d.exec('CREATE TABLE b (x INTEGER) STRICT');
          d.exec('INSERT INTO a VALUES (1)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, list)).toThrow('boom');
    expect(version(db)).toBe(1);
    expect(tables(db)).toEqual(['a']);
    expect(db.prepare('SELECT count(*) AS n FROM a').get()).toEqual({ n: 0 });
  });

  it('refuse a record written by a newer dmp with a clear message, and leave it untouched', () => {
    const path = join(tempDir(), 'record.db');
    const db = openRecord(path, { create: true });
    db.pragma(`user_version = ${latestVersion() + 5}`);
    db.close();
    const before = readFileSync(path);
    const mtime = statSync(path).mtimeMs;
    let err: unknown;
    try {
      openRecord(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({
      kind: 'invalid',
      message: `This record was written by a newer dmp (schema ${latestVersion() + 5}; this dmp knows up to ${latestVersion()}).`,
      hint: 'Upgrade dmp before opening this record; it was left untouched.',
    });
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(statSync(path).mtimeMs).toBe(mtime);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('leave a newer record in rollback-journal mode untouched too (no switch to WAL)', () => {
    const path = join(tempDir(), 'record.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.pragma(`user_version = ${latestVersion() + 1}`);
    raw.close();
    const before = readFileSync(path);
    expect(() => openRecord(path)).toThrow(/written by a newer dmp/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('say a file that is not an SQLite database is not a record', () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'just some text, not a database at all. '.repeat(50));
    expect(() => openRecord(path)).toThrow(expect.objectContaining({ problem: 'not-a-record', message: 'This file is not a dmp record (not an SQLite database).' }));
  });

  it('say a missing record is not found, with the next step', () => {
    const path = join(tempDir(), 'none.db');
    expect(() => openRecord(path)).toThrow(expect.objectContaining({ kind: 'not-found', message: `No record at ${path}.` }));
    expect(existsSync(path)).toBe(false);
  });

  it('create the record 0600 in a 0700 directory', () => {
    const dir = join(tempDir(), 'new', 'dir');
    const path = join(dir, 'record.db');
    openRecord(path, { create: true }).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('gives the WAL and shared-memory files beside it the record\'s 0600 too', () => {
    const path = join(tempDir(), 'record.db');
    const db = openRecord(path, { create: true });
    db.exec("INSERT INTO patient (given_name, family_name, name_key, birth_date, sex, created_at) VALUES ('A', 'B', 'a b', '2000-01-01', 'F', 'now')");
    for (const suffix of ['-wal', '-shm']) expect(statSync(path + suffix).mode & 0o777).toBe(0o600);
    db.close();
  });
});

describe('opening a file that is not a dmp record', () => {
  it('refuses an SQLite database of another program without adding tables to it', () => {
    const path = join(tempDir(), 'other.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE contacts (name TEXT)');
    raw.close();
    const before = readFileSync(path);
    expect(() => openRecord(path)).toThrow(
      expect.objectContaining({ problem: 'not-a-record', message: 'This file is not a dmp record (an SQLite database of another program).' }),
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('migrate() itself says a file that is not SQLite is not a record', () => {
    const path = join(tempDir(), 'garbage.db');
    writeFileSync(path, 'not a database '.repeat(100));
    const raw = new Database(path);
    expect(() => migrate(raw)).toThrow(expect.objectContaining({ problem: 'not-a-record', kind: 'invalid' }));
    raw.close();
  });

  it('an empty file is no record (nothing migrated into it); creating uses it, 0600', () => {
    const path = join(tempDir(), 'empty.db');
    writeFileSync(path, '', { mode: 0o644 });
    expect(() => openRecord(path)).toThrow(expect.objectContaining({ problem: 'no-record', message: `No record at ${path} (the file is empty).` }));
    expect(statSync(path).size).toBe(0);
    const db = openRecord(path, { create: true });
    expect(version(db)).toBe(latestVersion());
    db.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
