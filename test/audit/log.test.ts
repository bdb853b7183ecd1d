import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setAuditKey } from '../../src/audit/key.js';
import { appendAudit, auditHead, canonical, GENESIS, listAudit, MAX_ACTOR_LENGTH, rowMac, type StoredRow } from '../../src/audit/log.js';
import { remacAudit, verifyAudit, verifyLegacyAudit } from '../../src/audit/verify.js';
import { type Db, openMemoryRecord } from '../../src/store/database.js';
import { START } from '../helpers/cli.js';

const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const KEY = Buffer.alloc(32, 5);

/** A log that starts as a record's does (its creation), then n - 1 more rows. */
function logWithRows(n: number): Db {
  const db = openMemoryRecord();
  setAuditKey(db, KEY);
  appendAudit(db, { actor: 'marie', action: 'account.create', target: 'patient:1' }, at(0));
  for (let i = 2; i <= n; i++) appendAudit(db, { actor: 'marie', action: 'patient.add', target: `patient:${i}`, details: { i } }, at(i));
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
  return db;
}
const rows = (db: Db) => db.prepare('SELECT * FROM audit_log ORDER BY id').all() as StoredRow[];

describe('audit log', () => {
  it('lists entries in order, with details parsed, and from a date on', () => {
    const db = logWithRows(3);
    const list = listAudit(db);
    expect(list.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(list[1]).toEqual({ id: 2, at: at(2).toISOString(), actor: 'marie', action: 'patient.add', target: 'patient:2', details: { i: 2 } });
    appendAudit(db, { actor: 'marie', action: 'logout' }, new Date('2026-12-01T08:00:00Z'));
    expect(listAudit(db, { since: '2026-12-01' }).map((r) => r.action)).toEqual(['logout']);
    expect(listAudit(db, { since: '2026-12-01' })[0]!.target).toBeNull();
  });

  it('refuses UPDATE and DELETE through its triggers', () => {
    const db = openMemoryRecord();
    setAuditKey(db, KEY);
    appendAudit(db, { actor: 'marie', action: 'account.create' }, at(0));
    expect(() => db.prepare("UPDATE audit_log SET actor = 'eve' WHERE id = 1").run()).toThrow('the audit log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow('the audit log is append-only');
  });

  it('bounds the actor, whatever was typed', () => {
    const db = logWithRows(1);
    appendAudit(db, { actor: 'x'.repeat(5000), action: 'login.failed' }, at(9));
    expect(listAudit(db).at(-1)!.actor).toHaveLength(MAX_ACTOR_LENGTH);
  });

  it('pins the MAC of a known row (a stored format)', () => {
    const row = { id: 1, at: '2026-11-26T10:00:00.000Z', actor: 'marie', action: 'account.create', target: 'patient:1', details: null };
    expect(rowMac(KEY, GENESIS, row)).toBe('6d2639b23c35fdf7c7a12a9f7fb3406b6c7e5e1e7f6b6da702fa3701ef0f48a0');
    expect(canonical(row)).toBe('[1,"2026-11-26T10:00:00.000Z","marie","account.create","patient:1",null]');
  });
});

describe('audit --verify catches', () => {
  it('nothing on an intact chain, and gives its head', () => {
    const db = logWithRows(5);
    expect(verifyAudit(db)).toEqual({ intact: true, rows: 5, head: auditHead(db).head });
  });

  it('an edited row', () => {
    const db = logWithRows(5);
    db.prepare(`UPDATE audit_log SET details = '{"i":99}' WHERE id = 3`).run();
    expect(verifyAudit(db)).toEqual({ intact: false, rows: 3, brokenId: 3, reason: 'its content does not match its MAC' });
  });

  for (const [which, id] of [['first', 1], ['middle', 3], ['last but one', 4]] as const) {
    it(`a deleted row (${which})`, () => {
      const db = logWithRows(5);
      db.prepare('DELETE FROM audit_log WHERE id = ?').run(id);
      expect(verifyAudit(db)).toMatchObject({ intact: false, brokenId: id + 1, reason: `row ${id} is missing before it` });
    });
  }

  it('reordered rows (two rows swapped, ids kept in sequence)', () => {
    const db = logWithRows(5);
    const [, , r3, r4] = rows(db);
    const put = db.prepare('UPDATE audit_log SET at = ?, actor = ?, action = ?, target = ?, details = ?, prev_hash = ?, hash = ? WHERE id = ?');
    put.run(r4!.at, r4!.actor, r4!.action, r4!.target, r4!.details, r4!.prev_hash, r4!.hash, 3);
    put.run(r3!.at, r3!.actor, r3!.action, r3!.target, r3!.details, r3!.prev_hash, r3!.hash, 4);
    expect(verifyAudit(db)).toMatchObject({ intact: false, brokenId: 3 });
  });

  it('a chain rebuilt without the key (a failed row removed, every hash recomputed with SHA-256)', () => {
    const db = logWithRows(5);
    db.prepare('DELETE FROM audit_log WHERE id = 5').run();
    let prev = GENESIS;
    for (const r of rows(db)) {
      const hash = createHash('sha256').update(prev).update('\n').update(canonical(r)).digest('hex');
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      prev = hash;
    }
    expect(verifyAudit(db)).toEqual({ intact: false, rows: 1, brokenId: 1, reason: 'its content does not match its MAC' });
  });

  it('a chain re-MACed under another key', () => {
    const db = logWithRows(4);
    remacAudit(db, Buffer.alloc(32, 6));
    expect(verifyAudit(db)).toMatchObject({ intact: false, brokenId: 1 });
  });

  it('an emptied log', () => {
    const db = logWithRows(5);
    db.exec('DELETE FROM audit_log');
    expect(verifyAudit(db)).toEqual({ intact: false, rows: 0, brokenId: 1, reason: "the log is empty: even the record's creation is missing" });
  });

  it("a log whose first row is not the record's creation", () => {
    const db = openMemoryRecord();
    setAuditKey(db, KEY);
    appendAudit(db, { actor: 'marie', action: 'login' }, at(1));
    expect(verifyAudit(db)).toEqual({ intact: false, rows: 1, brokenId: 1, reason: "the first row is not the record's creation" });
  });

  it('newest rows cut off, given a head written down before', () => {
    const db = logWithRows(5);
    const { head } = auditHead(db);
    expect(verifyAudit(db, { head: head! }).intact).toBe(true);
    db.prepare('DELETE FROM audit_log WHERE id >= 4').run();
    expect(verifyAudit(db).intact).toBe(true); // without the head, a cut tail looks whole
    expect(verifyAudit(db, { head: head! })).toMatchObject({ intact: false, brokenId: 4, reason: expect.stringContaining('the head given is not in the log') });
  });
});

describe('a legacy (unkeyed) chain', () => {
  it('is verified as SHA-256, then re-MACed: the keyed check then passes', () => {
    const db = logWithRows(3);
    let prev = GENESIS;
    for (const r of rows(db)) {
      const hash = createHash('sha256').update(prev).update('\n').update(canonical(r)).digest('hex');
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      prev = hash;
    }
    expect(verifyLegacyAudit(db).intact).toBe(true);
    expect(verifyAudit(db).intact).toBe(false);
    expect(remacAudit(db, KEY)).toBe(3);
    expect(verifyAudit(db).intact).toBe(true);
  });
});
