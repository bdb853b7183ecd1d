import Database from 'better-sqlite3-multiple-ciphers';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/reimbursements/totals.js';
import { periodTotals } from '../../src/reimbursements/views.js';
import { migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openRecord } from '../../src/store/database.js';
import { loggedInRecord, type TestRecord } from '../helpers/cli.js';
import { addLeo, importJson } from './helpers.js';

/** The same totals summed from every act, the slow way. */
function bruteForce(rec: TestRecord, patientId: number, from: string, to: string) {
  const db = rec.open();
  try {
    return db
      .prepare(
        `SELECT substr(care_date, 1, 7) AS month, section, count(*) AS count, sum(spent_cents) AS spentCents, sum(reimbursed_cents) AS reimbursedCents,
                coalesce(sum(deductible_cents), 0) AS deductibleCents, coalesce(sum(complementary_cents), 0) AS complementaryCents
         FROM reimbursement WHERE patient_id = ? AND care_date BETWEEN ? AND ? GROUP BY 1, 2
         ORDER BY 1, CASE section WHEN 'pharmacy' THEN 1 WHEN 'hospitalization' THEN 2 WHEN 'medical_dental' THEN 3 WHEN 'radiology' THEN 4 ELSE 5 END`,
      )
      .all(patientId, from, to) as { month: string; section: string; count: number }[];
  } finally {
    db.close();
  }
}

function fast(rec: TestRecord, from: string, to: string) {
  const db = rec.open();
  try {
    return periodTotals(db, { patientId: 1, from, to });
  } finally {
    db.close();
  }
}

