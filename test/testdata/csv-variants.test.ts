import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/account/account.js';
import { addPatient, patientsByNameKey } from '../../src/profile/patients.js';
import { validateIdentity } from '../../src/profile/identity.js';
import { importFile } from '../../src/reimbursements/import.js';
import { openMemoryRecord } from '../../src/store/database.js';
import { seedCsvFiles } from '../../src/testdata/csv-set.js';
import { makeActs } from '../../src/testdata/acts.js';
import { Prng } from '../../src/testdata/prng.js';
import { VARIANTS } from '../../src/testdata/variants.js';
import { TEST_KDF } from '../helpers/cli.js';

const TODAY = '2026-11-26';
const NOW = new Date(`${TODAY}T10:00:00Z`);
const { files, expected } = seedCsvFiles({ seed: 42, today: TODAY, months: 30, reimbursements: 60, children: 2, variants: VARIANTS });
const dir = mkdtempSync(join(tmpdir(), 'dmp-csv-'));
for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dmp seed --csv-out: each variant imports to exactly its expected.json', () => {
  for (const variant of expected.variants) {
    it(`${variant.variant}: ${variant.description}`, async () => {
      const db = openMemoryRecord();
      try {
        const [holder, ...children] = expected.people.map((p) => validateIdentity(p, TODAY));
        const enrolment = await createAccount(db, { username: 'seed', password: 'a password of some length', identity: holder! }, NOW, TEST_KDF);
        for (const child of children) addPatient(db, child, NOW);
        const people = new Map([...patientsByNameKey(db)].map(([k, ps]) => [k, ps.map((p) => p.id)]));
        for (const e of variant.imports) {
          const report = await importFile(db, join(dir, e.file), { actor: 'seed', now: NOW, defaultPatientId: enrolment.holder.id, people, skipInvalid: e.skipInvalid });
          expect({ file: e.file, status: report.status, rows: report.rows, inserted: report.inserted, duplicates: report.duplicates, rejected: report.rejected, outsideWindow: report.outsideWindow, rejectedLines: [...new Set(report.errors.map((x) => x.line))] }).toEqual({
            file: e.file, status: e.status, rows: e.rows, inserted: e.inserted, duplicates: e.duplicates, rejected: e.rejected, outsideWindow: e.outsideWindow, rejectedLines: e.rejectedLines,
          });
        }
        const totals = db.prepare(
          `SELECT count(*) AS count, sum(spent_cents) AS spentCents, sum(reimbursed_cents) AS reimbursedCents,
                  sum(deductible_cents) AS deductibleCents, coalesce(sum(complementary_cents), 0) AS complementaryCents
           FROM reimbursement r JOIN patient p ON p.id = r.patient_id GROUP BY p.id ORDER BY p.is_holder DESC, p.id`,
        ).all();
        expect(totals).toEqual(variant.totals);
      } finally {
        db.close();
      }
    });
  }

  it('covers every variant, and every act obeys base x rate - deductible = reimbursed', () => {
    expect(expected.variants.map((v) => v.variant)).toEqual([...VARIANTS]);
    expect(expected.variants.find((v) => v.variant === 'invalid')!.imports[0]!.rejected).toBeGreaterThan(4);
    const acts = makeActs(new Prng(7), 2000, 3, 24, TODAY, new Set([1, 2]));
    for (const a of acts) {
      expect(a.reimbursedCents).toBe(Math.floor((a.baseCents * a.rate + 50) / 100) - a.deductibleCents);
      expect(a.spentCents - a.reimbursedCents - (a.complementaryCents ?? 0)).toBeGreaterThanOrEqual(0);
      expect(a.careDate <= TODAY && a.paymentDate >= a.careDate).toBe(true);
    }
    expect(new Set(acts.map((a) => a.section)).size).toBe(5);
  });

  it('gives the same bytes for the same seed, and other bytes for another seed', () => {
    const again = seedCsvFiles({ seed: 42, today: TODAY, months: 30, reimbursements: 60, children: 2, variants: VARIANTS });
    expect(again.files.map((f) => f.bytes.toString('base64'))).toEqual(files.map((f) => f.bytes.toString('base64')));
    const other = seedCsvFiles({ seed: 43, today: TODAY, months: 30, reimbursements: 60, children: 2, variants: VARIANTS });
    expect(other.files[0]!.bytes.equals(files[0]!.bytes)).toBe(false);
  });
});
