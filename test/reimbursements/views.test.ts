import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { addLeo, importJson, summaryJson } from './helpers.js';

const ZERO = { count: 0, spentCents: 0, reimbursedCents: 0, deductibleCents: 0, complementaryCents: 0, outOfPocketCents: 0 };

describe('dmp reimbursements summary', () => {
  it('always shows the five sections in the DMP order, empty ones with zeros, and totals to the cent', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['twins.csv', 'export-2026-01-03.csv']);
    const s = await summaryJson(rec);
    expect(s.from).toBe('2024-11-26');
    expect(s.to).toBe('2026-11-26');
    expect(s.by).toBe('section');
    expect(s.groups).toEqual([
      { key: 'pharmacy', count: 4, spentCents: 520 * 2 + 300 + 450, reimbursedCents: 338 * 2 + 195 + 293, deductibleCents: 0, complementaryCents: 0, outOfPocketCents: 1790 - 1164 },
      { key: 'hospitalization', ...ZERO },
      { key: 'medical_dental', count: 1, spentCents: 3000, reimbursedCents: 1900, deductibleCents: 0, complementaryCents: 0, outOfPocketCents: 1100 },
      { key: 'radiology', ...ZERO },
      { key: 'biology', count: 1, spentCents: 270, reimbursedCents: 162, deductibleCents: 0, complementaryCents: 0, outOfPocketCents: 108 },
    ]);
    expect(s.total).toEqual({ count: 6, spentCents: 5060, reimbursedCents: 3226, deductibleCents: 0, complementaryCents: 0, outOfPocketCents: 1834 });
  });

  it('shows an empty record as five zero sections', async () => {
    const rec = await loggedInRecord();
    const s = await summaryJson(rec);
    expect(s.groups.map((x: any) => x.key)).toEqual(['pharmacy', 'hospitalization', 'medical_dental', 'radiology', 'biology']);
    expect(s.total).toEqual(ZERO);
  });

  it('groups by month and by professional', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv', 'export-2026-01-03.csv']);
    const months = await summaryJson(rec, ['--by', 'month']);
    expect(Object.keys(months)).toEqual(['from', 'to', 'by', 'groups', 'total']);
    expect(months.groups.map((m: any) => [m.key, m.count, m.spentCents])).toEqual([
      ['2026-01', 2, 218 + 3000], ['2026-02', 2, 3000 + 270], ['2026-03', 2, 123456 + 450], ['2026-04', 1, 810], ['2026-06', 1, 4000],
    ]);
    expect(months.total.spentCents).toBe(131484 + 3720);
    const pros = await summaryJson(rec, ['--by', 'professional']);
    expect(pros.groups.find((p: any) => p.key === 'Dr Anne MARTIN')).toMatchObject({ count: 1, reimbursedCents: 1900 });
    expect(pros.groups.find((p: any) => p.key === '')).toMatchObject({ count: 3 });
  });

  it('moves the 24-month window with the clock, and --all shows everything', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['old-and-new.csv']);
    expect((await summaryJson(rec)).total.count).toBe(2);
    rec.advance(24 * 3600 * 1000);
    await rec.login();
    const next = await summaryJson(rec);
    expect(next.from).toBe('2024-11-27');
    expect(next.total.count).toBe(1);
    expect((await summaryJson(rec, ['--all'])).total.count).toBe(4);
  });

  it('prints a table in French euros with the DMP notice on a terminal', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    const r = await rec.run(['reimbursements', 'summary'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Soins médicaux et dentaires');
    expect(r.stdout).toMatch(/Radiologie\s+│\s+1 │ 1 234,56 € │\s+864,19 €/);
    expect(r.stdout).toMatch(/Total\s+│\s+5 │ 1 314,84 €/);
    expect(r.stdout).toContain('Payer data is informative and may be incomplete');
  });

  it('prints tab-separated raw cents when piped, the groups only (no Total row among them)', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    const r = await rec.run(['reimbursements', 'summary']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('section\tcount\tspentCents\treimbursedCents\tdeductibleCents\tcomplementaryCents\toutOfPocketCents');
    expect(lines[4]).toBe('radiology\t1\t123456\t86419\t0\t37037\t0');
    expect(lines).toHaveLength(6);
    expect(r.stdout).not.toContain('Total');
  });

  it('keeps the same JSON keys whatever --by', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    for (const by of ['section', 'month', 'professional']) {
      const s = await summaryJson(rec, ['--by', by]);
      expect(Object.keys(s)).toEqual(['from', 'to', 'by', 'groups', 'total']);
      expect(s.by).toBe(by);
      expect(Object.keys(s.groups[0])).toEqual(['key', 'count', 'spentCents', 'reimbursedCents', 'deductibleCents', 'complementaryCents', 'outOfPocketCents']);
    }
  });

  it('refuses --from after --to in list, as in docs list', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['reimbursements', 'list', '--from', '2026-02-01', '--to', '2026-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dmp: --from 2026-02-01 is after --to 2026-01-01.');
  });

  it('refuses an unknown grouping', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['reimbursements', 'summary', '--by', 'year']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dmp: "year" is not a grouping.');
    expect(r.stderr).toContain('Pass --by section, --by month or --by professional.');
    const inherited = await rec.run(['reimbursements', 'summary', '--by', 'toString']);
    expect(inherited.code).toBe(2);
    expect(inherited.stderr).toContain('dmp: "toString" is not a grouping.');
  });

  it('honours --patient', async () => {
    const rec = await loggedInRecord();
    const leo = await addLeo(rec);
    await rec.run(['--patient', 'leo dupont', 'reimbursements', 'import', `${process.cwd()}/fixtures/reimbursements/twins.csv`]);
    expect((await summaryJson(rec)).total.count).toBe(0);
    expect((await summaryJson(rec, ['--patient', String(leo)])).total.count).toBe(3);
    const unknown = await rec.run(['--patient', 'Zoé', 'reimbursements', 'summary']);
    expect(unknown.code).toBe(4);
  });
});

