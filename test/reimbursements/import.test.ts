import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { addLeo, fixture, importJson, summaryJson } from './helpers.js';

const FIVE = ['five-acts-semicolon.csv', 'five-acts-win1252-preamble.csv', 'five-acts-bom-crlf-comma.csv', 'five-acts-tab.tsv'];
const FIVE_TOTAL = { count: 5, spentCents: 131484, reimbursedCents: 88947, deductibleCents: 200, complementaryCents: 42337, outOfPocketCents: 200 };

describe('dmp reimbursements import: file dialects', () => {
  it.each(FIVE)('reads %s into the same five acts, to the cent', async (name) => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, [name]);
    expect(r.code).toBe(0);
    expect(r.files[0]).toMatchObject({ status: 'imported', importId: 1, rows: 5, inserted: 5, duplicates: 0, rejected: 0, outsideWindow: 0, errors: [] });
    const s = await summaryJson(rec);
    expect(s.total).toEqual(FIVE_TOTAL);
    expect(s.groups.map((x: any) => [x.key, x.spentCents])).toEqual([
      ['pharmacy', 218], ['hospitalization', 4000], ['medical_dental', 3000], ['radiology', 123456], ['biology', 810],
    ]);
    const list = (await rec.run(['reimbursements', 'list', '--json'])).json();
    const nfs = list.find((a: any) => a.section === 'biology');
    expect(nfs).toMatchObject({ code: '0552', rate: 60, careDate: '2026-04-20', paymentDate: '2026-04-25', reimbursedCents: 486 });
    expect(list.find((a: any) => a.section === 'medical_dental').label).toBe('Consultation "G" ; généraliste');
    expect(list.find((a: any) => a.section === 'hospitalization')).toMatchObject({ quantity: 2, baseCents: null, rate: null, deductibleCents: null });
  });

  it('keeps the physical line of each act: preamble lines count', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-win1252-preamble.csv']);
    const list = (await rec.run(['reimbursements', 'list', '--json'])).json();
    expect(list.map((a: any) => a.line)).toEqual([9, 8, 7, 6, 5]);
  });

  it('counts a line break inside a quoted field in the line numbers, and a CRLF copy equals an LF one', async () => {
    const rec = await loggedInRecord();
    for (const eol of ['\r\n', '\n']) {
      const path = join(rec.dir, `multiline-${eol.length}.csv`);
      const rows = ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé", `01/02/2026;Pharmacie;"Pansements${eol}stériles${eol}(boîte)";4,00;2,60`, '', '02/02/2026;Pharmacie;Compresses;quatre;2,60'];
      writeFileSync(path, rows.join(eol) + eol);
      const r = await rec.run(['reimbursements', 'import', path, '--skip-invalid', '--json']);
      expect(r.json().files[0]).toMatchObject({ rows: 2, inserted: eol === '\r\n' ? 1 : 0, duplicates: eol === '\r\n' ? 0 : 1, rejected: 1, errors: [{ line: 6, column: 'Dépense', value: 'quatre' }] });
    }
    const acts = (await rec.run(['reimbursements', 'list', '--json'])).json();
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ line: 2, label: 'Pansements\nstériles\n(boîte)' });
  });

  it('adds nothing when the same acts come again in another encoding, delimiter or column order', async () => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, FIVE);
    expect(r.code).toBe(0);
    expect(r.files.map((f) => [f.status, f.inserted, f.duplicates])).toEqual([
      ['imported', 5, 0], ['imported', 0, 5], ['imported', 0, 5], ['imported', 0, 5],
    ]);
    expect((await summaryJson(rec)).total).toEqual(FIVE_TOTAL);
  });

  it('recognises a file already imported by its sha256 and names the import', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['five-acts-semicolon.csv']);
    const again = await importJson(rec, ['five-acts-semicolon.csv']);
    expect(again.code).toBe(0);
    expect(again.files[0]).toMatchObject({ status: 'already-imported', importId: 1, inserted: 0 });
    const human = await rec.run(['reimbursements', 'import', fixture('five-acts-semicolon.csv')]);
    expect(human.code).toBe(0);
    expect(human.stderr).toContain('five-acts-semicolon.csv was already imported (import 1); nothing added.');
    expect((await rec.run(['reimbursements', 'imports', '--json'])).json()).toHaveLength(1);
  });

  it('keeps twin rows of one file as two acts, and a later export adds only the third box', async () => {
    const rec = await loggedInRecord();
    const first = await importJson(rec, ['twins.csv']);
    expect(first.files[0]).toMatchObject({ rows: 3, inserted: 3, duplicates: 0 });
    const later = await importJson(rec, ['twins-later.csv']);
    expect(later.files[0]).toMatchObject({ rows: 4, inserted: 1, duplicates: 3 });
    const s = await summaryJson(rec);
    expect(s.groups[0]).toMatchObject({ key: 'pharmacy', count: 4, spentCents: 3 * 520 + 300, reimbursedCents: 3 * 338 + 195 });
  });

  it('adds only the new rows of an overlapping later export', async () => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, ['export-2026-01-03.csv', 'export-2026-02-04.csv']);
    expect(r.files.map((f) => [f.inserted, f.duplicates])).toEqual([[3, 0], [2, 2]]);
    expect((await summaryJson(rec)).total).toMatchObject({ count: 5, spentCents: 3000 + 270 + 450 + 5670 + 2892, reimbursedCents: 1900 + 162 + 293 + 3969 + 2024 });
  });

  it('counts rows older than 24 months, keeps them, and leaves them out of the default view', async () => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, ['old-and-new.csv']);
    expect(r.files[0]).toMatchObject({ inserted: 4, outsideWindow: 2 });
    expect((await summaryJson(rec)).total.count).toBe(2);
    expect((await summaryJson(rec, ['--all'])).total.count).toBe(4);
  });

  it('accepts rows without the trailing delimiters that pad the header', async () => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, ['trailing-delimiters.csv']);
    expect(r.code).toBe(0);
    expect(r.files[0]).toMatchObject({ rows: 3, inserted: 3, rejected: 0 });
  });

  it('reports an unknown column once and ignores it', async () => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, ['unknown-column.csv']);
    expect(r.code).toBe(0);
    expect(r.files[0].inserted).toBe(1);
    expect(r.stderr).toContain('ignored unknown column "Commentaire"');
  });
});

