import { describe, expect, it } from 'vitest';
import { openRecord } from '../../src/store/database.js';
import { loggedInRecord } from '../helpers/cli.js';
import { importJson } from './helpers.js';
import { contentDigest, Fingerprinter } from '../../src/reimbursements/fingerprint.js';
import { ActPacker, unpackActs } from '../../src/reimbursements/packed.js';
import { VALUES_PER_ACT } from '../../src/reimbursements/repo.js';
import type { Act } from '../../src/reimbursements/rows.js';

/** The first act of five-acts-semicolon.csv, as the row reader makes it. */
const ACT: Act = {
  patientId: 1, careDate: '2026-01-05', section: 'pharmacy', label: 'Doliprane 1000 mg, boîte de 8', code: '3400930000001', quantity: 1,
  professional: 'Pharmacie du Centre', specialty: null, spentCents: 218, baseCents: 218, rateBp: 6500, reimbursedCents: 142,
  deductibleCents: 0, complementaryCents: 76, paymentDate: '2026-01-09', reference: 'D-001',
};

describe('the fingerprint of an act (stored in every record: changing it makes every known act look new)', () => {
  it('is pinned for a fixed act, and for its twins in the same file', () => {
    const packer = new ActPacker();
    for (let line = 2; line <= 4; line++) packer.add(ACT, line);
    const params = unpackActs(packer.take(), 7, new Fingerprinter());
    // The act's content, from the person to the reference, as the writer binds it.
    expect(contentDigest(params, 2)).toBe('z/XEBNWRAuYnHWeYD1W+colDzanFtfakNbD5Ws6Uvvg=');
    const fingerprints = [0, 1, 2].map((r) => params[(r + 1) * VALUES_PER_ACT - 1]);
    expect(fingerprints).toEqual(['z/XEBNWRAuYnHWeYD1W+co', 'by25uAx6K/7KHdM2ChXPDk', 'YRWXwX1HS6n9p9d5A05Wkc']);
  });

  it('is what an import of the file stores for that row', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    const db = rec.open();
    try {
      expect(db.prepare('SELECT fingerprint FROM reimbursement WHERE line = 2').pluck().get()).toBe(STORED);
    } finally {
      db.close();
    }
  });
});

/** The stored form of the act's fingerprint. */
const STORED = 'z/XEBNWRAuYnHWeYD1W+co';
