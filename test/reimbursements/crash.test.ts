import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/reimbursements/import.js';
import type { Db } from '../../src/store/database.js';
import { loggedInRecord } from '../helpers/cli.js';
import { importJson } from './helpers.js';

/** Everything an import may touch, as it stands. */
function snapshot(db: Db) {
  return {
    acts: db.prepare('SELECT * FROM reimbursement ORDER BY id').all(),
    batches: db.prepare('SELECT * FROM reimbursement_import ORDER BY id').all(),
    audit: db.prepare('SELECT * FROM audit_log ORDER BY id').all(),
    pragmas: [db.pragma('foreign_keys', { simple: true }), db.pragma('cache_size', { simple: true })],
  };
}

function bigExport(dir: string, rows: number): string {
  const lines = ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé"];
  for (let i = 0; i < rows; i++) lines.push(`${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2026;Pharmacie;Boîte n° ${i};${(i % 100) + 1},${String(i % 100).padStart(2, '0')};0,50`);
  const path = join(dir, 'big.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('a failure half-way through a file', () => {
  it('leaves the record exactly as it was before that file', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    const path = bigExport(rec.dir, 5000);
    const db = rec.open();
    try {
      const holderId = (db.prepare('SELECT id FROM patient WHERE is_holder = 1').get() as { id: number }).id;
      const before = snapshot(db);
      let seen = 0;
      await expect(
        importFile(db, path, {
          actor: 'marie',
          now: rec.now,
          defaultPatientId: holderId,
          people: new Map(),
          afterRow: (n) => {
            seen = n;
            if (n === 2500) throw new Error('simulated crash');
          },
        }),
      ).rejects.toThrow('simulated crash');
      expect(seen).toBe(2500);
      expect(db.inTransaction).toBe(false);
      expect(snapshot(db)).toEqual(before);
      // The same file then imports whole.
      const report = await importFile(db, path, { actor: 'marie', now: rec.now, defaultPatientId: holderId, people: new Map() });
      expect(report).toMatchObject({ status: 'imported', rows: 5000, inserted: 5000 });
    } finally {
      db.close();
    }
  });

  it('a refused file leaves no batch, no act and no audit entry', async () => {
    const rec = await loggedInRecord();
    const count = () => {
      const db = rec.open();
      const snap = snapshot(db);
      db.close();
      return { acts: snap.acts.length, batches: snap.batches.length, audit: snap.audit.length };
    };
    const before = count();
    expect((await importJson(rec, ['invalid-rows.csv'])).code).toBe(5);
    expect(count()).toEqual(before);
  });
});
