import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_MS, LIFETIME_MS } from '../../src/account/sessions.js';
import { sessionPath } from '../../src/cli/paths.js';
import { loggedInRecord, newRecord, PASSWORD, type TestRecord } from '../helpers/cli.js';

const BAD = 'dmp: Login failed: the username, password or code is wrong.';
const BAD_HINT = '  Check them and try again; after 5 failures in a row login is locked for a while.';
const lines = (stderr: string) => stderr.trimEnd().split('\n');

async function initialised(): Promise<TestRecord> {
  const rec = newRecord();
  const r = await rec.init();
  if (r.code !== 0) throw new Error(r.stderr);
  return rec;
}

const loginArgs = (rec: TestRecord, code = rec.code(), username = 'marie') => ['login', '--username', username, '--password-stdin', '--code', code];
const wrongCode = (code: string) => String((Number(code) + 1) % 1e6).padStart(6, '0');

describe('dmp login', () => {
  it('logs in with flags, says until when, and writes a 0600 session file', async () => {
    const rec = await initialised();
    const r = await rec.login();
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Logged in as marie. The session ends after 30 idle minutes, and in any case 12 hours from now.\n');
    const file = sessionPath(rec.recordPath, rec.env);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(PASSWORD);
  });

  it('--json prints loggedIn and the expiry', async () => {
    const rec = await initialised();
    const r = await rec.run([...loginArgs(rec), '--json'], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ loggedIn: true, username: 'marie', record: rec.recordPath, expiresAt: new Date(rec.now.getTime() + IDLE_TIMEOUT_MS).toISOString() });
  });

  it('asks for the username, password and code on a terminal', async () => {
    const rec = await initialised();
    const r = await rec.run(['login'], { tty: true, answers: ['marie', PASSWORD, rec.code()] });
    expect(r.code).toBe(0);
    expect((await rec.run(['status', '--json'])).json().loggedIn).toBe(true);
  });

  it('refuses a wrong password, a wrong code and a wrong username with one message that names no factor (exit 3)', async () => {
    const rec = await initialised();
    const attempts = [
      { args: loginArgs(rec), stdin: 'wrong password\n' },
      { args: loginArgs(rec, wrongCode(rec.code())), stdin: `${PASSWORD}\n` },
      { args: loginArgs(rec, rec.code(), 'pierre'), stdin: `${PASSWORD}\n` },
    ];
    for (const a of attempts) {
      const r = await rec.run([...a.args, '--json'], { stdin: a.stdin });
      expect(r.code).toBe(3);
      expect(lines(r.stderr)).toEqual([BAD, BAD_HINT]);
      expect(r.json().error.message).toBe(lines(r.stderr)[0]!.slice('dmp: '.length)); // --json: one error document
    }
    expect((await rec.run(['status', '--json'])).json().loggedIn).toBe(false);
  });

  it('takes a code typed as the apps show it, "123 456"', async () => {
    const rec = await initialised();
    const code = rec.code();
    const r = await rec.run(loginArgs(rec, `${code.slice(0, 3)} ${code.slice(3)}`), { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(0);
  });

  it('refuses the same code twice', async () => {
    const rec = await initialised();
    const code = rec.code();
    expect((await rec.run(loginArgs(rec, code), { stdin: `${PASSWORD}\n` })).code).toBe(0);
    rec.advance(5_000);
    const again = await rec.run(loginArgs(rec, code), { stdin: `${PASSWORD}\n` });
    expect(again.code).toBe(3);
    expect(lines(again.stderr)[0]).toBe(BAD);
  });

  it('accepts a code from one step before or after, not two', async () => {
    const rec = await initialised();
    const { totpCode } = await import('../../src/account/totp.js');
    rec.advance(10 * 60_000);
    const codeAt = (steps: number) => totpCode(rec.totpSecret, new Date(rec.now.getTime() + steps * 30_000));
    expect((await rec.run(loginArgs(rec, codeAt(-2)), { stdin: `${PASSWORD}\n` })).code).toBe(3);
    expect((await rec.run(loginArgs(rec, codeAt(2)), { stdin: `${PASSWORD}\n` })).code).toBe(3);
    expect((await rec.run(loginArgs(rec, codeAt(-1)), { stdin: `${PASSWORD}\n` })).code).toBe(0);
    rec.advance(2 * 30_000);
    expect((await rec.run(loginArgs(rec, codeAt(1)), { stdin: `${PASSWORD}\n` })).code).toBe(0);
  });

  it('locks after five failures, refuses the right secrets while locked and says until when', async () => {
    const rec = await initialised();
    for (let i = 0; i < 4; i++) expect((await rec.run(loginArgs(rec), { stdin: 'wrong password\n' })).code).toBe(3);
    const fifth = await rec.run(loginArgs(rec), { stdin: 'wrong password\n' });
    const until = new Date(rec.now.getTime() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expect(fifth.code).toBe(3);
    expect(lines(fifth.stderr)).toEqual([`dmp: Login is locked until ${until} after repeated failures.`, '  Wait until then; the right password and code will not work before.']);
    const right = await rec.run(loginArgs(rec), { stdin: `${PASSWORD}\n` });
    expect(right.code).toBe(3);
    expect(lines(right.stderr)[0]).toBe(`dmp: Login is locked until ${until} after repeated failures.`);
    rec.advance(60_000);
    expect((await rec.run(loginArgs(rec), { stdin: `${PASSWORD}\n` })).code).toBe(0);
  });

  it('takes a recovery code in place of the 6-digit code, once', async () => {
    const rec = await initialised();
    const code = rec.recoveryCodes[0]!;
    const first = await rec.run(['login', '--username', 'marie', '--password-stdin', '--recovery-code-stdin'], { stdin: `${PASSWORD}\n${code}\n` });
    expect(first.code).toBe(0);
    await rec.run(['logout']);
    const second = await rec.run(['login', '--username', 'marie', '--password-stdin', '--recovery-code-stdin'], { stdin: `${PASSWORD}\n${code}\n` });
    expect(second.code).toBe(3);
    expect(lines(second.stderr)).toEqual([BAD, BAD_HINT]);
    const audit = (await loggedIn(rec)).json() as { action: string; details: { factor?: string } | null }[];
    expect(audit.filter((e) => e.action === 'login').map((e) => e.details?.factor)).toEqual(['recovery-code', 'totp']);
  });

  describe('without a terminal, a missing value names its flag (exit 2)', () => {
    const cases: [string, string[], string, string][] = [
      ['--username', ['--password-stdin', '--code', '123456'], 'dmp: Missing --username.', '  Pass --username; dmp only asks on a terminal.'],
      ['the password', ['--username', 'marie', '--code', '123456'], 'dmp: Missing the password.', '  Pass --password-stdin and pipe it in; dmp only asks on a terminal.'],
      ['--code', ['--username', 'marie', '--password-stdin'], 'dmp: Missing --code.', '  Pass --code; dmp only asks on a terminal.'],
    ];
    for (const [what, flags, message, hint] of cases) {
      it(what, async () => {
        const rec = await initialised();
        const r = await rec.run(['login', ...flags], { stdin: `${PASSWORD}\n` });
        expect(r.code).toBe(2);
        expect(lines(r.stderr)).toEqual([message, hint]);
      });
    }
  });

  it('says there is no record to log in to (exit 4)', async () => {
    const rec = newRecord();
    const r = await rec.run(['login', '--username', 'marie', '--password-stdin', '--code', '123456'], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(4);
    expect(lines(r.stderr)).toEqual([`dmp: No record at ${rec.recordPath}.`, '  Create one with `dmp init`, or point to it with --record PATH or DMP_RECORD.']);
  });
});

/** `audit --json` after logging in again. */
async function loggedIn(rec: TestRecord) {
  await rec.login();
  return rec.run(['audit', '--json']);
}

describe('dmp status', () => {
  it('works without a record', async () => {
    const rec = newRecord();
    const r = await rec.run(['status', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ record: rec.recordPath, recordExists: false, encrypted: null, locked: false, loggedIn: false, username: null, holder: null, sessionExpiresAt: null });
    const text = await rec.run(['status']);
    expect(text.stdout).toContain(`record\t${rec.recordPath} (does not exist yet: \`dmp init\`)`);
    expect(existsSync(rec.recordPath)).toBe(false);
  });

  it('says who is logged in and until when, as fields', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['status', '--json']);
    expect(r.json()).toMatchObject({ recordExists: true, loggedIn: true, username: 'marie', holder: 'Marie DUPONT', sessionExpiresAt: expect.any(String) });
    const piped = await rec.run(['status']);
    expect(piped.stdout.split('\n')).toEqual(expect.arrayContaining(['holder\tMarie DUPONT', 'username\tmarie', `logged in\tyes, until ${r.json().sessionExpiresAt}`]));
    const tty = await rec.run(['status'], { tty: true });
    expect(tty.stdout).toMatch(/^logged in +yes, until /m);
  });

  it('does not count as use of the session', async () => {
    const rec = await loggedInRecord();
    rec.advance(IDLE_TIMEOUT_MS - 60_000);
    await rec.run(['status']);
    rec.advance(2 * 60_000);
    expect((await rec.run(['status', '--json'])).json().loggedIn).toBe(false);
  });
});

describe('sessions from the command line', () => {
  it('a command without a session exits 3 and says to log in', async () => {
    const rec = await initialised();
    for (const argv of [['patients', 'list'], ['patients', 'show', '1'], ['patients', 'add', '--given-name', 'Léo'], ['audit'], ['account', 'password'], ['account', 'recovery-codes']]) {
      const r = await rec.run([...argv, '--json']);
      expect(r.code).toBe(3);
      expect(lines(r.stderr)).toEqual(['dmp: You are not logged in to this record.', '  Run `dmp login` first.']);
      expect(r.json().error.message).toBe(lines(r.stderr)[0]!.slice('dmp: '.length)); // --json: one error document
    }
  });

  it('ends after 30 idle minutes, and each command pushes that back', async () => {
    const rec = await loggedInRecord();
    rec.advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await rec.run(['patients', 'list'])).code).toBe(0);
    rec.advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await rec.run(['patients', 'list'])).code).toBe(0);
    rec.advance(IDLE_TIMEOUT_MS);
    const r = await rec.run(['patients', 'list']);
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual(['dmp: Your session has expired.', '  Run `dmp login` first.']);
  });

  it('ends after 12 hours however busy', async () => {
    const rec = await loggedInRecord();
    const start = rec.now.getTime();
    while (rec.now.getTime() - start < LIFETIME_MS - IDLE_TIMEOUT_MS) {
      rec.advance(IDLE_TIMEOUT_MS / 2);
      expect((await rec.run(['patients', 'list'])).code).toBe(0);
    }
    rec.advance(start + LIFETIME_MS - rec.now.getTime());
    const r = await rec.run(['patients', 'list']);
    expect(r.code).toBe(3);
    expect(lines(r.stderr)[0]).toBe('dmp: Your session has expired.');
  });

  it('logout ends the session and removes the session file', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['logout']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Logged out.\n');
    expect(existsSync(sessionPath(rec.recordPath, rec.env))).toBe(false);
    expect((await rec.run(['status', '--json'])).json().loggedIn).toBe(false);
    const after = await rec.run(['patients', 'list']);
    expect(after.code).toBe(3);
    const again = await rec.run(['logout', '--json']);
    expect(again.json()).toEqual({ loggedIn: false, ended: false });
  });

  it('logout is audited in the same transaction as the revocation: no unaudited logout', async () => {
    const rec = await loggedInRecord();
    const raw = rec.open();
    raw.exec("CREATE TRIGGER test_block_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END");
    const r = await rec.run(['logout']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)[0]).toBe('dmp: Unexpected error: audit unavailable');
    raw.exec('DROP TRIGGER test_block_audit');
    raw.close();
    expect((await rec.run(['status', '--json'])).json().loggedIn).toBe(true);
  });

  it('logging in again ends the session it replaces', async () => {
    const rec = await loggedInRecord();
    const file = sessionPath(rec.recordPath, rec.env);
    const first = readFileSync(file);
    expect((await rec.login()).code).toBe(0);
    writeFileSync(file, first, { mode: 0o600 });
    const r = await rec.run(['patients', 'list']);
    expect(r.code).toBe(3);
    expect(lines(r.stderr)[0]).toBe('dmp: Your session was ended (logout, a newer login or a password change).');
  });

  it('a copied token no longer works after logout (revoked in the record, not only forgotten)', async () => {
    const rec = await loggedInRecord();
    const file = sessionPath(rec.recordPath, rec.env);
    const saved = readFileSync(file);
    await rec.run(['logout']);
    writeFileSync(file, saved, { mode: 0o600 });
    const r = await rec.run(['patients', 'list']);
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual(['dmp: Your session was ended (logout, a newer login or a password change).', '  Run `dmp login` first.']);
  });
});
