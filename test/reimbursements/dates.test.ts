import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/reimbursements/cells.js';
import { lastDayOf } from '../../src/util/dates.js';
import { loggedInRecord } from '../helpers/cli.js';
import { addLeo } from './helpers.js';

const HEADER = "Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé;Date de remboursement";

describe('care and payment dates', () => {
  it('always has four year digits', () => {
    expect(parseDate('10/03/0000')).toBe('0000-03-10');
    expect(parseDate('0042-03-10')).toBe('0042-03-10');
  });

  it('rejects dates before 1900 and care before the person was born, as rows, even with --skip-invalid', async () => {
    const rec = await loggedInRecord();
    const leo = await addLeo(rec);
    const path = join(rec.dir, 'old.csv');
    writeFileSync(path, [HEADER, '10/03/0000;Pharmacie;Zéro;2,00;1,00;', '01/01/1800;Pharmacie;Ancien;2,00;1,00;', '01/06/2015;Pharmacie;Avant;2,00;1,00;', '03/06/2015;Pharmacie;Après;2,00;1,00;', '04/06/2015;Pharmacie;Payé jadis;2,00;1,00;01/01/0000', ''].join('\n'));
    const r = await rec.run(['--patient', String(leo), 'reimbursements', 'import', path, '--skip-invalid', '--json']);
    expect(r.code).toBe(5);
    expect(r.json().files[0]).toMatchObject({ status: 'imported', rows: 5, inserted: 1, rejected: 4 });
    expect(r.json().files[0].errors).toEqual([
      { line: 2, column: 'Date des soins', value: '10/03/0000', message: 'a date before 1900', hint: null },
      { line: 3, column: 'Date des soins', value: '01/01/1800', message: 'a date before 1900', hint: null },
      { line: 4, column: 'Date des soins', value: '01/06/2015', message: "a care date before the person's birth date (2015-06-02)", hint: null },
      { line: 6, column: 'Date de remboursement', value: '01/01/0000', message: 'a date before 1900', hint: null },
    ]);
    const acts = (await rec.run(['--patient', String(leo), 'reimbursements', 'list', '--all', '--json'])).json();
    expect(acts.map((a: any) => a.careDate)).toEqual(['2015-06-03']);
    // The holder, born in 1980, may have acts from 1990.
    writeFileSync(path, [HEADER, '01/01/1990;Pharmacie;Ancien;2,00;1,00;', ''].join('\n'));
    expect((await rec.run(['reimbursements', 'import', path, '--json'])).json().files[0]).toMatchObject({ inserted: 1 });
  });

  it('says a --from or --to before 1900 is out of range', async () => {
    const rec = await loggedInRecord();
    for (const flag of ['--from', '--to']) {
      const r = await rec.run(['reimbursements', 'list', flag, '0001-01-01']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`dmp: ${flag} 0001-01-01 is out of range: payer data starts at 1900-01-01.`);
    }
  });
});

describe('lastDayOf', () => {
  it('is the month\'s last day, leap Februaries and December 9999 included (it threw: 10000-01-01 is no date)', () => {
    expect(['2026-01', '2026-02', '2024-02', '1900-02', '2000-02', '2026-04', '2026-12', '1900-01', '9999-12'].map(lastDayOf)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2024-02-29',
      '1900-02-28',
      '2000-02-29',
      '2026-04-30',
      '2026-12-31',
      '1900-01-31',
      '9999-12-31',
    ]);
  });
});
