import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';

const HEADER = "Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé";

/** Imports bytes written to a file; returns the first file's report and the exit code. */
async function importBytes(bytes: Buffer | string, name = 'f.csv') {
  const rec = await loggedInRecord();
  const path = join(rec.dir, name);
  writeFileSync(path, bytes);
  const r = await rec.run(['reimbursements', 'import', path, '--json']);
  return { code: r.code, file: r.json().files[0], rec };
}

describe('messages that name the real problem', () => {
  it('UTF-16 (with a BOM, or without: NUL bytes)', async () => {
    const text = `${HEADER}\n10/03/2026;Pharmacie;Doliprane;2,18;1,42\n`;
    const bom = await importBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(bom.code).toBe(5);
    expect(bom.file.errors[0].message).toBe('f.csv is UTF-16 text; dmp reads CSV in UTF-8 or Windows-1252.');
    const bare = await importBytes(Buffer.from(text, 'utf16le'));
    expect(bare.file.errors[0].message).toBe('f.csv holds NUL bytes: it is not a text CSV (UTF-16, or a spreadsheet file renamed .csv?).');
  });

  it('a file that mixes UTF-8 and Windows-1252', async () => {
    const utf8 = Buffer.from(`${HEADER}\n10/03/2026;Pharmacie;Crème;2,18;1,42\n`, 'utf8');
    const latin = Buffer.from('11/03/2026;Pharmacie;Cr\xe8me;2,18;1,42\n', 'latin1');
    for (const bytes of [Buffer.concat([utf8, latin]), Buffer.concat([Buffer.from(HEADER + '\n'), latin, utf8.subarray(HEADER.length + 1)])]) {
      const r = await importBytes(bytes);
      expect(r.code).toBe(5);
      expect(r.file).toMatchObject({ status: 'rejected', inserted: 0 });
      expect(r.file.errors[0].message).toBe('f.csv mixes encodings: it has UTF-8 accents and bytes that are not UTF-8 (two exports pasted together?); read either way, some text would be garbled.');
    }
  });

  it('lines ended by CR alone', async () => {
    const r = await importBytes(`${HEADER}\r10/03/2026;Pharmacie;Doliprane;2,18;1,42\r`);
    expect(r.code).toBe(5);
    expect(r.file.errors[0].message).toBe('f.csv ends its lines with CR alone (as classic Mac OS did); dmp reads lines ended by LF or CRLF.');
  });

  it('a column named twice', async () => {
    const r = await importBytes(`Relevé\n${HEADER};Montant\n10/03/2026;Pharmacie;Doliprane;2,18;1,42;3,00\n`);
    expect(r.code).toBe(5);
    expect(r.file.errors[0].message).toBe('f.csv:2: the header row has two columns for Dépense: "Dépense" (column 4) and "Montant" (column 6).');
  });

  it('an amount too large to be exact', async () => {
    const r = await importBytes(`${HEADER}\n10/03/2026;Pharmacie;Doliprane;12345678901234,00;1,42\n10/03/2026;Pharmacie;Doliprane;9 999 999 999 999,99;1,42\n`);
    expect(r.code).toBe(5);
    expect(r.file.errors).toEqual([{ line: 2, column: 'Dépense', value: '12345678901234,00', message: 'an amount too large to be exact (at most 9 999 999 999 999,99 €)', hint: null }]);
  });
});
