import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { keyPragma } from '../../src/store/key.js';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loggedInRecord, type TestRecord } from '../helpers/cli.js';
import { openRecord } from '../../src/store/database.js';
import { undoImport } from '../../src/reimbursements/undo.js';
import { addLeo, fixture, importJson, summaryJson } from './helpers.js';

describe('the "already imported" shortcut', () => {
  it('matches only a batch for the same person, and names the batch filed under someone else', async () => {
    const rec = await loggedInRecord();
    const leo = await addLeo(rec);
    expect((await importJson(rec, ['twins.csv'])).files[0]).toMatchObject({ status: 'imported', inserted: 3 });
    // The child's file, imported first by mistake without --patient: it is still importable for him.
    const forLeo = await rec.run(['--patient', String(leo), 'reimbursements', 'import', fixture('twins.csv'), '--json']);
    expect(forLeo.json().files[0]).toMatchObject({ status: 'imported', importId: 2, inserted: 3, alsoImportedFor: [{ importId: 1, patientId: 1 }] });
    expect((await summaryJson(rec, ['--patient', String(leo)])).total.count).toBe(3);
    const human = await rec.run(['--patient', String(leo), 'reimbursements', 'import', fixture('twins.csv')]);
    expect(human.stderr).toContain('twins.csv was already imported (import 2); nothing added.');
    expect(human.stderr).toContain('twins.csv was also imported for person 1 (import 1); if that was a mistake, `dmp reimbursements undo 1` removes it.');
  });

  it('reads a file again when an undo removed acts it had found already known', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['export-2026-01-03.csv', 'export-2026-02-04.csv']);
    expect((await rec.run(['reimbursements', 'undo', '1'])).code).toBe(0);
    expect((await summaryJson(rec)).total.count).toBe(2);
    const again = await importJson(rec, ['export-2026-02-04.csv']);
    expect(again.files[0]).toMatchObject({ status: 'imported', importId: 3, inserted: 2, duplicates: 2 });
    expect((await summaryJson(rec)).total.count).toBe(4);
    // The new batch vouches for the file again.
    expect((await importJson(rec, ['export-2026-02-04.csv'])).files[0]).toMatchObject({ status: 'already-imported', importId: 3 });
  });
});

describe('ids', () => {
  it('never reuses the id of an act or of a batch, even after undoing the newest import', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['twins.csv']);
    const first = (await rec.run(['reimbursements', 'list', '--json'])).json().map((a: any) => a.id);
    await rec.run(['reimbursements', 'undo', '1']);
    // A refused file creates no batch, but must not hand its id on either way.
    expect((await importJson(rec, ['invalid-rows.csv'])).code).toBe(5);
    const r = await importJson(rec, ['export-2026-01-03.csv']);
    expect(r.files[0].importId).toBe(2);
    const later = (await rec.run(['reimbursements', 'list', '--json'])).json().map((a: any) => a.id);
    expect(Math.min(...later)).toBeGreaterThan(Math.max(...first));
    const db = rec.open();
    try {
      const sql = (name: string) => (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql;
      expect(sql('reimbursement_import')).toContain('AUTOINCREMENT');
      expect(sql('reimbursement')).toContain('AUTOINCREMENT');
    } finally {
      db.close();
    }
  });
});

describe('undo', () => {
  it('starts its transaction IMMEDIATE: it waits for another writer and succeeds, rather than fail on a stale read', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['twins.csv']);
    const addon = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    // Another process takes the write lock, changes the record, and commits 300 ms later.
    const holder = spawn(process.execPath, [
      '-e',
      `const D = require(${JSON.stringify(addon)}); const db = new D(${JSON.stringify(rec.recordPath)});
       db.pragma(${JSON.stringify(keyPragma(rec.session().recordKey!))});
       db.exec('BEGIN IMMEDIATE'); db.exec('CREATE TABLE other_writer (x)'); console.log('locked');
       const until = Date.now() + 300; while (Date.now() < until);
       db.exec('COMMIT'); db.close();`,
    ]);
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
    const db = rec.open();
    try {
      // A deferred transaction would read the batch first, then fail with SQLITE_BUSY_SNAPSHOT once the other commits.
      db.prepare('SELECT count(*) FROM reimbursement').get();
      expect(undoImport(db, 1, 'marie', rec.now)).toEqual({ importId: 1, file: 'twins.csv', removed: 3 });
    } finally {
      db.close();
      holder.kill();
    }
    expect((await summaryJson(rec)).total.count).toBe(0);
  });
});

describe('a large first load', () => {
  const indexes = (rec: TestRecord) => {
    const db = rec.open();
    try {
      return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reimbursement' ORDER BY name").pluck().all() as string[]);
    } finally {
      db.close();
    }
  };

  it('builds its indexes at the end, keeps them through a refused load, and they still make re-imports idempotent', async () => {
    const rec = await loggedInRecord();
    const rows = Array.from({ length: 50_000 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/2025;Pharmacie;Doliprane 1000 mg, boîte de 8, lot ${i};2,18;1,42;Pharmacie du Centre de la ville`);
    const header = "Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé;Professionnel de santé";
    const big = join(rec.dir, 'big.csv');
    writeFileSync(big, [header, ...rows, ''].join('\n'));
    const bad = join(rec.dir, 'big-bad.csv');
    writeFileSync(bad, [header, ...rows, '31/02/2025;Pharmacie;X;1,00;0,50;', ''].join('\n'));
    const all = ['reimbursement_biology_by_patient_date', 'reimbursement_by_patient_date', 'reimbursement_fingerprint'];
    const refused = await rec.run(['reimbursements', 'import', bad, '--json']);
    expect(refused.json().files[0]).toMatchObject({ status: 'rejected', inserted: 0 });
    expect(indexes(rec)).toEqual(all);
    expect((await rec.run(['reimbursements', 'import', big, '--json'])).json().files[0]).toMatchObject({ status: 'imported', inserted: 50_000 });
    expect(indexes(rec)).toEqual(all);
    writeFileSync(join(rec.dir, 'copy.csv'), ['Relevé', header, ...rows, ''].join('\n'));
    expect((await rec.run(['reimbursements', 'import', join(rec.dir, 'copy.csv'), '--json'])).json().files[0]).toMatchObject({ inserted: 0, duplicates: 50_000 });
    const list = (await rec.run(['reimbursements', 'list', '--all', '--limit', '1', '--json'])).json();
    expect(list[0].careDate).toBe('2025-12-28');
  });
});
