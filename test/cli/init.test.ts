import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTotp } from '../../src/account/totp.js';
import { newRecord, PASSWORD } from '../helpers/cli.js';


const FLAGS = ['--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F'];
const without = (flag: string) => {
  const i = FLAGS.indexOf(flag);
  return flag === '--password-stdin' ? [...FLAGS.slice(0, i), ...FLAGS.slice(i + 1)] : [...FLAGS.slice(0, i), ...FLAGS.slice(i + 2)];
};
/** The error lines: exactly one message and one hint. */
const lines = (stderr: string) => stderr.trimEnd().split('\n');

describe('dmp init', () => {
  it('--json prints the TOTP secret and URI and ten recovery codes, and nothing on stderr but the next step', async () => {
    const rec = newRecord();
    const r = await rec.init();
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.totp.secret).toMatch(/^[A-Z2-7]{32,}$/);
    expect(out.totp.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(new URL(out.totp.uri).searchParams.get('secret')).toBe(out.totp.secret);
    expect(out.recoveryCodes).toHaveLength(10);
    expect(new Set(out.recoveryCodes).size).toBe(10);
    expect(out).toMatchObject({ username: 'marie', record: rec.recordPath, holder: { givenName: 'Marie', familyName: 'DUPONT', birthDate: '1980-01-15', sex: 'F', nir: null, isHolder: true } });
    // The secret it printed is the one enrolled: a code from it logs in.
    expect((await rec.login()).code).toBe(0);
  });

  it('creates the record 0600 in a 0700 directory', async () => {
    const rec = newRecord();
    rec.env.DMP_RECORD = join(rec.dir, 'data', 'dmp', 'record.db');
    expect((await rec.init()).code).toBe(0);
    expect(statSync(rec.recordPath).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(rec.recordPath)).mode & 0o777).toBe(0o700);
  });

  it('stores the NIR given with spaces, normalised', async () => {
    const rec = newRecord();
    const r = await rec.run(['init', ...FLAGS, '--nir', '2 80 01 75 056 001 50', '--json'], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(0);
    expect(r.json().holder.nir).toBe('280017505600150');
  });

  it('asks everything on a terminal, with the password twice, and shows a QR code', async () => {
    const rec = newRecord();
    const r = await rec.run(['init'], { tty: true, answers: ['marie', PASSWORD, PASSWORD, 'Marie', 'DUPONT', '1980-01-15', 'F', ''] });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Record created at ${rec.recordPath} for Marie DUPONT.`);
    const uri = /(otpauth:\/\/totp\/\S+)/.exec(r.stdout)![1]!;
    const secret = new URL(uri).searchParams.get('secret')!;
    expect(r.stdout).toContain(`key: ${secret}`);
    expect(r.stdout).toMatch(/[▄▀█]/); // the QR code
    expect(r.stdout.match(/^ {2}[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/gm)).toHaveLength(10);
    expect(r.stderr).toContain('Next: `dmp login`');
    rec.totpSecret = secret;
    expect((await rec.login()).code).toBe(0);
  });

  it('prints the enrolment as text when piped, without the QR code', async () => {
    const rec = newRecord();
    const r = await rec.run(['init', ...FLAGS], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}otpauth:\/\/totp\//m);
    expect(r.stdout).not.toMatch(/[▄▀█]/);
  });

  it('on a terminal, asks only for the password when every other flag is given', async () => {
    const rec = newRecord();
    const args = FLAGS.filter((f) => f !== '--password-stdin');
    const r = await rec.run(['init', ...args, '--json'], { tty: true, answers: [PASSWORD, PASSWORD] });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('checks each answer as it is typed and asks again', async () => {
    const rec = newRecord();
    const r = await rec.run(['init', '--json'], {
      tty: true,
      answers: ['marie', 'short', PASSWORD, PASSWORD, 'M4rie', 'Marie', 'DUPONT', '2023-02-29', '2027-01-01', '1980-01-15', 'F', '1 80 01 75 056 001 03', '2 80 01 75 056 001 50'],
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(rec.lastPrompter.rejected).toEqual([
      'The password is 5 characters long; it needs at least 10.',
      'The name "M4rie" has characters a name cannot have (letters, spaces, hyphens and apostrophes only).',
      'The date of birth "2023-02-29" is not a day of the calendar.',
      'The date of birth 2027-01-01 is in the future (today is 2026-11-26).',
      'The NIR "1 80 01 75 056 001 03" is that of a man (first digit 1) but the sex given is F.',
    ]);
    expect(r.json().holder).toMatchObject({ givenName: 'Marie', birthDate: '1980-01-15', nir: '280017505600150' });
  });

  it('refuses two different passwords typed at the prompts, and leaves no record', async () => {
    const rec = newRecord();
    const r = await rec.run(['init'], { tty: true, answers: ['marie', PASSWORD, `${PASSWORD}x`] });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['dmp: The two passwords differ.', '  Run `dmp init` again and type the same password twice.']);
    expect(existsSync(rec.recordPath)).toBe(false);
  });

  it('exits 130 and leaves no record when the person cancels a prompt', async () => {
    const rec = newRecord();
    const cancel = Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
    const r = await rec.run(['init'], { tty: true, answers: ['marie', PASSWORD, PASSWORD, cancel] });
    expect(r.code).toBe(130);
    expect(lines(r.stderr)).toEqual(['dmp: Cancelled; nothing was changed.']);
    expect(existsSync(rec.recordPath)).toBe(false);
  });

  describe('without a terminal, a missing value names its flag (exit 2)', () => {
    const cases: [string, string, string][] = [
      ['--username', 'dmp: Missing --username.', '  Pass --username; dmp only asks on a terminal.'],
      ['--password-stdin', 'dmp: Missing the password.', '  Pass --password-stdin and pipe it in; dmp only asks on a terminal.'],
      ['--given-name', 'dmp: Missing the given name.', '  Pass --given-name NAME.'],
      ['--family-name', 'dmp: Missing the family name.', '  Pass --family-name NAME.'],
      ['--birth-date', 'dmp: Missing the date of birth.', '  Pass --birth-date YYYY-MM-DD.'],
      ['--sex', 'dmp: Missing the sex.', '  Pass --sex F or --sex M.'],
    ];
    for (const [flag, message, hint] of cases) {
      it(flag, async () => {
        const rec = newRecord();
        const r = await rec.run(['init', ...without(flag), '--json'], { stdin: `${PASSWORD}\n` });
        expect(r.code).toBe(2);
        expect(lines(r.stderr)).toEqual([message, hint]);
        expect(r.json().error.message).toBe(lines(r.stderr)[0]!.slice('dmp: '.length)); // --json: one error document
        expect(existsSync(rec.recordPath)).toBe(false);
      });
    }
  });

  it('says --password-stdin needs a line on standard input', async () => {
    const rec = newRecord();
    const r = await rec.run(['init', ...FLAGS], { stdin: '' });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toBe('dmp: --password-stdin expects the password on the first line of standard input.');
  });

  describe('a refused init leaves no record file (nor its directory) behind', () => {
    const cases: [string, string[], string, number, string][] = [
      ['bad NIR key', ['--nir', '2 80 01 75 056 001 00'], `${PASSWORD}\n`, 5, 'dmp: The NIR "2 80 01 75 056 001 00" is not valid: its key is 00 but the first 13 characters give key 50.'],
      ['NIR of a man', ['--nir', '1 80 01 75 056 001 03'], `${PASSWORD}\n`, 5, 'dmp: The NIR "1 80 01 75 056 001 03" is that of a man (first digit 1) but the sex given is F.'],
      ['NIR of another year', ['--nir', '2 81 01 75 056 001 01'], `${PASSWORD}\n`, 5, 'dmp: The NIR "2 81 01 75 056 001 01" gives a birth year ending in 81 but the date of birth is 1980-01-15.'],
      ['short password', [], 'too short\n', 5, 'dmp: The password is 9 characters long; it needs at least 10.'],
      ['bad username', ['--username', 'ma rie'], `${PASSWORD}\n`, 5, 'dmp: The username "ma rie" is not usable.'],
      ['date that does not exist', ['--birth-date', '2023-02-29'], `${PASSWORD}\n`, 2, 'dmp: The date of birth "2023-02-29" is not a day of the calendar.'],
      ['future birth date', ['--birth-date', '2027-01-01'], `${PASSWORD}\n`, 2, 'dmp: The date of birth 2027-01-01 is in the future (today is 2026-11-26).'],
      ['bad sex', ['--sex', 'X'], `${PASSWORD}\n`, 5, 'dmp: The sex "X" is not F or M.'],
      ['bad name', ['--given-name', 'M4rie'], `${PASSWORD}\n`, 5, 'dmp: The name "M4rie" has characters a name cannot have (letters, spaces, hyphens and apostrophes only).'],
    ];
    for (const [what, extra, stdin, code, message] of cases) {
      it(what, async () => {
        const rec = newRecord();
        rec.env.DMP_RECORD = join(rec.dir, 'new', 'record.db');
        const args = [...FLAGS];
        for (let i = 0; i < extra.length; i += 2) {
          const at = args.indexOf(extra[i]!);
          if (at >= 0) args.splice(at, 2);
        }
        const r = await rec.run(['init', ...args, ...extra, '--json'], { stdin });
        expect(r.code).toBe(code);
        expect(lines(r.stderr)).toHaveLength(2);
        expect(lines(r.stderr)[0]).toBe(message);
        expect(r.json().error.message).toBe(lines(r.stderr)[0]!.slice('dmp: '.length)); // --json: one error document
        expect(existsSync(join(rec.dir, 'new'))).toBe(false);
      });
    }
  });

  it('refuses to overwrite an existing record, and leaves it as it was', async () => {
    const rec = newRecord();
    expect((await rec.init()).code).toBe(0);
    const secret = rec.totpSecret;
    const r = await rec.run(['init', ...FLAGS], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([`dmp: A record already exists at ${rec.recordPath}.`, '  Log in with `dmp login`, or create another with --record PATH.']);
    expect(readdirSync(rec.dir)).toContain('record.db');
    rec.totpSecret = secret;
    expect((await rec.login()).code).toBe(0);
  });

  it('enrols a secret the code checker accepts', async () => {
    const rec = newRecord();
    await rec.init();
    expect(checkTotp(rec.totpSecret, rec.code(), rec.now, 0)).not.toBeNull();
  });
});
