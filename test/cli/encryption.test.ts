import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordHeader } from '../../src/store/format.js';
import { loggedInRecord, newRecord, PASSWORD, TestRecord } from '../helpers/cli.js';
import { makeLegacy } from '../helpers/legacy.js';
import { rmSync } from 'node:fs';
import { sessionPath } from '../../src/cli/paths.js';

const lines = (stderr: string) => stderr.trimEnd().split('\n');

describe('a record written by a dmp without encryption', () => {
  it('is encrypted in place at the next login, its audit chain checked and re-MACed, with a row saying so', async () => {
    const rec = await loggedInRecord(['--unencrypted']);
    await rec.run(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M']);
    makeLegacy(rec);
    // As after an upgrade: no session of this version (an older one's file would not be read).
    rmSync(sessionPath(rec.recordPath, rec.env));
    const r = await rec.login();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('This record was written unencrypted by an older dmp; it is now encrypted, and only your password opens it.');
    expect(readRecordHeader(rec.recordPath).format).toBe('encrypted');
    expect((await rec.run(['audit', '--verify'])).code).toBe(0);
    const audit = (await rec.run(['audit', '--json'])).json() as { action: string; details: Record<string, unknown> | null }[];
    expect(audit.find((a) => a.action === 'record.encrypted')?.details).toMatchObject({ legacyChain: 'intact' });
    expect((await rec.run(['patients', 'list', '--json'])).json()).toHaveLength(2);
  });
});

describe('dmp audit head and --verify --head', () => {
  it('prints the count and last MAC, and catches newest rows cut off later', async () => {
    const rec = await loggedInRecord();
    await rec.run(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M']);
    const head = (await rec.run(['audit', 'head', '--json'])).json();
    expect(head).toEqual({ rows: 3, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await rec.run(['audit', 'head'])).stdout).toBe(`rows\t3\nhead\t${head.head}\n`);
    expect((await rec.run(['audit', '--verify', '--head', head.head])).code).toBe(0);
    const db = rec.open();
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id >= 3').run();
    db.close();
    const cut = await rec.run(['audit', '--verify', '--head', head.head, '--json']);
    expect(cut.code).toBe(5);
    expect(cut.json()).toMatchObject({ intact: false, brokenId: expect.any(Number), reason: expect.stringContaining('the head given is not in the log') });
  });

  it('refuses a --head that is not a MAC, or without --verify (exit 2)', async () => {
    const rec = await loggedInRecord();
    expect(lines((await rec.run(['audit', '--verify', '--head', 'abc'])).stderr)).toEqual(['dmp: "abc" is not an audit MAC (64 hexadecimal characters).', '  Copy it from `dmp audit head`.']);
    expect(lines((await rec.run(['audit', '--head', 'f'.repeat(64)])).stderr)).toEqual(['dmp: --head goes with --verify.', '  Run `dmp audit --verify --head MAC`.']);
  });

  for (const [what, sql] of [
    ['an edited row', "UPDATE audit_log SET details = '{\"factor\":\"recovery-code\"}' WHERE id = 2"],
    ['a deleted first row', 'DELETE FROM audit_log WHERE id = 1'],
    ['a deleted middle row', 'DELETE FROM audit_log WHERE id = 2'],
    ['a deleted last-but-one row', 'DELETE FROM audit_log WHERE id = 3'],
    ['reordered rows', 'UPDATE audit_log SET id = id + 100 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 102'],
    ['an emptied log', 'DELETE FROM audit_log'],
    ["a log whose first row is not the record's creation", "UPDATE audit_log SET action = 'login' WHERE id = 1"],
  ] as const) {
    it(`--verify catches ${what} in the encrypted record (exit 5)`, async () => {
      const rec = await loggedInRecord();
      await rec.run(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M']);
      await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2018-03-03', '--sex', 'F']);
      const db = rec.open();
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
      db.exec(sql);
      db.close();
      const r = await rec.run(['audit', '--verify']);
      expect(r.code).toBe(5);
      expect(lines(r.stderr)[0]).toMatch(/^dmp: The audit log was altered: row \d+ fails the check \(.+\)\.$/);
    });
  }
});

describe('secrets never come as arguments', () => {
  it('a recovery code on the command line is refused (exit 2)', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['login', '--username', 'marie', '--password-stdin', '--recovery-code', rec.recoveryCodes[0]!], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['dmp: A recovery code is not taken on the command line (it would show in `ps` and the shell history).', '  Pipe it in with --recovery-code-stdin, or give --recovery-code alone to be asked.']);
  });

  it('--code with a recovery code is a usage error', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['login', '--username', 'marie', '--password-stdin', '--recovery-code-stdin', '--code', '123456'], { stdin: `${PASSWORD}\nabcd-efgh-jkmn\n` });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['dmp: --code and a recovery code cannot be used together.', '  Give one: the 6-digit code, or a recovery code in its place.']);
  });

  it('a recovery code is asked at a masked prompt with --recovery-code alone', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['login', '--recovery-code'], { tty: true, answers: ['marie', PASSWORD, rec.recoveryCodes[1]!] });
    expect(r.code).toBe(0);
    expect(rec.lastPrompter.asked).toEqual(['Username:', 'Password:', 'Recovery code:']);
  });
});