async function recordWithAYearOfActs(): Promise<TestRecord> {
  const rec = await loggedInRecord();
  const sections = ['Pharmacie', 'Biologie', 'Radiologie'];
  const rows = Array.from({ length: 400 }, (_, i) => {
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    return `${day};${sections[i % 3]};Acte ${i};${(i % 50) + 1},${String(i % 100).padStart(2, '0')};1,00`;
  });
  writeFileSync(join(rec.dir, 'year.csv'), ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé", ...rows, ''].join('\n'));
  const r = await rec.run(['reimbursements', 'import', join(rec.dir, 'year.csv')]);
  if (r.code !== 0) throw new Error(r.stderr);
  return rec;
}

describe('periodTotals (what a record summary reads)', () => {
  it('equals the sums over every act, for periods starting and ending mid-month, on month edges, or within one month (edge months read directly or as the month less its other days)', async () => {
    const rec = await recordWithAYearOfActs();
    for (const [from, to] of [['2025-01-01', '2025-12-31'], ['2025-02-14', '2025-11-03'], ['2025-03-05', '2025-03-20'], ['2025-04-01', '2025-04-30'], ['2024-11-26', '2026-11-26'], ['2025-06-30', '2025-07-01'], ['2025-02-03', '2025-11-27'], ['2025-03-02', '2025-03-30']]) {
      const t = fast(rec, from!, to!);
      const slow = bruteForce(rec, 1, from!, to!);
      expect(t.cells.map(({ outOfPocketCents: _, ...c }) => c)).toEqual(slow);
      expect(t.total.count).toBe(slow.reduce((n, r) => n + r.count, 0));
      expect(t.sections.map((s) => s.section)).toEqual(['pharmacy', 'hospitalization', 'medical_dental', 'radiology', 'biology']);
      expect(t.months.reduce((n, m) => n + m.count, 0)).toBe(t.total.count);
    }
  });

  it('sums an edge month from its acts when the per-month totals were edited behind dmp\'s back', async () => {
    const rec = await recordWithAYearOfActs();
    const db = rec.open();
    try {
      db.prepare("DELETE FROM reimbursement_month WHERE month = '2025-02'").run();
      const t = periodTotals(db, { patientId: 1, from: '2025-02-03', to: '2025-02-27' });
      expect(t.cells.map(({ outOfPocketCents: _, ...c }) => c)).toEqual(bruteForce(rec, 1, '2025-02-03', '2025-02-27'));
    } finally {
      db.close();
    }
  });

  it('stays exact after an undo and a partial re-import', async () => {
    const rec = await recordWithAYearOfActs();
    await importJson(rec, ['export-2026-01-03.csv', 'export-2026-02-04.csv']);
    expect((await rec.run(['reimbursements', 'undo', '2'])).code).toBe(0);
    expect((await importJson(rec, ['export-2026-02-04.csv'])).files[0]).toMatchObject({ inserted: 2 });
    const t = fast(rec, '2025-01-10', '2026-11-26');
    const slow = bruteForce(rec, 1, '2025-01-10', '2026-11-26');
    expect(t.cells.map(({ outOfPocketCents: _, ...c }) => c)).toEqual(slow);
    expect(t.total.count).toBe(400 - 18 + 4);
  });
});

describe('totals by professional', () => {
  it('are the same sums whether read through the index (a person with few of the acts) or the whole table (one with most)', async () => {
    const rec = await loggedInRecord();
    const leo = await addLeo(rec);
    const pros = ['Dr Anne MARTIN', 'Pharmacie du Centre', 'Laboratoire BioSud', ''];
    // 500 acts of Marie's, 5 of Léo's: Léo's share is far below the table-scan threshold, Marie's far above.
    const rows = Array.from({ length: 505 }, (_, i) => {
      const day = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
      const who = i % 101 === 0 ? 'Léo DUPONT' : 'Marie DUPONT';
      return `${day};${who};Pharmacie;Acte ${i};${pros[i % 4]};${(i % 50) + 1},${String(i % 100).padStart(2, '0')};1,00`;
    });
    const header = "Date des soins;Bénéficiaire;Rubrique;Nature de l'acte;Professionnel de santé;Dépense;Montant remboursé";
    writeFileSync(join(rec.dir, 'family.csv'), [header, ...rows, ''].join('\n'));
    expect((await rec.run(['reimbursements', 'import', join(rec.dir, 'family.csv')])).code).toBe(0);
    const db = rec.open();
    try {
      for (const patientId of [1, leo]) {
        const slow = db
          .prepare(
            `SELECT coalesce(professional, '') AS key, count(*) AS count, sum(spent_cents) AS spentCents, sum(reimbursed_cents) AS reimbursedCents
             FROM reimbursement WHERE patient_id = ? GROUP BY 1 ORDER BY 1`,
          )
          .all(patientId);
        const groups = summarize(db, { patientId, from: null, to: null }, 'professional').groups;
        expect(groups.map(({ key, count, spentCents, reimbursedCents }) => ({ key, count, spentCents, reimbursedCents }))).toEqual(slow);
        expect(groups.reduce((n, g) => n + g.count, 0)).toBe(patientId === leo ? 5 : 500);
      }
    } finally {
      db.close();
    }
  });
});

/** Every row of the per-month totals, and the same sums from every act of every person. */
function monthTable(rec: TestRecord) {
  const db = rec.open();
  const order = 'ORDER BY patient_id, month, section';
  try {
    return {
      kept: db.prepare(`SELECT patient_id, month, section, count, spent_cents, reimbursed_cents, deductible_cents, complementary_cents FROM reimbursement_month WHERE count > 0 ${order}`).all(),
      summed: db
        .prepare(
          `SELECT patient_id, substr(care_date, 1, 7) AS month, section, count(*) AS count, sum(spent_cents) AS spent_cents, sum(reimbursed_cents) AS reimbursed_cents,
                  coalesce(sum(deductible_cents), 0) AS deductible_cents, coalesce(sum(complementary_cents), 0) AS complementary_cents
           FROM reimbursement GROUP BY 1, 2, 3 ${order}`,
        )
        .all(),
    };
  } finally {
    db.close();
  }
}

describe('the per-month totals an import adds', () => {
  it('equal the sums over every act, whether the import counted them itself (all new) or some acts were already known', async () => {
    const rec = await recordWithAYearOfActs();
    await addLeo(rec);
    await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2018-03-09', '--sex', 'F']);
    const full = join(rec.dir, 'full.csv');
    writeFileSync(full, [
      "Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé;Participation forfaitaire / franchise;Part complémentaire",
      '03/02/2026;Pharmacie;Doliprane;12,40;6,00;0,50;3,10', '17/02/2026;Pharmacie;Ventoline;8,00;5,20;0,50;', '01/03/2026;Biologie;NFS;25,00;15,00;1,00;9,00', '',
    ].join('\n'));
    // All new (routed to three people, with deductibles and complementary parts); then a file
    // whose first acts an earlier one brought.
    expect((await rec.run(['reimbursements', 'import', full])).code).toBe(0);
    expect((await importJson(rec, ['family.csv', 'export-2026-01-03.csv'])).files.map((f) => f.status)).toEqual(['imported', 'imported']);
    const overlapping = await importJson(rec, ['export-2026-02-04.csv']);
    expect(overlapping.files[0].duplicates).toBeGreaterThan(0);
    expect(overlapping.files[0].inserted).toBeGreaterThan(0);
    const { kept, summed } = monthTable(rec);
    expect(new Set(kept.map((r: any) => r.patient_id)).size).toBe(3);
    expect(kept).toEqual(summed);
  });
});

describe('migration 006', () => {
  it('keeps the acts and batches of a record from before it, and fills the per-month totals', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version <= 3));
    db.exec(`INSERT INTO patient (id, given_name, family_name, name_key, birth_date, sex, is_holder, created_at) VALUES (1, 'M', 'D', 'm d', '1980-01-01', 'F', 1, 'x');
      INSERT INTO reimbursement_import (id, file, sha256, rows, inserted, actor, imported_at) VALUES (1, 'a.csv', 'abc', 2, 2, 'marie', 'x');
      INSERT INTO reimbursement (import_id, line, patient_id, care_date, section, label, quantity, spent_cents, reimbursed_cents, fingerprint)
        VALUES (1, 2, 1, '2026-01-05', 'pharmacy', 'A', 1, 200, 100, 'f1'), (1, 3, 1, '2026-01-20', 'pharmacy', 'B', 1, 300, 100, 'f2');`);
    migrate(db);
    expect(db.prepare('SELECT id, file, patient_id, first_act_id, last_act_id FROM reimbursement_import').all()).toEqual([{ id: 1, file: 'a.csv', patient_id: null, first_act_id: 1, last_act_id: 2 }]);
    expect(db.prepare('SELECT month, section, count, spent_cents FROM reimbursement_month').all()).toEqual([{ month: '2026-01', section: 'pharmacy', count: 2, spent_cents: 500 }]);
    db.exec('DELETE FROM reimbursement WHERE id = 1');
    expect(db.prepare('SELECT count, spent_cents FROM reimbursement_month').get()).toEqual({ count: 1, spent_cents: 300 });
    db.close();
  });
});
