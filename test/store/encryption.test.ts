import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordHeader } from '../../src/store/format.js';
import { openRecord } from '../../src/store/database.js';
import { newRecord, PASSWORD } from '../helpers/cli.js';
import { importJson } from '../reimbursements/helpers.js';

/** What must never be readable in the file: names, the NIR, a document's words, an act, the TOTP secret. */
const SECRETS = ['Marie', 'DUPONT', 'Dupont', '280017505600150', 'hypertension', 'Hypertension', 'Doliprane', 'IRM', 'Pharmacie du Centre'];

function leaks(bytes: Buffer, words: string[]): string[] {
  const latin = bytes.toString('latin1');
  return words.filter((w) => latin.includes(w) || bytes.includes(Buffer.from(w, 'utf16le')));
}

describe('an encrypted record', () => {
  it('shows none of its content in a copy of the file or of its WAL', async () => {
    const rec = newRecord();
    expect((await rec.init(['--nir', '2 80 01 75 056 001 50'])).code).toBe(0);
    expect((await rec.login()).code).toBe(0);
    // A connection held open keeps the WAL on disk while the CLI writes through it.
    const holder = rec.open();
    holder.prepare('SELECT count(*) FROM patient').get();
    expect((await rec.run(['docs', 'add', '--type', 'synthese', '--title', 'Bilan', '--text', 'Suivi hypertension artérielle, tension normale'])).code).toBe(0);
    expect((await importJson(rec, ['five-acts-semicolon.csv'])).code).toBe(0);
    const wal = `${rec.recordPath}-wal`;
    expect(existsSync(wal) && statSync(wal).size).toBeGreaterThan(0);
    const copy = join(rec.dir, 'copy.db');
    copyFileSync(rec.recordPath, copy);
    copyFileSync(wal, `${copy}-wal`);
    holder.close();
    const words = [...SECRETS, rec.totpSecret, rec.totpSecret.toLowerCase(), 'marie'];
    expect(leaks(readFileSync(copy), words)).toEqual([]);
    expect(leaks(readFileSync(`${copy}-wal`), words)).toEqual([]);
    expect(leaks(readFileSync(rec.recordPath), words)).toEqual([]);
    // The copy is the record: with the key (what the password gives) it opens and holds the rows.
    const db = openRecord(copy, { key: rec.session().recordKey });
    expect(db.prepare('SELECT count(*) FROM reimbursement').pluck().get()).toBe(5);
    db.close();
  });

  it('starts with its salt in clear, and does not open without the key', async () => {
    const rec = newRecord();
    await rec.init();
    expect(readRecordHeader(rec.recordPath)).toMatchObject({ format: 'encrypted' });
    expect(() => openRecord(rec.recordPath)).toThrow('This record is encrypted and you are not logged in to it.');
    const wrong = { key: Buffer.alloc(32, 1), salt: readRecordHeader(rec.recordPath).salt! };
    expect(() => openRecord(rec.recordPath, { key: wrong })).toThrow('This key does not open the record.');
  });

  it('--unencrypted makes a plain file, says so, and status shows it (red on a terminal)', async () => {
    const rec = newRecord();
    const init = await rec.init(['--unencrypted']);
    expect(init.code).toBe(0);
    expect(init.json().encrypted).toBe(false);
    expect(init.stderr).toContain('This record is NOT encrypted (--unencrypted): anyone with a copy of the file can read it. Use it for test data only.');
    expect(readRecordHeader(rec.recordPath).format).toBe('plain');
    expect(readFileSync(rec.recordPath).toString('latin1')).toContain('DUPONT');
    expect((await rec.login()).code).toBe(0);
    expect((await rec.run(['status', '--json'])).json()).toMatchObject({ encrypted: false, locked: false, loggedIn: true });
    const tty = await rec.run(['status'], { tty: true, env: { NO_COLOR: '' } });
    expect(tty.stdout).toContain('\x1b[31mno (test data only)\x1b[39m');
    expect((await rec.run(['audit', '--verify'])).code).toBe(0);
  });

  it('status without a session says it exists, is encrypted and locked, without opening it', async () => {
    const rec = newRecord();
    await rec.init();
    const r = await rec.run(['status', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ record: rec.recordPath, recordExists: true, encrypted: true, locked: true, loggedIn: false, username: null, holder: null, sessionExpiresAt: null });
    expect((await rec.run(['status'])).stdout).toContain('encrypted\tyes (locked: log in to open it)');
  });

  it('a wrong password is exit 3 with the usual message, and leaves the file as it was', async () => {
    const rec = newRecord();
    await rec.init();
    const before = readFileSync(rec.recordPath);
    const r = await rec.run(['login', '--username', 'marie', '--password-stdin', '--code', rec.code()], { stdin: 'not the password\n' });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('dmp: Login failed: the username, password or code is wrong.\n  Check them and try again; after 5 failures in a row login is locked for a while.\n');
    expect(readFileSync(rec.recordPath).equals(before)).toBe(true);
    expect(r.stderr).not.toContain(PASSWORD);
  });
});
