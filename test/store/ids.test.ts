import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openRecord } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { loggedInRecord, newRecord } from '../helpers/cli.js';

const addText = async (rec: Awaited<ReturnType<typeof loggedInRecord>>, text: string) =>
  (await rec.run(['docs', 'add', '--type', 'synthese', '--text', text, '--json'])).json().id as number;

describe('ids are never reused (AUTOINCREMENT)', () => {
  it('deleting the newest document does not give its id to the next one', async () => {
    const rec = await loggedInRecord();
    await addText(rec, 'premier');
    const second = await addText(rec, 'second');
    expect((await rec.run(['docs', 'rm', String(second), '--yes'])).code).toBe(0);
    const third = await addText(rec, 'troisième');
    expect(third).toBe(second + 1);
  });

  it('nor does removing the newest person', async () => {
    const rec = await loggedInRecord();
    const add = (given: string) => rec.run(['patients', 'add', '--given-name', given, '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M', '--json']);
    const leo = (await add('Léo')).json().id as number;
    expect((await rec.run(['patients', 'rm', String(leo), '--yes'])).code).toBe(0);
    expect((await add('Paul')).json().id).toBe(leo + 1);
  });

  it('migration 5 keeps every row, id and search entry of an older record, and starts above ids the audit log named', () => {
    const rec = newRecord();
    const raw = new Database(rec.recordPath);
    raw.pragma('foreign_keys = ON');
    migrate(raw, migrations.filter((m) => m.version <= 3));
    const at = '2026-01-01T00:00:00.000Z';
    raw.prepare("INSERT INTO patient (given_name, family_name, name_key, birth_date, sex, is_holder, created_at) VALUES ('Marie', 'DUPONT', 'marie dupont', '1980-01-15', 'F', 1, ?)").run(at);
    raw.prepare("INSERT INTO document_content (sha256, mime_type, size, bytes, text_source) VALUES ('h1', 'text/plain', 10, CAST('radiographie' AS BLOB), 'bytes')").run();
    for (const id of [1, 2]) {
      raw.prepare("INSERT INTO document (id, patient_id, type_code, category, title, date, content_id, created_at, updated_at) VALUES (?, 1, 'SYNTH', 'syntheses', 'Titre', '2026-01-01', 1, ?, ?)").run(id, at, at);
    }
    // Document 3 was added then removed before the upgrade: only the audit log remembers it.
    raw.prepare("INSERT INTO audit_log (at, actor, action, target, prev_hash, hash) VALUES (?, 'marie', 'document.remove', 'document:3', '', '')").run(at);
    raw.close();

    const db = openRecord(rec.recordPath);
    expect(db.prepare('SELECT id FROM document ORDER BY id').pluck().all()).toEqual([1, 2]);
    expect(db.prepare("SELECT rowid FROM document_fts WHERE document_fts MATCH 'radiographie' ORDER BY rowid").pluck().all()).toEqual([1, 2]);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'document'").pluck().get()).toMatch(/AUTOINCREMENT/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const info = db.prepare("INSERT INTO document (patient_id, type_code, category, title, date, content_id, created_at, updated_at) VALUES (1, 'SYNTH', 'syntheses', 'Nouveau', '2026-01-02', 1, ?, ?)").run(at, at);
    expect(Number(info.lastInsertRowid)).toBe(4);
    // The triggers came back: the new document is searchable, a deleted one leaves the index.
    expect(db.prepare("SELECT count(*) FROM document_fts WHERE document_fts MATCH 'nouveau'").pluck().get()).toBe(1);
    db.prepare('DELETE FROM document WHERE id = 1').run();
    expect(db.prepare("SELECT rowid FROM document_fts WHERE document_fts MATCH 'radiographie' ORDER BY rowid").pluck().all()).toEqual([2, 4]);
    db.close();
  });
});