describe('dmp reimbursements list', () => {
  it('lists the acts of the window, newest first, with every JSON field', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    const rows = (await rec.run(['reimbursements', 'list', '--json'])).json();
    expect(rows.map((r: any) => r.careDate)).toEqual(['2026-06-10', '2026-04-20', '2026-03-03', '2026-02-12', '2026-01-05']);
    expect(rows[4]).toEqual({
      id: 1, careDate: '2026-01-05', section: 'pharmacy', label: 'Doliprane 1000 mg, boîte de 8', code: '3400930000001', quantity: 1,
      professional: 'Pharmacie du Centre', specialty: null, spentCents: 218, baseCents: 218, rate: 65, reimbursedCents: 142,
      deductibleCents: 0, complementaryCents: 76, paymentDate: '2026-01-09', importId: 1, file: 'five-acts-semicolon.csv', line: 2,
    });
  });

  it('filters by section, dates, code and professional, and --all reaches past 24 months', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv', 'old-and-new.csv']);
    const list = async (...flags: string[]) => (await rec.run(['reimbursements', 'list', '--json', ...flags])).json().map((r: any) => r.label);
    expect(await list('--section', 'radiology')).toEqual(['IRM cérébrale']);
    expect(await list('--section', 'Biologie')).toEqual(['NFS', 'Premier jour de la fenêtre']);
    expect(await list('--code', '0552')).toEqual(['NFS']);
    expect(await list('--code', '552')).toEqual([]);
    expect(await list('--professional', 'martin')).toEqual(['Consultation "G" ; généraliste']);
    expect(await list('--professional', 'IMAGERIE')).toEqual(['IRM cérébrale']);
    expect(await list('--from', '2026-03-01', '--to', '2026-04-30')).toEqual(['NFS', 'IRM cérébrale']);
    expect(await list('--all', '--section', 'pharmacy')).toEqual(['Récent', 'Doliprane 1000 mg, boîte de 8', 'Ancien']);
    expect(await list('--section', 'pharmacy')).toEqual(['Récent', 'Doliprane 1000 mg, boîte de 8']);
  });

  it('gives [] for an empty result', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['reimbursements', 'list', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual([]);
  });

  it('refuses a bad section or date', async () => {
    const rec = await loggedInRecord();
    const s = await rec.run(['reimbursements', 'list', '--section', 'optique']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('dmp: "optique" is not a section.');
    const d = await rec.run(['reimbursements', 'list', '--from', '01/03/2026']);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('dmp: "01/03/2026" is not a date in YYYY-MM-DD form.');
  });

  it('shows euros on a terminal', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    const r = await rec.run(['reimbursements', 'list', '--section', 'radiology'], { tty: true });
    expect(r.stdout).toContain('1 234,56 €');
    expect(r.stdout).toContain('IRM cérébrale');
  });
});

