import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loggedInRecord, newRecord } from '../helpers/cli.js';
import { addText } from '../documents/helpers.js';

const lines = (s: string) => s.trimEnd().split('\n');
const NASTY = 'Bilan\u001b]0;pwned\u0007\u001b[2J\rfin\u009b';

describe('an empty --patient (an unset shell variable) is a usage error, never the holder', () => {
  it('docs add --patient "" exits 2 and files nothing', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['--patient', '', 'docs', 'add', '--type', 'synthese', '--text', 'pour Léo']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['dmp: --patient is empty.', '  Pass an id, a NIR or a full name (see `dmp patients list`), or leave --patient out for the holder.']);
    expect((await rec.run(['docs', 'list', '--json'])).json()).toEqual([]);
    expect((await rec.run(['docs', 'list', '--patient', '  '])).code).toBe(2);
  });
});

describe('control characters in stored text are shown escaped on a terminal and in TSV; JSON keeps them', () => {
  it('docs list, show and rm', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, `ligne 1\n\tindentée ${NASTY}`, ['--title', NASTY, '--author', 'Dr\u001b[31m Rouge']);
    const tty = await rec.run(['docs', 'list'], { tty: true });
    expect(tty.stdout).not.toMatch(/[\u001b\u0007\u009b\r]/);
    expect(tty.stdout).toContain('Bilan\\x1b]0;pwned\\x07\\x1b[2J\\x0dfin\\x9b');
    const tsv = await rec.run(['docs', 'list']);
    expect(tsv.stdout).not.toMatch(/[\u001b\u0007\u009b\r]/);
    expect(lines(tsv.stdout)[1]!.split('\t')[3]).toBe('Bilan\\x1b]0;pwned\\x07\\x1b[2J fin\\x9b');
    expect((await rec.run(['docs', 'list', '--json'])).json()[0].title).toBe(NASTY);
    const show = await rec.run(['docs', 'show', String(id)], { tty: true });
    expect(show.stdout).not.toMatch(/[\u001b\u0007\u009b\r]/);
    // The body keeps its lines and tabs.
    expect(show.stdout).toContain('ligne 1\n\tindentée Bilan\\x1b]0;pwned');
    const rm = await rec.run(['docs', 'rm', String(id), '--yes']);
    expect(rm.stderr).toBe(`Deleted document ${id} "Bilan\\x1b]0;pwned\\x07\\x1b[2J\\x0dfin\\x9b".\n`);
  });

  it('in error messages too', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['patients', 'show', `x${NASTY}`]);
    expect(r.code).toBe(4);
    expect(r.stderr).not.toMatch(/[\u001b\u0007\u009b\r]/);
  });
});

describe('with --json a failing command prints one JSON document on stdout', () => {
  it('{"error": {kind, message, hint, ...data}} for area errors, commander errors and flags', async () => {
    const rec = await loggedInRecord();
    const missing = await rec.run(['docs', 'show', '99', '--json']);
    expect(missing.code).toBe(4);
    expect(missing.json()).toEqual({ error: { kind: 'not-found', message: 'There is no document 99 in this record.', hint: 'See `dmp docs list` (add --archived for archived ones).', field: 'document', value: '99' } });
    const unknown = await rec.run(['docs', 'list', '--colour', '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.json().error).toMatchObject({ kind: 'usage', message: "unknown option '--colour'" });
    const noRecord = await newRecord().run(['docs', 'list', '--json']);
    expect(noRecord.json().error.kind).toBe('not-found');
  });

  it('audit --verify --json on a tampered log names the bad row in the error document', async () => {
    const rec = await loggedInRecord();
    const raw = rec.openRaw();
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 2").run();
    raw.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END");
    raw.close();
    const r = await rec.run(['audit', '--verify', '--json']);
    expect(r.code).toBe(5);
    expect(r.json().error).toMatchObject({ kind: 'invalid', intact: false, brokenId: 2 });
  });

  it('docs add of known bytes has the shape of a new add, plus duplicateOf', async () => {
    const rec = await loggedInRecord();
    const first = await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'Même texte', '--json']);
    const again = await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'Même texte', '--json']);
    expect(again.code).toBe(0);
    expect(again.json()).toEqual({ ...first.json(), duplicateOf: first.json().id });
  });
});