describe('dmp reimbursements import: beneficiaries', () => {
  it('routes rows by the Bénéficiaire column and refuses an unknown person with the command to add them', async () => {
    const rec = await loggedInRecord();
    const leo = await addLeo(rec);
    const refused = await importJson(rec, ['family.csv']);
    expect(refused.code).toBe(5);
    expect(refused.files[0]).toMatchObject({ status: 'rejected', rows: 6, inserted: 0, rejected: 1 });
    expect(refused.files[0].errors).toEqual([
      {
        line: 6,
        column: 'Bénéficiaire',
        value: 'Zoé DUPONT',
        message: 'no one named "Zoé DUPONT" in this record',
        unknownPerson: { givenName: 'Zoé', familyName: 'DUPONT' },
        hint: 'Add the person with `dmp patients add --given-name Zoé --family-name DUPONT --birth-date YYYY-MM-DD --sex F|M`, then import again.',
      },
    ]);
    const human = await rec.run(['reimbursements', 'import', fixture('family.csv')]);
    expect(human.stderr).toContain('family.csv:6: Bénéficiaire "Zoé DUPONT": no one named "Zoé DUPONT" in this record.\n  Add the person with `dmp patients add --given-name Zoé --family-name DUPONT --birth-date YYYY-MM-DD --sex F|M`, then import again.');
    const r = await importJson(rec, ['family.csv'], ['--skip-invalid']);
    expect(r.code).toBe(5);
    expect(r.files[0]).toMatchObject({ status: 'imported', inserted: 5, rejected: 1 });
    const marie = await summaryJson(rec);
    expect(marie.total).toMatchObject({ count: 2, spentCents: 3000 + 810 });
    const leoTotals = await summaryJson(rec, ['--patient', String(leo)]);
    expect(leoTotals.total).toMatchObject({ count: 3, spentCents: 3500 + 600 + 2500, reimbursedCents: 2450 + 390 + 1750 });
    const byName = await rec.run(['--patient', 'Léo DUPONT', 'reimbursements', 'list', '--json']);
    expect(byName.json()).toHaveLength(3);
    // Once Zoé is added, the same file brings in her row and nothing else.
    await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2019-04-04', '--sex', 'F']);
    const again = await importJson(rec, ['family.csv']);
    expect(again.code).toBe(0);
    expect(again.files[0]).toMatchObject({ status: 'imported', inserted: 1, duplicates: 5, rejected: 0 });
    const third = await importJson(rec, ['family.csv']);
    expect(third.files[0]).toMatchObject({ status: 'already-imported', importId: again.files[0].importId });
  });

  it('refuses rows whose Bénéficiaire names two people of the record, rather than pick one', async () => {
    const rec = await loggedInRecord();
    const leo = await addLeo(rec);
    const twin = (await rec.run(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2016-07-07', '--sex', 'M', '--json'])).json().id;
    const r = await importJson(rec, ['family.csv']);
    expect(r.code).toBe(5);
    expect(r.files[0].errors).toContainEqual({
      line: 3,
      column: 'Bénéficiaire',
      value: 'Léo DUPONT',
      message: `"Léo DUPONT" names 2 people in this record (ids ${leo}, ${twin})`,
      ambiguousPerson: [leo, twin],
      hint: 'Import their rows separately: each file with --patient ID and without the Bénéficiaire column.',
    });
    expect((await summaryJson(rec, ['--patient', String(leo)])).total.count).toBe(0);
  });

  it('files rows without a Bénéficiaire column under --patient', async () => {
    const rec = await loggedInRecord();
    const leo = await addLeo(rec);
    const r = await rec.run(['--patient', String(leo), 'reimbursements', 'import', fixture('twins.csv'), '--json']);
    expect(r.code).toBe(0);
    expect((await summaryJson(rec)).total.count).toBe(0);
    expect((await summaryJson(rec, ['--patient', String(leo)])).total.count).toBe(3);
  });
});

describe('dmp reimbursements import: invalid rows', () => {
  const EXPECTED = [
    [6, 'Date des soins', '31/02/2026', 'not a real date in dd/mm/yyyy or yyyy-mm-dd form'],
    [7, 'Date des soins', '02/03/2027', 'a care date in the future (after 2026-11-26)'],
    [8, 'Date de remboursement', '01/03/2026', 'a payment date before the care date (2026-03-10)'],
    [9, 'Taux', '120', 'a rate outside 0-100'],
    [10, 'Quantité', '0', 'a quantity that is not a positive whole number'],
    [11, 'Quantité', '1,5', 'a quantity that is not a positive whole number'],
    [12, 'Dépense', 'douze euros', 'not an amount in euros (like 12,50 or 1 234,56 €)'],
    [13, 'Dépense', '12,5,0', 'not an amount in euros (like 12,50 or 1 234,56 €)'],
    [14, 'Rubrique', 'Optique', 'not one of the five sections (Pharmacie / fournitures, Hospitalisation, Soins médicaux et dentaires, Radiologie, Biologie)'],
    [15, "Nature de l'acte", '', 'the nature of the act is required'],
    [16, 'Participation forfaitaire', '-1,00', 'a negative deductible (it is withheld, so 0 or more)'],
    [17, 'Montant remboursé', '3,00', 'more paid back than spent (out of pocket can be negative only in a regularisation row, with a minus sign)'],
    [18, null, null, 'the row has 11 cells where the header has 10 (a delimiter inside an unquoted value?)'],
    [19, null, null, 'the row has 9 cells where the header has 10 (a delimiter inside an unquoted value?)'],
  ].map(([line, column, value, message]) => ({ line, column, value, message, hint: null }));

  it('refuses the whole file by default, listing every bad row with its physical line, column, value and rule', async () => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, ['invalid-rows.csv']);
    expect(r.code).toBe(5);
    expect(r.files[0]).toMatchObject({ status: 'rejected', importId: null, rows: 17, inserted: 0, rejected: 14 });
    expect(r.files[0].errors).toEqual(EXPECTED);
    expect((await summaryJson(rec, ['--all'])).total.count).toBe(0);
    expect((await rec.run(['reimbursements', 'imports', '--json'])).json()).toEqual([]);
  });

  it('prints each bad row as file:line on stderr, and how to go on', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['reimbursements', 'import', fixture('invalid-rows.csv')]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`${fixture('invalid-rows.csv')}:6: Date des soins "31/02/2026": not a real date in dd/mm/yyyy or yyyy-mm-dd form.`);
    expect(r.stderr).toContain('Nothing was imported from');
    expect(r.stderr).toContain('pass --skip-invalid to import the valid ones');
  });

  it('imports the valid rows with --skip-invalid (a regularisation row included) and writes the rejects', async () => {
    const rec = await loggedInRecord();
    const rejects = join(rec.dir, 'to-fix.csv');
    const r = await importJson(rec, ['invalid-rows.csv'], ['--skip-invalid', '--rejects', rejects]);
    expect(r.code).toBe(5);
    expect(r.files[0]).toMatchObject({ status: 'imported', importId: 1, rows: 17, inserted: 3, duplicates: 0, rejected: 14 });
    expect((await summaryJson(rec)).total).toEqual({ count: 3, spentCents: 400 - 400 + 400, reimbursedCents: 260 - 260 + 260, deductibleCents: 0, complementaryCents: 140, outOfPocketCents: 0 });
    const text = readFileSync(rejects, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(15);
    expect(lines[0]).toBe("Date des soins;Rubrique;Nature de l'acte;Quantité;Dépense;Taux;Montant remboursé;Participation forfaitaire;Part complémentaire;Date de remboursement;Motif du rejet");
    expect(lines[1]).toBe("31/02/2026;Pharmacie;Date qui n'existe pas;1;4,00;65;2,60;;;;Date des soins: not a real date in dd/mm/yyyy or yyyy-mm-dd form");
    // The rejects file reads back as an export (fix the rows, import it): as is, each row is refused again.
    const back = await rec.run(['reimbursements', 'import', rejects, '--json']);
    expect(back.json().files[0]).toMatchObject({ rows: 14, rejected: 14, status: 'rejected' });
  });

  it('writes one rejects file per input when several files are imported', async () => {
    const rec = await loggedInRecord();
    const rejects = join(rec.dir, 'rejects.csv');
    await importJson(rec, ['invalid-rows.csv', 'dot-in-comma-file.csv'], ['--rejects', rejects]);
    expect(readFileSync(join(rec.dir, 'rejects-invalid-rows.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(15);
    const comma = readFileSync(join(rec.dir, 'rejects-dot-in-comma-file.csv'), 'utf8').slice(1).trimEnd().split('\r\n');
    expect(comma).toEqual([
      "Date des soins,Rubrique,Nature de l'acte,Dépense,Montant remboursé,Motif du rejet",
      '11/03/2026,Pharmacie,Point décimal,4.00,"2,60","Dépense: not an amount in euros (like 12,50 or 1 234,56 €)"',
    ]);
  });

  it('refuses a rejects path that is a directory and imports nothing', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['reimbursements', 'import', fixture('invalid-rows.csv'), '--skip-invalid', '--rejects', rec.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`dmp: The rejects file ${rec.dir} is a directory.`);
    expect((await rec.run(['reimbursements', 'list', '--all', '--json'])).json()).toEqual([]);
  });

  it('refuses a rejects path in a missing directory before importing anything', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['reimbursements', 'import', fixture('invalid-rows.csv'), '--rejects', 'nowhere/rejects.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dmp: Cannot write the rejects file nowhere/rejects.csv: there is no directory');
  });

  it('refuses a dot decimal in a comma-delimited file', async () => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, ['dot-in-comma-file.csv']);
    expect(r.code).toBe(5);
    expect(r.files[0].errors).toEqual([{ line: 3, column: 'Dépense', value: '4.00', message: 'not an amount in euros (like 12,50 or 1 234,56 €)', hint: null }]);
  });

  it.each([
    ['empty.csv', 'empty.csv is empty.'],
    ['blank-lines.csv', 'blank-lines.csv is empty.'],
    ['header-only.csv', 'header-only.csv has a header row but no data rows.'],
    ['missing-column.csv', 'missing-column.csv:1: the header row lacks the required column Montant remboursé.'],
    ['not-a-csv.csv', "not-a-csv.csv has no header row naming the required columns (Date des soins, Rubrique, Nature de l'acte, Dépense, Montant remboursé)."],
    ['broken-quote.csv', 'broken-quote.csv:3: a quoted field opened on this line is never closed.'],
  ])('refuses %s as a whole, saying why', async (name, message) => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, [name]);
    expect(r.code).toBe(5);
    expect(r.files[0]).toMatchObject({ status: 'rejected', inserted: 0, errors: [{ line: null, column: null, value: null, message }] });
    const human = await rec.run(['reimbursements', 'import', fixture(name)]);
    expect(human.stderr).toContain(message);
  });

  it('goes on with the other files when one is refused, and exits 5', async () => {
    const rec = await loggedInRecord();
    const r = await importJson(rec, ['empty.csv', 'twins.csv']);
    expect(r.code).toBe(5);
    expect(r.files.map((f) => f.status)).toEqual(['rejected', 'imported']);
  });

  it('says which file does not exist, before importing anything', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['reimbursements', 'import', fixture('twins.csv'), 'nope.csv']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('dmp: No file at nope.csv.');
    expect((await summaryJson(rec)).total.count).toBe(0);
  });
});