describe('wrong passwords with a live session', () => {
  it('count toward the lockout, are audited, and three in a row end every session', async () => {
    const rec = await loggedInRecord();
    for (let i = 1; i <= 2; i++) {
      const r = await rec.run(['account', 'recovery-codes', '--password-stdin'], { stdin: 'wrong password\n' });
      expect(lines(r.stderr)).toEqual(['dmp: The current password is wrong.', '  Type the password you log in with.']);
    }
    const third = await rec.run(['account', 'password', '--password-stdin'], { stdin: `wrong password\n${PASSWORD}!\n` });
    expect(third.code).toBe(3);
    expect(lines(third.stderr)).toEqual(['dmp: The current password is wrong, 3 or more times in a row: every session was ended.', '  Log in again.']);
    expect((await rec.run(['patients', 'list'])).code).toBe(3);
    expect((await rec.login()).code).toBe(0);
    const audit = (await rec.run(['audit', '--json'])).json() as { action: string }[];
    expect(audit.filter((a) => a.action === 'account.wrong-password')).toHaveLength(3);
    expect(audit.map((a) => a.action)).toContain('session.ended');
  });
});

describe('a session file copied before logout', () => {
  it('opens nothing afterwards, and a password change makes its key useless on the new file', async () => {
    const rec = await loggedInRecord();
    const saved = rec.session();
    const r = await rec.run(['account', 'password', '--password-stdin'], { stdin: `${PASSWORD}\nanother good passphrase\n` });
    expect(r.code).toBe(0);
    const { openRecord } = await import('../../src/store/database.js');
    expect(() => openRecord(rec.recordPath, { key: saved.recordKey })).toThrow('This key does not open the record.');
  });
});

describe('a backup taken while another process imports', () => {
  it('opens, verifies and holds the import whole or not at all', async () => {
    // The importing process runs on the real clock: so does this record's session.
    const rec = newRecord();
    rec.now = new Date();
    await rec.init();
    expect((await rec.login()).code).toBe(0);
    const rows = ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé"];
    for (let i = 0; i < 30000; i++) rows.push(`${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2026;Pharmacie;Boîte n° ${i};${(i % 100) + 1},00;0,50`);
    const csv = join(rec.dir, 'big.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'dmp.js');
    const child = spawn(process.execPath, [bin, 'reimbursements', 'import', csv, '--json'], { env: { ...process.env, ...rec.env }, stdio: 'ignore' });
    const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const backups: string[] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const path = join(rec.dir, `b${i}.db`);
      const r = await rec.run(['backup', path, '--json']);
      if (r.code !== 0) throw new Error(r.stderr);
      backups.push(path);
    }
    expect(await done).toBe(0);
    for (const path of backups) {
      const copy = new TestRecord();
      Object.assign(copy.env, { DMP_RECORD: path, DMP_STATE_DIR: join(copy.dir, 'state') });
      copy.totpSecret = rec.totpSecret;
      copy.now = new Date(rec.now.getTime() + 3600_000);
      const login = await copy.login();
      if (login.code !== 0) throw new Error(login.stderr);
      expect((await copy.run(['record', 'check'])).code).toBe(0);
      const db = copy.open();
      expect([0, 30000]).toContain(db.prepare('SELECT count(*) FROM reimbursement').pluck().get());
      db.close();
      copy.cleanup();
    }
  }, 60_000);
});
