import { describe, expect, it } from 'vitest';
import { loggedInRecord, PASSWORD } from '../helpers/cli.js';

const NEW = 'a much better passphrase';
const lines = (stderr: string) => stderr.trimEnd().split('\n');
const loginWith = (rec: Awaited<ReturnType<typeof loggedInRecord>>, password: string) =>
  rec.run(['login', '--username', 'marie', '--password-stdin', '--code', rec.code()], { stdin: `${password}\n` });

describe('dmp account password', () => {
  it('changes the password with --password-stdin: sessions end, the old password fails, the new one works with the same authenticator', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['account', 'password', '--password-stdin', '--json'], { stdin: `${PASSWORD}\n${NEW}\n` });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ changed: true, loggedIn: false });
    expect((await rec.run(['status', '--json'])).json().loggedIn).toBe(false);
    expect((await rec.run(['patients', 'list'])).code).toBe(3);
    const old = await loginWith(rec, PASSWORD);
    expect(old.code).toBe(3);
    expect(lines(old.stderr)[0]).toBe('dmp: Login failed: the username, password or code is wrong.');
    expect((await loginWith(rec, NEW)).code).toBe(0);
    const audit = (await rec.run(['audit', '--json'])).json() as { action: string }[];
    expect(audit.map((e) => e.action)).toContain('account.password-change');
  });

  it('ends the other sessions too', async () => {
    const rec = await loggedInRecord();
    const other = { ...rec.env, DMP_STATE_DIR: `${rec.env.DMP_STATE_DIR}-other` };
    const second = await rec.run(['login', '--username', 'marie', '--password-stdin', '--code', rec.code()], { stdin: `${PASSWORD}\n`, env: other });
    expect(second.code).toBe(0);
    expect((await rec.run(['patients', 'list'], { env: other })).code).toBe(0);
    await rec.run(['account', 'password', '--password-stdin'], { stdin: `${PASSWORD}\n${NEW}\n` });
    const r = await rec.run(['patients', 'list'], { env: other });
    expect(r.code).toBe(3);
    expect(lines(r.stderr)[0]).toBe('dmp: Your session was ended (logout, a newer login or a password change).');
  });

  it('asks on a terminal: current, new, new again', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['account', 'password'], { tty: true, answers: [PASSWORD, NEW, NEW] });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Password changed. Every session was ended: log in again with the new password.\n');
    expect((await loginWith(rec, NEW)).code).toBe(0);
  });

  it('refuses two different new passwords at the prompts (exit 2), and keeps the old one', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['account', 'password'], { tty: true, answers: [PASSWORD, NEW, `${NEW}!`] });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['dmp: The two new passwords differ.', '  Run `dmp account password` again.']);
    expect((await rec.run(['patients', 'list'])).code).toBe(0);
  });

  it('refuses the wrong current password (exit 3) and keeps the session', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['account', 'password', '--password-stdin'], { stdin: `not my password\n${NEW}\n` });
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual(['dmp: The current password is wrong.', '  Type the password you log in with.']);
    expect((await rec.run(['patients', 'list'])).code).toBe(0);
    const audit = (await rec.run(['audit', '--json'])).json() as { action: string; details: unknown }[];
    expect(audit.at(-1)).toMatchObject({ action: 'account.wrong-password', details: { purpose: 'password-change' } });
  });

  it('refuses a new password that is too short (exit 5)', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['account', 'password', '--password-stdin'], { stdin: `${PASSWORD}\nshort\n` });
    expect(r.code).toBe(5);
    expect(lines(r.stderr)).toEqual(['dmp: The password is 5 characters long; it needs at least 10.', '  Choose a longer password (a few words make a good one).']);
    expect((await loginWith(rec, PASSWORD)).code).toBe(0);
  });

  it('without a terminal, needs --password-stdin with two lines (exit 2)', async () => {
    const rec = await loggedInRecord();
    const none = await rec.run(['account', 'password']);
    expect(none.code).toBe(2);
    expect(lines(none.stderr)).toEqual(['dmp: Missing the passwords.', '  Pass --password-stdin with the current and the new password on two lines.']);
    const one = await rec.run(['account', 'password', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(one.code).toBe(2);
    expect(lines(one.stderr)).toEqual(['dmp: --password-stdin expects 2 lines of standard input.', `  Pipe it in, e.g. printf '%s\\n' "$PASSWORD" | dmp ... --password-stdin.`]);
  });
});

describe('dmp account recovery-codes', () => {
  it('replaces the codes: the new ones work once, the old ones no longer do', async () => {
    const rec = await loggedInRecord();
    const old = rec.recoveryCodes[0]!;
    const r = await rec.run(['account', 'recovery-codes', '--password-stdin', '--json'], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(0);
    const codes = r.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(codes).not.toContain(old);
    await rec.run(['logout']);
    const withCode = (code: string) => rec.run(['login', '--username', 'marie', '--password-stdin', '--recovery-code-stdin'], { stdin: `${PASSWORD}\n${code}\n` });
    expect((await withCode(old)).code).toBe(3);
    expect((await withCode(codes[0]!)).code).toBe(0);
    expect((await withCode(codes[0]!)).code).toBe(3);
  });

  it('prints one code a line when piped, the note on stderr', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['account', 'recovery-codes', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(10);
    expect(r.stdout).toMatch(/^([a-z2-9]{4}-){2}[a-z2-9]{4}\n/);
    expect(r.stderr).toMatch(/^New recovery codes; the old ones no longer work/);
  });

  it('asks for the password on a terminal', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['account', 'recovery-codes', '--json'], { tty: true, answers: [PASSWORD] });
    expect(r.code).toBe(0);
    expect(r.json().recoveryCodes).toHaveLength(10);
  });

  it('refuses the wrong password (exit 3) and keeps the old codes', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['account', 'recovery-codes', '--password-stdin', '--json'], { stdin: 'wrong password\n' });
    expect(r.code).toBe(3);
    expect(r.json().error.message).toBe(lines(r.stderr)[0]!.slice('dmp: '.length)); // --json: one error document
    expect(lines(r.stderr)).toEqual(['dmp: The current password is wrong.', '  Type the password you log in with.']);
    const audit = (await rec.run(['audit', '--json'])).json() as { action: string; details: unknown }[];
    expect(audit.at(-1)).toMatchObject({ action: 'account.wrong-password', details: { purpose: 'recovery-codes' } });
    await rec.run(['logout']);
    const login = await rec.run(['login', '--username', 'marie', '--password-stdin', '--recovery-code-stdin'], { stdin: `${PASSWORD}\n${rec.recoveryCodes[3]!}\n` });
    expect(login.code).toBe(0);
  });

  it('without a terminal, needs --password-stdin (exit 2)', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['account', 'recovery-codes']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['dmp: Missing the password.', '  Pass --password-stdin and pipe it in; dmp only asks on a terminal.']);
  });
});
