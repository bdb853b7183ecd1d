import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { SCHEMA_BY_VERSION } from '../../src/store/schema-check.js';
import { loggedInRecord, type TestRecord } from '../helpers/cli.js';

const lines = (s: string) => s.trimEnd().split('\n');

function tamper(rec: TestRecord, sql: string): void {
  const raw = rec.openRaw();
  raw.exec(sql);
  raw.close();
}

describe('a record whose schema was damaged behind dmp\'s back', () => {
  it('the list of what each migration creates matches the migrations (a new migration adds its line)', () => {
    const db = new Database(':memory:');
    let before = new Set<string>();
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      migrate(db, migrations.filter((x) => x.version <= m.version));
      const now = new Set(db.prepare("SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().all() as string[]);
      expect([...now].filter((o) => !before.has(o)).sort(), `migration ${m.version}`).toEqual([...(SCHEMA_BY_VERSION[m.version] ?? ['(missing from SCHEMA_BY_VERSION)'])].sort());
      before = now;
    }
    db.close();
  });

  it('a dropped table is exit 5 "damaged" naming it (it was exit 1 "no such table")', async () => {
    const rec = await loggedInRecord();
    tamper(rec, 'DROP TABLE recovery_code');
    const r = await rec.run(['docs', 'list']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)).toEqual([`dmp: The record ${rec.recordPath} is damaged: table recovery_code is missing.`, '  Restore it from a backup; dmp changed nothing.']);
  });

  it('a dropped trigger is damage too: the audit log would no longer be append-only', async () => {
    const rec = await loggedInRecord();
    tamper(rec, 'DROP TRIGGER audit_log_no_delete');
    const r = await rec.run(['status', '--json']);
    expect(r.code).toBe(5);
    expect(r.json().error).toMatchObject({ kind: 'invalid', problem: 'damaged', missing: ['trigger audit_log_no_delete'] });
  });

  it('user_version set back is exit 5 naming what is there (it was exit 1 "table already exists")', async () => {
    const rec = await loggedInRecord();
    tamper(rec, 'PRAGMA user_version = 2');
    const r = await rec.run(['docs', 'list']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)[0]).toMatch(
      new RegExp(`^dmp: The record ${rec.recordPath} is damaged: it holds table reimbursement_import, index reimbursement_import_sha256, table reimbursement and \\d+ more, of a schema later than its version 2 \\(the version was set back\\)\\.$`),
    );
    expect(latestVersion()).toBeGreaterThan(2);
  });
});
