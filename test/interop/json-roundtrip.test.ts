import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { login } from '../../src/account/account.js';
import { totpCode } from '../../src/account/totp.js';
import { verifyAudit } from '../../src/audit/verify.js';
import { exportJson } from '../../src/interop/json-export.js';
import { checkDump, dumpAccount, restoreJson, unlockDump } from '../../src/interop/json-restore.js';
import { latestVersion } from '../../src/store/migrate.js';
import { openMemoryRecord, openRecord } from '../../src/store/database.js';
import { loggedInRecord, PASSWORD, START } from '../helpers/cli.js';
import { seededMemoryRecord } from './helpers.js';

const dump = (db: Parameters<typeof exportJson>[0]) => [...exportJson(db)].join('');
const table = (p: any, name: string) => p.tables.find((t: any) => t.name === name);

/** What `dmp restore` does: check the export, unlock its account with the password, put the rows back. */
async function restore(db: Parameters<typeof exportJson>[0], parsed: unknown) {
  const d = checkDump(parsed, latestVersion());
  return restoreJson(db, d, await unlockDump(dumpAccount(d), PASSWORD));
}

describe('JSON export and restore', () => {
  it('restores a record whose own export is byte for byte the same, whose audit chain verifies and whose login works', async () => {
    const { db, report } = await seededMemoryRecord(21, { documents: 12, reimbursements: 60 });
    const original = dump(db);
    const restored = openMemoryRecord();
    afterEach(() => restored.close());
    const counts = await restore(restored, JSON.parse(original));
    expect(counts.rows).toBeGreaterThan(100);
    expect(dump(restored)).toBe(original);
    expect(verifyAudit(restored).intact).toBe(true);
    const opened = await login(restored, { username: 'marie', password: PASSWORD, code: totpCode(report.enrolment.totp.secret, new Date(START.getTime() + 60_000)) }, new Date(START.getTime() + 60_000));
    expect(opened.token).toEqual(expect.any(String));
    const recovered = await login(restored, { username: 'marie', password: PASSWORD, recoveryCode: report.enrolment.recoveryCodes[0] }, new Date(START.getTime() + 120_000));
    expect(recovered.token).toEqual(expect.any(String));
  });

  it('dumps every table as of one moment, while another process writes to the record', async () => {
    const rec = await loggedInRecord();
    const db = rec.open();
    const pieces = exportJson(db);
    const first = [pieces.next().value, pieces.next().value];
    expect((await rec.run(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M'])).code).toBe(0);
    const parsed = JSON.parse([...first, ...pieces].join(''));
    db.close();
    expect(table(parsed, 'patient').rows).toHaveLength(1);
    expect(table(parsed, 'audit_log').rows.some((r: unknown[]) => JSON.stringify(r).includes('patient.add'))).toBe(false);
  });

  it('holds every table but the sessions, blobs as base64, AUTOINCREMENT counters, and the schema version', async () => {
    const { db } = await seededMemoryRecord(22, { documents: 3, reimbursements: 20 });
    const parsed = JSON.parse(dump(db));
    expect(parsed).toMatchObject({ format: 'dmp-record', formatVersion: 1, schemaVersion: db.pragma('user_version', { simple: true }) });
    const names = parsed.tables.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['patient', 'account', 'recovery_code', 'audit_log', 'document_content', 'document', 'reimbursement_import', 'reimbursement', 'health_entry', 'patient_contact', 'record_identity']));
    expect(names).not.toContain('session');
    expect(names.some((n: string) => n.startsWith('document_fts') || n.startsWith('sqlite_'))).toBe(false);
    const content = parsed.tables.find((t: { name: string }) => t.name === 'document_content');
    expect(content.rows[0][content.columns.indexOf('bytes')]).toEqual({ $base64: expect.any(String) });
    expect(parsed.sequences).toEqual(expect.arrayContaining([{ name: 'health_entry', seq: expect.any(Number) }]));
  });

  it('keeps search working after a restore (the full-text index is rebuilt by the documents\' triggers)', async () => {
    const { db } = await seededMemoryRecord(23, { documents: 12, reimbursements: 10 });
    const restored = openMemoryRecord();
    afterEach(() => restored.close());
    await restore(restored, JSON.parse(dump(db)));
    const count = (d: typeof db) => (d.prepare("SELECT count(*) AS n FROM document_fts WHERE document_fts MATCH 'du'").get() as { n: number }).n;
    expect(count(restored)).toBe(count(db));
    expect(count(db)).toBeGreaterThan(0);
  });

  it('refuses an altered export and leaves the new record empty', async () => {
    const { db } = await seededMemoryRecord(24, { documents: 2, reimbursements: 10 });
    const parsed = JSON.parse(dump(db));
    const audit = parsed.tables.find((t: { name: string }) => t.name === 'audit_log');
    audit.rows[1][audit.columns.indexOf('actor')] = 'mallory';
    const target = openMemoryRecord();
    afterEach(() => target.close());
    await expect(restore(target, parsed)).rejects.toThrow(/The export's audit log does not verify: row 2: its content does not match its MAC\./);
    expect((target.prepare('SELECT count(*) AS n FROM patient').get() as { n: number }).n).toBe(0);
    const cases: [(p: any) => void, RegExp][] = [
      [(p) => (p.format = 'other'), /is not a dmp record export: its "format" is not "dmp-record"/],
      [(p) => (p.formatVersion = 2), /format version 2; this dmp reads version 1/],
      [(p) => (p.schemaVersion = 99), /written at schema version 99, by a newer dmp; this one writes up to version \d+\./],
      [(p) => (p.schemaVersion = "12"), /its "schemaVersion" is not a positive whole number/],
      [(p) => (p.schemaVersion = 8), /its "schemaVersion" is 8, and dmp wrote exports from schema version 9 on/],
      [(p) => p.tables.push({ name: 'evil', columns: ['x'], rows: [] }), /table "evil" is not one of this schema's/],
      [(p) => delete p.sequences, /it has no "tables" or "sequences" list/],
      [(p) => p.tables.push({ name: 'patient' }), /a table entry lacks its name, columns or rows/],
      [(p) => (p.tables.find((t: any) => t.name === 'account').rows = []), /it has no account/],
      [(p) => table(p, 'patient').rows[0].pop(), /a row of table "patient" does not have/],
      [(p) => (table(p, 'patient').rows[0][table(p, 'patient').columns.indexOf('sex')] = 'X'), /Row \d+ of the export \(table "patient"\) breaks a rule of the record: CHECK constraint failed/],
      [(p) => (table(p, 'reimbursement_month').rows = []), /^The export's per-month payer totals disagree with its acts \(person \d+, \d{4}-\d{2}, Pharmacie \/ fournitures, and \d+ more\)\.$/],
    ];
    for (const [spoil, message] of cases) {
      const p = JSON.parse(dump(db));
      spoil(p);
      await expect(restore(target, p)).rejects.toThrow(message);
    }
  });

  it('refuses a wrong password before anything is written', async () => {
    const { db } = await seededMemoryRecord(26, { documents: 1, reimbursements: 10 });
    const d = checkDump(JSON.parse(dump(db)), latestVersion());
    await expect(unlockDump(dumpAccount(d), 'not the password at all')).rejects.toThrow("The password is not this export's account password.");
  });

  it('restores into a file-backed record the same way', async () => {
    const { db } = await seededMemoryRecord(25, { documents: 2, reimbursements: 10 });
    const dir = mkdtempSync(join(tmpdir(), 'dmp-restore-'));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const file = openRecord(join(dir, 'r.db'), { create: true });
    await restore(file, JSON.parse(dump(db)));
    expect(dump(file)).toBe(dump(db));
    file.close();
  });
});
