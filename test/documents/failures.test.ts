import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord, type TestRecord } from '../helpers/cli.js';
import { addText, fixture, snapshot } from './helpers.js';

/** Runs a failing command and checks its exit code, its message, and that nothing changed. */
async function fails(rec: TestRecord, argv: string[], code: number, message: string | RegExp, options: { stdin?: string | Buffer; tty?: boolean } = {}) {
  const before = await snapshot(rec);
  const r = await rec.run(argv, options);
  expect(r.code, argv.join(' ')).toBe(code);
  if (typeof message === 'string') expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/Unexpected error|sqlite/i);
  expect(await snapshot(rec)).toBe(before);
  return r;
}

describe('docs add refuses bad input and stores nothing', () => {
  it('a missing path', async () => {
    const rec = await loggedInRecord();
    await addText(rec, 'déjà là');
    const path = join(rec.dir, 'absent.pdf');
    const r = await fails(rec, ['docs', 'add', '--type', 'synthese', '--file', path], 4, `dmp: There is no file at ${path}.`);
    expect(r.stderr).toContain('Check the path');
  });

  it('a directory', async () => {
    const rec = await loggedInRecord();
    const dir = join(rec.dir, 'scans');
    mkdirSync(dir);
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--file', dir], 2, `dmp: ${dir} is a directory, not a regular file.`);
  });

  it('an empty file', async () => {
    const rec = await loggedInRecord();
    const path = join(rec.dir, 'vide.txt');
    writeFileSync(path, '');
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--file', path], 5, `dmp: ${path} is empty.`);
  });

  // An unreadable file: test/documents/unreadable.test.ts (root reads a chmod 000 file, so the error is injected there).

  it('a file over --max-size, and over the default limit', async () => {
    const rec = await loggedInRecord();
    const r = await fails(rec, ['docs', 'add', '--type', 'cr-imagerie', '--file', fixture('radiologie.pdf'), '--max-size', '100'], 5, `dmp: ${fixture('radiologie.pdf')} is 639 B, over the 100 B limit.`);
    expect(r.stderr).toContain('--max-size');
    const big = join(rec.dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024 + 1, 1));
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--file', big], 5, 'is 50.0 MiB, over the 50.0 MiB limit.');
  });

  it('standard input that is empty or over --max-size, and text over --max-size', async () => {
    const rec = await loggedInRecord();
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--stdin'], 5, 'dmp: Standard input is empty.', { stdin: '' });
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--stdin', '--max-size', '1k'], 5, 'dmp: Standard input is over the 1.0 KiB limit (reading stopped there).', { stdin: 'x'.repeat(2048) });
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', 'x'.repeat(20), '--max-size', '10'], 5, 'dmp: The text is 20 B, over the 10 B limit.');
  });

  it('empty typed text', async () => {
    const rec = await loggedInRecord();
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', '  '], 5, 'dmp: The text is empty.');
  });

  it('a --max-size that is not a size', async () => {
    const rec = await loggedInRecord();
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', 'x', '--max-size', 'lots'], 2, 'dmp: "lots" is not a size.');
  });

  it('an invalid date and a future date', async () => {
    const rec = await loggedInRecord();
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', 'x', '--date', '2026-02-30'], 2, 'dmp: "2026-02-30" is not a day of the calendar.');
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', 'x', '--date', '26/11/2026'], 2, 'dmp: "26/11/2026" is not a date in YYYY-MM-DD form.');
    const r = await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', 'x', '--date', '2026-11-27'], 2, 'dmp: 2026-11-27 is in the future');
    expect(r.stderr).toContain('(today is 2026-11-26).\n  --date is the date of the act: today or earlier.');
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', 'x', '--date', '0000-03-10'], 2, 'dmp: 0000-03-10 is out of range: dates start at 1900-01-01.');
  });

  it('an unknown type, naming the closest matches', async () => {
    const rec = await loggedInRecord();
    const r = await fails(rec, ['docs', 'add', '--type', 'synthse', '--text', 'x'], 2, 'dmp: "synthse" is not a document type.');
    expect(r.stderr).toContain('Did you mean synthese (SYNTH, Synthèse)');
    const urg = await fails(rec, ['docs', 'add', '--type', 'urgences', '--text', 'x'], 2, 'dmp: "urgences" is not a document type.');
    expect(urg.stderr).toContain('cr-urgences (15507-7');
    const none = await fails(rec, ['docs', 'add', '--type', 'zzzzzzzz', '--text', 'x'], 2, 'dmp: "zzzzzzzz" is not a document type.');
    expect(none.stderr).toContain('See `dmp docs types`');
  });

  it('two content flags', async () => {
    const rec = await loggedInRecord();
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', 'x', '--file', fixture('photo.png')], 2, 'dmp: Give the content with only one of --text, --stdin and --file.');
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', 'x', '--stdin'], 2, 'only one of --text, --stdin and --file', { stdin: 'y' });
  });

  it('no content and no type without a terminal', async () => {
    const rec = await loggedInRecord();
    const r = await fails(rec, ['docs', 'add', '--type', 'synthese'], 2, 'dmp: Missing the content.');
    expect(r.stderr).toContain('Pass --text TEXT, --stdin or --file PATH');
    await fails(rec, ['docs', 'add', '--text', 'x'], 2, 'dmp: Missing --type.');
  });

  it('an empty title', async () => {
    const rec = await loggedInRecord();
    await fails(rec, ['docs', 'add', '--type', 'synthese', '--text', 'x', '--title', ' '], 2, 'dmp: The title is empty.');
  });
});

describe('docs edit refuses bad input and changes nothing', () => {
  it('bad date, future date, unknown type, empty title, nothing to change', async () => {
    const rec = await loggedInRecord();
    const id = String(await addText(rec, 'Texte'));
    await fails(rec, ['docs', 'edit', id, '--date', '2026-13-01'], 2, 'dmp: "2026-13-01" is not a day of the calendar.');
    await fails(rec, ['docs', 'edit', id, '--date', '2027-01-01'], 2, 'dmp: 2027-01-01 is in the future (today is 2026-11-26).');
    await fails(rec, ['docs', 'edit', id, '--type', 'cr-imagrie'], 2, 'Did you mean cr-imagerie');
    await fails(rec, ['docs', 'edit', id, '--title', ''], 2, 'dmp: The title is empty.');
    await fails(rec, ['docs', 'edit', id], 2, 'dmp: Nothing to change.');
  });
});

describe('list and search refuse bad filters', () => {
  it('names the bad value', async () => {
    const rec = await loggedInRecord();
    await addText(rec, 'Texte');
    await fails(rec, ['docs', 'list', '--from', '2026-1-1'], 2, 'dmp: "2026-1-1" is not a date in YYYY-MM-DD form.');
    await fails(rec, ['docs', 'list', '--from', '0001-01-01'], 2, 'dmp: 0001-01-01 is out of range: dates start at 1900-01-01.');
    await fails(rec, ['docs', 'list', '--from', '2026-02-01', '--to', '2026-01-01'], 2, 'dmp: --from 2026-02-01 is after --to 2026-01-01.');
    await fails(rec, ['docs', 'list', '--category', 'radio'], 2, 'dmp: "radio" is not a document category.');
    await fails(rec, ['docs', 'search', 'texte', '--type', 'nope'], 2, 'dmp: "nope" is not a document type.');
    await fails(rec, ['docs', 'list', '--limit', '0'], 2, 'dmp: "0" is not a valid limit.');
    await fails(rec, ['docs', 'list', '--patient', '99'], 4, 'There is no person 99 in this record.');
  });
});