describe('dmp reimbursements import: dry run, batches and undo', () => {
  it('reports everything and writes nothing with --dry-run', async () => {
    const rec = await loggedInRecord();
    const rejects = join(rec.dir, 'rejects.csv');
    const r = await importJson(rec, ['five-acts-semicolon.csv', 'invalid-rows.csv'], ['--dry-run', '--skip-invalid', '--rejects', rejects]);
    expect(r.files.map((f) => [f.status, f.importId, f.inserted, f.rejected])).toEqual([['dry-run', null, 5, 0], ['dry-run', null, 3, 14]]);
    expect((await summaryJson(rec, ['--all'])).total.count).toBe(0);
    expect((await rec.run(['reimbursements', 'imports', '--json'])).json()).toEqual([]);
    expect(() => readFileSync(rejects)).toThrow();
    expect((await importJson(rec, ['five-acts-semicolon.csv'])).files[0].inserted).toBe(5);
  });

  it('lists batches and undoes one: only the acts it added go, audited', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['export-2026-01-03.csv', 'export-2026-02-04.csv']);
    const batches = (await rec.run(['reimbursements', 'imports', '--json'])).json();
    expect(batches.map((b: any) => [b.id, b.file, b.rows, b.inserted, b.duplicates, b.undoneAt])).toEqual([
      [1, 'export-2026-01-03.csv', 3, 3, 0, null],
      [2, 'export-2026-02-04.csv', 4, 2, 2, null],
    ]);
    expect(batches[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const undo = await rec.run(['reimbursements', 'undo', '2', '--json']);
    expect(undo.code).toBe(0);
    expect(undo.json()).toEqual({ importId: 2, file: 'export-2026-02-04.csv', removed: 2 });
    expect((await summaryJson(rec)).total.count).toBe(3);
    const audit = (await rec.run(['audit', '--json'])).json();
    expect(audit.map((a: any) => a.action)).toEqual(expect.arrayContaining(['reimbursements.import', 'reimbursements.undo']));
    expect(audit.find((a: any) => a.action === 'reimbursements.undo')).toEqual(expect.objectContaining({ target: 'import:2', details: { removed: 2 } }));
    // An undone file can be imported again.
    expect((await importJson(rec, ['export-2026-02-04.csv'])).files[0]).toMatchObject({ status: 'imported', inserted: 2 });
  });

  it('refuses to undo an unknown or already undone batch', async () => {
    const rec = await loggedInRecord();
    const missing = await rec.run(['reimbursements', 'undo', '9']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('dmp: There is no import 9.');
    await importJson(rec, ['twins.csv']);
    await rec.run(['reimbursements', 'undo', '1']);
    const twice = await rec.run(['reimbursements', 'undo', '1']);
    expect(twice.code).toBe(5);
    expect(twice.stderr).toContain('dmp: Import 1 (twins.csv) was already undone on 2026-11-26.');
    const bad = await rec.run(['reimbursements', 'undo', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"abc" is not a valid import id.');
  });

  it('needs a session', async () => {
    const rec = await loggedInRecord();
    await rec.run(['logout']);
    const r = await rec.run(['reimbursements', 'import', fixture('twins.csv')]);
    expect(r.code).toBe(3);
  });
});

describe('dmp reimbursements import: rows past the size limit', () => {
  it.each([
    ['a quoted field that runs on over many lines', (filler: string) => `11/03/2026;Pharmacie;"Sans fin\n${filler.replace(/(.{60})/g, '$1\n')}";2,18;1,42\n`],
    ['a 20 MiB cell', (filler: string) => `11/03/2026;Pharmacie;${filler};2,18;1,42\n`],
  ])('refuses a file with %s, naming the line and the limit', async (_what, row) => {
    const rec = await loggedInRecord();
    const dir = mkdtempSync(join(tmpdir(), 'dmp-long-row-'));
    try {
      const path = join(dir, 'long-row.csv');
      writeFileSync(path, `Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé\n10/03/2026;Pharmacie;Doliprane;2,18;1,42\n${row('x'.repeat(20 * 1024 * 1024))}`);
      const message = 'long-row.csv:3: the row starting on this line runs on for more than 1 MiB, the most a row may hold (a quote left open?).';
      const r = await rec.run(['reimbursements', 'import', path, '--json']);
      expect(r.code).toBe(5);
      expect(r.json().files[0]).toMatchObject({ status: 'rejected', inserted: 0, errors: [{ line: null, message }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dmp reimbursements import: stray quotes', () => {
  it('takes a quote inside an unquoted field literally, and rejects a row with text after a closing quote, even with --skip-invalid', async () => {
    const rec = await loggedInRecord();
    const path = join(rec.dir, 'quotes.csv');
    writeFileSync(path, ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé", '10/03/2026;Pharmacie;Pansement 5"x5";2,18;1,42', '11/03/2026;Pharmacie;"Compresses" stériles;2,18;1,42', '12/03/2026;Pharmacie;Doliprane;2,18;1,42', ''].join('\n'));
    const r = await rec.run(['reimbursements', 'import', path, '--skip-invalid', '--json']);
    expect(r.code).toBe(5);
    expect(r.json().files[0]).toMatchObject({
      status: 'imported', rows: 3, inserted: 2, rejected: 1,
      errors: [{ line: 3, column: null, value: null, message: 'the row\'s quoting is broken: text follows a closing quote (a quote inside a quoted value is written "")' }],
    });
    const labels = (await rec.run(['reimbursements', 'list', '--json'])).json().map((a: any) => a.label);
    expect(labels).toEqual(['Doliprane', 'Pansement 5"x5"']);
    const human = await rec.run(['reimbursements', 'import', path]);
    expect(human.stderr).toContain('quotes.csv:3: the row\'s quoting is broken');
  });
});

describe('a file with a systematic fault', () => {
  it('lists the first 1000 errors, counts the rest, and the rejects file still has every row', async () => {
    const rec = await loggedInRecord();
    const rows = Array.from({ length: 1005 }, (_, i) => `2026/01/${String((i % 28) + 1).padStart(2, '0')};Pharmacie;Doliprane;2,18;1,42`);
    const path = join(rec.dir, 'us-dates.csv');
    writeFileSync(path, ['Date des soins;Rubrique;Libellé;Dépense;Montant remboursé', ...rows, ''].join('\n'));
    const rejects = join(rec.dir, 'fix.csv');
    const r = await rec.run(['reimbursements', 'import', path, '--rejects', rejects, '--json']);
    expect(r.code).toBe(5);
    const file = r.json().files[0];
    expect(file).toMatchObject({ status: 'rejected', rejected: 1005, errorsOmitted: 5 });
    expect(file.errors).toHaveLength(1000);
    expect(readFileSync(rejects, 'utf8').trimEnd().split('\r\n')).toHaveLength(1006);
    const human = await rec.run(['reimbursements', 'import', path]);
    expect(human.stderr).toContain('us-dates.csv: 5 more errors not listed; --rejects PATH writes every rejected row with its reason.');
  });
});