describe('dmp reimbursements list: limits, wildcards, streaming', () => {
  it('--limit N gives the N newest acts, and refuses 0 or text', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    const rows = (await rec.run(['reimbursements', 'list', '--limit', '2', '--json'])).json();
    expect(rows.map((r: any) => r.careDate)).toEqual(['2026-06-10', '2026-04-20']);
    const tsv = await rec.run(['reimbursements', 'list', '--limit', '1']);
    expect(tsv.stdout.trimEnd().split('\n')).toHaveLength(2);
    const withPro = (await rec.run(['reimbursements', 'list', '--limit', '1', '--professional', 'a', '--json'])).json();
    expect(withPro.map((r: any) => r.professional)).toEqual(['Clinique des Lilas']);
    for (const bad of ['0', 'ten']) {
      const r = await rec.run(['reimbursements', 'list', '--limit', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`dmp: "${bad}" is not a valid --limit.`);
    }
  });

  it('gives a page (--limit, read through the index) in the same order as the whole list (the table read in order): newest day first, a day in the order added', async () => {
    const rec = await loggedInRecord();
    const leo = await addLeo(rec);
    const rows = Array.from({ length: 60 }, (_, i) => `${String((i % 3) + 1).padStart(2, '0')}/0${(i % 4) + 1}/2026;${i % 2 ? 'Pharmacie' : 'Biologie'};Acte ${i};${i + 1},00;1,00;${i % 5 ? '0552' : 'B120'}`);
    const file = join(rec.dir, 'same-days.csv');
    writeFileSync(file, ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé;Code acte", ...rows, ''].join('\n'));
    expect((await rec.run(['reimbursements', 'import', file])).code).toBe(0);
    expect((await rec.run(['--patient', String(leo), 'reimbursements', 'import', file])).code).toBe(0);
    const list = async (flags: string[]) => (await rec.run(['reimbursements', 'list', ...flags, '--json'])).json().map((r: any) => r.label);
    for (const filters of [[], ['--section', 'biology'], ['--code', 'B120'], ['--from', '2026-02-01', '--to', '2026-03-31']]) {
      const whole = await list(filters);
      expect(whole.length).toBeGreaterThan(5);
      expect(await list([...filters, '--limit', '3'])).toEqual(whole.slice(0, 3));
      expect(await list([...filters, '--limit', '5000'])).toEqual(whole);
    }
    const all = (await rec.run(['reimbursements', 'list', '--json'])).json();
    expect(all).toHaveLength(60);
    expect(all.slice(0, 4).map((r: any) => [r.careDate, r.label])).toEqual([['2026-04-03', 'Acte 11'], ['2026-04-03', 'Acte 23'], ['2026-04-03', 'Acte 35'], ['2026-04-03', 'Acte 47']]);
  });

  it('gives the same page of an act code whether the period holds few of the record\'s acts (read through the index) or most (the table in one pass)', async () => {
    const rec = await loggedInRecord();
    const leo = await addLeo(rec);
    const acts = (n: number) => Array.from({ length: n }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2026;Pharmacie;Acte ${i};${i + 1},00;1,00;${i % 7 ? '0552' : 'B120'}`);
    const header = "Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé;Code acte";
    writeFileSync(join(rec.dir, 'many.csv'), [header, ...acts(3000), ''].join('\n'));
    writeFileSync(join(rec.dir, 'few.csv'), [header, ...acts(40), ''].join('\n'));
    expect((await rec.run(['reimbursements', 'import', join(rec.dir, 'many.csv')])).code).toBe(0);
    expect((await rec.run(['--patient', String(leo), 'reimbursements', 'import', join(rec.dir, 'few.csv')])).code).toBe(0);
    for (const who of [[], ['--patient', String(leo)]]) {
      const list = async (flags: string[]) => (await rec.run([...who, 'reimbursements', 'list', '--code', 'B120', ...flags, '--json'])).json().map((r: any) => r.label);
      const whole = await list([]);
      expect(whole.length).toBe(who.length ? 6 : 429);
      expect(await list(['--limit', '4'])).toEqual(whole.slice(0, 4));
    }
  });

  it('takes % and _ in --professional as plain characters, not wildcards', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    for (const p of ['%', '_', '%%', '__']) expect((await rec.run(['reimbursements', 'list', '--professional', p, '--json'])).json()).toEqual([]);
  });

  it('writes JSON and TSV as rows come, with control characters escaped in TSV and kept in JSON', async () => {
    const rec = await loggedInRecord();
    const path = join(rec.dir, 'esc.csv');
    writeFileSync(path, ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé", '10/03/2026;Pharmacie;Evil\x1b[2J\x07;2,18;1,42', ''].join('\n'));
    await rec.run(['reimbursements', 'import', path]);
    const json = (await rec.run(['reimbursements', 'list', '--json'])).json();
    expect(json[0].label).toBe('Evil\x1b[2J\x07');
    const tsv = (await rec.run(['reimbursements', 'list'])).stdout;
    expect(tsv).toContain('Evil\\x1b[2J\\x07');
    expect(tsv).not.toContain('\x1b');
  });
});
