import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { fixture } from '../reimbursements/helpers.js';
import { explainReadOnly } from '../../src/cli/closed-record.js';
import { Context } from '../../src/cli/context.js';
import { loggedInRecord, newRecord, PASSWORD, scriptedPrompter, type TestRecord } from '../helpers/cli.js';

const lines = (s: string) => s.trimEnd().split('\n');

async function ok(rec: TestRecord, argv: string[], stdin?: string) {
  const r = await rec.run(argv, { stdin });
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

/** Every row of every table but the sessions (whose last use each command records). */
function snapshot(rec: TestRecord): string {
  const db = rec.open();
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name <> 'session' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const dump = JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
  db.close();
  return dump;
}

describe('dmp record close', () => {
  it('makes every write command exit 7 with the reason and change nothing; reads and exports still work', async () => {
    const rec = await loggedInRecord();
    const doc = (await ok(rec, ['docs', 'add', '--type', 'cr-consultation', '--text', 'Consultation', '--json'])).json().id;
    await ok(rec, ['reimbursements', 'import', fixture('five-acts-semicolon.csv')]);
    const contact = (await ok(rec, ['consent', 'contacts', 'add', '--given-name', 'Paul', '--family-name', 'MARTIN', '--relation', 'voisin', '--json'])).json().consent.contacts[0].id;
    const closed = (await ok(rec, ['record', 'close', '--json'])).json();
    expect(closed).toEqual({ closed: true, closedAt: '2026-11-26T10:00:30.000Z', deleteAfter: '2036-11-26' });
    const before = snapshot(rec);
    const other = join(rec.dir, 'other.txt');
    writeFileSync(other, 'autre');
    const writes: [string[], string?][] = [
      [['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M']],
      [['docs', 'add', '--type', 'cr-consultation', '--text', 'Une autre']],
      [['docs', 'add', '--type', 'cr-consultation', '--file', other]],
      [['docs', 'edit', String(doc), '--title', 'Nouveau titre']],
      [['docs', 'mask', String(doc)]],
      [['docs', 'archive', String(doc)]],
      [['docs', 'rm', String(doc), '--yes']],
      [['docs', 'reindex']],
      [['reimbursements', 'import', fixture('five-acts-tab.tsv')]],
      [['reimbursements', 'undo', '1']],
      [['account', 'recovery-codes', '--password-stdin'], `${PASSWORD}\n`],
      [['consent', 'gp', 'set', '--rpps', '10003456786', '--name', 'Dr Martin']],
      [['consent', 'block', '--rpps', '10100000123']],
      [['consent', 'emergency', 'oppose']],
      [['consent', 'samu', 'oppose']],
      [['consent', 'trusted-person', 'set', '--given-name', 'Jean', '--family-name', 'DUPONT', '--relation', 'frère']],
      [['consent', 'contacts', 'rm', String(contact)]],
      [['consent', 'donation', 'set', 'no-objection']],
    ];
    for (const [argv, stdin] of writes) {
      const r = await rec.run(argv, { stdin });
      expect({ argv, code: r.code, stderr: lines(r.stderr) }).toEqual({
        argv,
        code: 7,
        stderr: ['dmp: The record is closed (since 2026-11-26), so it cannot be changed; nothing was changed.', '  Reopen it with `dmp record reopen` to change it; reading and exporting work while it is closed.'],
      });
    }
    expect(snapshot(rec)).toBe(before);

    expect((await ok(rec, ['docs', 'list', '--json'])).json()).toHaveLength(1);
    expect((await ok(rec, ['consent', 'show', '--json'])).json().contacts).toHaveLength(1);
    expect((await ok(rec, ['reimbursements', 'list', '--json'])).json().length).toBeGreaterThan(0);
    expect((await ok(rec, ['docs', 'export', String(doc)])).stdout).toBe('Consultation');
    const audit = (await ok(rec, ['audit', '--action', 'document.export', '--json'])).json();
    expect(audit).toHaveLength(1);
    expect((await ok(rec, ['audit', '--verify'])).code).toBe(0);

    const again = await ok(rec, ['record', 'close']);
    expect(again.stderr).toContain('The record was already closed (since 2026-11-26); nothing changed.');
    const reopened = (await ok(rec, ['record', 'reopen', '--json'])).json();
    expect(reopened).toEqual({ closed: false, closedAt: null, deleteAfter: null });
    await ok(rec, ['consent', 'samu', 'oppose']);
    expect((await ok(rec, ['record', 'reopen'])).stderr).toBe('The record is not closed; nothing changed.\n');
    expect((await ok(rec, ['audit', '--action', 'record.*', '--json'])).json().map((r: { action: string }) => r.action)).toEqual(['record.close', 'record.reopen']);
  });

  it('tells a record that cannot be written from a closed one', async () => {
    const rec = newRecord();
    const ctx = new Context({ io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, env: rec.env, cwd: rec.dir, prompter: scriptedPrompter([]) });
    const sqlite = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    expect(explainReadOnly(sqlite, ctx)).toMatchObject({
      kind: 'read-only',
      message: `The record ${rec.recordPath} cannot be written (attempt to write a readonly database).`,
      hint: 'Check that you may write the file and its folder, and that the disk is not read-only.',
    });
    const other = new Error('disk I/O error');
    expect(explainReadOnly(other, ctx)).toBe(other);
  });
});

describe('dmp record delete', () => {
  it('removes the record, its -wal and -shm and every session file, after the password; nothing is left', async () => {
    const rec = await loggedInRecord();
    await ok(rec, ['docs', 'add', '--type', 'cr-consultation', '--text', 'Consultation']);
    // The same record reached through a link is the same record, with the same session file.
    const link = join(rec.dir, 'link.db');
    symlinkSync(rec.recordPath, link);
    const viaLink = await rec.run(['--record', link, 'login', '--username', 'marie', '--password-stdin', '--code', rec.code()], { stdin: `${PASSWORD}\n` });
    expect(viaLink.code).toBe(0);
    expect(readdirSync(join(rec.dir, 'state'))).toHaveLength(1);
    const r = await ok(rec, ['record', 'delete', '--yes', '--password-stdin', '--json'], `${PASSWORD}\n`);
    expect(r.json()).toMatchObject({ deleted: true, record: rec.recordPath });
    expect(r.stderr).toBe(`Deleted the record ${rec.recordPath}: 1 file(s) and 1 session file(s) removed. Copies or backups made elsewhere are not touched.\n`);
    expect(readdirSync(rec.dir).sort()).toEqual(['link.db', 'state']);
    expect(existsSync(rec.recordPath)).toBe(false);
    expect(readdirSync(join(rec.dir, 'state'))).toEqual([]);
    const after = await rec.run(['status', '--json']);
    expect(after.json()).toMatchObject({ recordExists: false });
  });

  it('follows a link to the real file and removes it (the dangling link points at nothing)', async () => {
    const rec = await loggedInRecord();
    const link = join(rec.dir, 'link.db');
    symlinkSync(rec.recordPath, link);
    await ok(rec, ['--record', link, 'login', '--username', 'marie', '--password-stdin', '--code', rec.code()], `${PASSWORD}\n`);
    await ok(rec, ['--record', link, 'record', 'delete', '--yes', '--password-stdin'], `${PASSWORD}\n`);
    expect(readdirSync(rec.dir).filter((n) => n !== 'state')).toEqual(['link.db']);
    expect(existsSync(link)).toBe(false);
  });

  it('keeps everything on a wrong password (exit 3, audited) and needs --yes and --password-stdin off a terminal', async () => {
    const rec = await loggedInRecord();
    const wrong = await rec.run(['record', 'delete', '--yes', '--password-stdin'], { stdin: 'not the password\n' });
    expect(wrong.code).toBe(3);
    expect(lines(wrong.stderr)).toEqual(['dmp: The current password is wrong.', '  Type the password you log in with.']);
    expect(existsSync(rec.recordPath)).toBe(true);
    expect((await ok(rec, ['audit', '--action', 'account.wrong-password', '--json'])).json()[0].details).toMatchObject({ purpose: 'record-delete' });
    const bare = await rec.run(['record', 'delete']);
    expect(bare.code).toBe(2);
    expect(lines(bare.stderr)).toEqual(['dmp: Deleting the record needs the password and a confirmation.', '  Pass --yes and --password-stdin (the password on standard input); dmp only asks on a terminal.']);
  });

  it('asks for the password and a typed DELETE on a terminal; anything else keeps the record', async () => {
    const rec = await loggedInRecord();
    const no = await rec.run(['record', 'delete'], { tty: true, answers: [PASSWORD, 'delete'] });
    expect(no.code).toBe(130);
    expect(lines(no.stderr)).toEqual(['dmp: You typed "delete", not DELETE; nothing was deleted.']);
    expect(existsSync(rec.recordPath)).toBe(true);
    const yes = await rec.run(['record', 'delete'], { tty: true, answers: [PASSWORD, 'DELETE'] });
    expect(yes.code).toBe(0);
    expect(existsSync(rec.recordPath)).toBe(false);
  });

  it('deletes a closed record too', async () => {
    const rec = await loggedInRecord();
    await ok(rec, ['record', 'close']);
    await ok(rec, ['record', 'delete', '--yes', '--password-stdin'], `${PASSWORD}\n`);
    expect(existsSync(rec.recordPath)).toBe(false);
  });
});

describe('dmp record --help', () => {
  it('describes close, reopen and delete with examples', async () => {
    const rec = newRecord();
    for (const verb of ['close', 'reopen', 'delete']) {
      const r = await rec.run(['record', verb, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: dmp record ${verb} `));
      expect(r.stdout).toMatch(/\nExamples:\n {2}\$ dmp record /);
    }
    expect((await rec.run(['record', 'close', '--help'])).stdout).toContain('10 years');
  });
});
