import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAudit } from '../../src/audit/log.js';
import { openMemoryRecord } from '../../src/store/database.js';
import { START } from '../helpers/cli.js';

const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

function logWithRows(n: number) {
  const db = openMemoryRecord();
  for (let i = 1; i <= n; i++) appendAudit(db, { actor: 'marie', action: 'patient.add', target: `patient:${i}`, details: { i } }, at(i));
  return db;
}

describe('audit log', () => {
  it('lists entries in order, with details parsed, and from a date on', () => {
    const db = logWithRows(3);
    const rows = listAudit(db);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(rows[0]).toEqual({ id: 1, at: at(1).toISOString(), actor: 'marie', action: 'patient.add', target: 'patient:1', details: { i: 1 } });
    appendAudit(db, { actor: 'marie', action: 'logout' }, new Date('2026-12-01T08:00:00Z'));
    expect(listAudit(db, { since: '2026-12-01' }).map((r) => r.action)).toEqual(['logout']);
    expect(listAudit(db, { since: '2026-12-01' })[0]!.target).toBeNull();
  });

  it('verifies an intact chain', () => {
    expect(verifyAudit(logWithRows(5))).toEqual({ intact: true, rows: 5 });
    expect(verifyAudit(openMemoryRecord())).toEqual({ intact: true, rows: 0 });
  });

  it('refuses UPDATE and DELETE through its triggers', () => {
    const db = logWithRows(2);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'eve' WHERE id = 1").run()).toThrow('the audit log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow('the audit log is append-only');
    expect(verifyAudit(db).intact).toBe(true);
  });

  it('finds and names a row changed behind the program\'s back', () => {
    const db = logWithRows(5);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET details = '{"i":99}' WHERE id = 3`).run();
    expect(verifyAudit(db)).toEqual({ intact: false, rows: 3, brokenId: 3, reason: 'its content does not match its hash' });
  });

  it('finds a row whose hash was recomputed: the next row no longer links to it', () => {
    const db = logWithRows(5);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET hash = '" + 'f'.repeat(64) + "' WHERE id = 2").run();
    const check = verifyAudit(db);
    expect(check.intact).toBe(false);
    expect(check).toMatchObject({ brokenId: 2 });
  });

  it('finds a deleted row in the middle', () => {
    const db = logWithRows(5);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(verifyAudit(db)).toEqual({ intact: false, rows: 2, brokenId: 3, reason: 'row 2 is missing before it' });
  });
});