describe('docs types needs no record and no session; TSV carries raw values', () => {
  it('docs types on a machine with no record', async () => {
    const rec = newRecord();
    const r = await rec.run(['docs', 'types', '--json']);
    expect(r.code).toBe(0);
    expect(r.json().length).toBeGreaterThan(10);
  });

  it('docs list piped gives the size in bytes', async () => {
    const rec = await loggedInRecord();
    await addText(rec, 'x'.repeat(2000));
    const tsv = await rec.run(['docs', 'list']);
    const [header, row] = lines(tsv.stdout).map((l) => l.split('\t'));
    expect(row![header!.indexOf('size')]).toBe('2000');
    expect((await rec.run(['docs', 'list'], { tty: true })).stdout).toContain('2.0 KiB');
  });
});

describe('today is the local calendar day (TZ), not the UTC day', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('at 00:30 in Paris, today\'s date is not "in the future", and is the default', async () => {
    process.env.TZ = 'Europe/Paris';
    const rec = newRecord();
    rec.now = new Date('2026-11-26T23:29:00Z'); // 00:29 on the 27th in Paris
    expect((await rec.init()).code).toBe(0);
    expect((await rec.login()).code).toBe(0);
    const dated = await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'minuit passé', '--date', '2026-11-27', '--json']);
    expect(dated.stderr).toBe('');
    expect(dated.json().date).toBe('2026-11-27');
    const undated = await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'sans date', '--json']);
    expect(undated.json().date).toBe('2026-11-27');
    expect((await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'demain', '--date', '2026-11-28'])).code).toBe(2);
    // Payer data too: an act of the local today is not a care date "in the future".
    const csv = join(rec.dir, 'today.csv');
    writeFileSync(csv, 'Date des soins;Rubrique;Nature de l\'acte;Dépense;Montant remboursé\n27/11/2026;Pharmacie;Doliprane;2,18;1,42\n');
    const imported = await rec.run(['reimbursements', 'import', csv, '--json']);
    expect([imported.code, imported.stderr]).toEqual([0, expect.any(String)]);
    expect(imported.json().files[0]).toMatchObject({ inserted: 1, rejected: 0 });
  });
});

describe('limits on titles, authors and names, each refused with the limit named', () => {
  it('a 100,000-character title and a 5,000-character author or name', async () => {
    const rec = await loggedInRecord();
    const title = await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'x', '--title', 'T'.repeat(100_000)]);
    expect(title.code).toBe(5);
    expect(lines(title.stderr)).toEqual(['dmp: The title is 100000 characters long; the limit is 300.', '  Shorten --title; put the details in the text.']);
    const author = await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'x', '--author', 'A'.repeat(5000)]);
    expect(author.code).toBe(5);
    expect(lines(author.stderr)[0]).toBe('dmp: The author is 5000 characters long; the limit is 200.');
    const name = await rec.run(['patients', 'add', '--given-name', 'L'.repeat(5000), '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M']);
    expect(name.code).toBe(5);
    expect(lines(name.stderr)).toEqual(['dmp: The given name is 5000 characters long; the limit is 100.', '  Pass --given-name with letters, spaces, hyphens and apostrophes.']);
    expect((await rec.run(['docs', 'list', '--json'])).json()).toEqual([]);
  });
});

describe('one wording for paths that are not regular files', () => {
  it('a fifo given to docs add --file', async () => {
    const rec = await loggedInRecord();
    const fifo = join(rec.dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = await rec.run(['docs', 'add', '--type', 'synthese', '--file', fifo]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toBe(`dmp: ${fifo} is a named pipe (fifo), not a regular file.`);
  });
});

describe('the test harness sets TTY per stream', () => {
  it('stdin a terminal and stdout piped: docs export writes the bytes; stdout a terminal: refused', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'octets exacts');
    const piped = await rec.run(['docs', 'export', String(id)], { tty: { stdin: true, stdout: false } });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe('octets exacts');
    const terminal = await rec.run(['docs', 'export', String(id)], { tty: { stdout: true } });
    expect(terminal.code).toBe(2);
    expect(lines(terminal.stderr)[0]).toBe('dmp: Standard output is a terminal; the bytes would garble it.');
  });
});
