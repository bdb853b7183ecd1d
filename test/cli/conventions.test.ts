import Database from 'better-sqlite3-multiple-ciphers';
import { CommanderError } from 'commander';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePositiveInt } from '../../src/cli/command.js';
import { EXIT, reportError } from '../../src/cli/errors.js';
import { authError, invalidData, notFound, usageError } from '../../src/errors.js';
import { openRecord } from '../../src/store/database.js';
import { latestVersion } from '../../src/store/migrate.js';
import { loggedInRecord, newRecord, PASSWORD } from '../helpers/cli.js';

const lines = (stderr: string) => stderr.trimEnd().split('\n');

const LEAVES = [
  ['init'],
  ['login'],
  ['logout'],
  ['status'],
  ['account', 'password'],
  ['account', 'recovery-codes'],
  ['patients', 'add'],
  ['patients', 'list'],
  ['patients', 'show'],
  ['audit'],
];

describe('command line conventions', () => {
  it('every command has a description and an example in --help (exit 0, on stdout)', async () => {
    const rec = newRecord();
    for (const argv of LEAVES) {
      const r = await rec.run([...argv, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: dmp ${argv.join(' ')} `));
      expect(r.stdout.split('\n')[2]!.length).toBeGreaterThan(10);
      expect(r.stdout).toMatch(/\nExamples:\n {2}\$ dmp /);
      expect(r.stderr).toBe('');
    }
  });

  it('an unknown command or option exits 2 with the message and a hint', async () => {
    const rec = newRecord();
    for (const [argv, message] of [
      [['frobnicate'], "dmp: unknown command 'frobnicate'"],
      [['--frobnicate', 'status'], "dmp: unknown option '--frobnicate'"],
      [['patients', 'list', '--bogus'], "dmp: unknown option '--bogus'"],
      [['status', 'extra'], "dmp: too many arguments for 'status'. Expected 0 arguments but got 1."],
      [['stauts'], "dmp: unknown command 'stauts' (did you mean status?)"],
      [['patients', 'lst'], "dmp: unknown command 'lst' (did you mean list?)"],
      [['status', '--jsn'], "dmp: unknown option '--jsn' (did you mean --json?)"],
    ] as const) {
      const r = await rec.run([...argv]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toEqual([message, '  Run the command with --help to see its flags and examples.']);
    }
  });

  it('no command at all shows the help on stderr and exits 2', async () => {
    const rec = newRecord();
    for (const argv of [[], ['patients'], ['account']]) {
      const r = await rec.run(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^Usage: dmp /);
    }
  });

  it('dmp help [COMMAND] prints the help on stdout and exits 0', async () => {
    const rec = newRecord();
    for (const argv of [['help'], ['help', 'patients']]) {
      const r = await rec.run(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: dmp /);
      expect(r.stderr).toBe('');
    }
  });

  it('--version prints the version', async () => {
    const r = await newRecord().run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('--json goes before or after the command', async () => {
    const rec = await loggedInRecord();
    expect((await rec.run(['--json', 'patients', 'list'])).json()).toHaveLength(1);
    expect((await rec.run(['patients', '--json', 'list'])).json()).toHaveLength(1);
  });

  it('--record points at another record', async () => {
    const rec = newRecord();
    const other = `${rec.dir}/elsewhere/other.db`;
    const r = await rec.run(['--record', other, 'status', '--json']);
    expect(r.json()).toMatchObject({ record: other, recordExists: false });
  });
});

describe('errors about the record file', () => {
  it('a record written by a newer dmp exits 5 with the clear message', async () => {
    const rec = newRecord();
    const db = openRecord(rec.recordPath, { create: true });
    db.pragma(`user_version = ${latestVersion() + 1}`);
    db.close();
    const r = await rec.run(['status', '--json']);
    expect(r.code).toBe(5);
    expect(r.json().error.message).toBe(lines(r.stderr)[0]!.slice('dmp: '.length)); // --json: one error document
    expect(lines(r.stderr)).toEqual([
      `dmp: This record was written by a newer dmp (schema ${latestVersion() + 1}; this dmp knows up to ${latestVersion()}).`,
      '  Upgrade dmp before opening this record; it was left untouched.',
    ]);
  });

  it('a directory given as the record exits 5 saying so (it was an unexpected error)', async () => {
    const rec = newRecord();
    const r = await rec.run(['--record', rec.dir, 'status']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)).toEqual([`dmp: ${rec.dir} is a directory, not a regular file.`, '  Point --record (or DMP_RECORD) to a file, for example record.db inside it.']);
  });

  it('a file that is not a database exits 5 naming the problem', async () => {
    const rec = newRecord();
    writeFileSync(rec.recordPath, 'hello, this is a text file and not a database'.repeat(40));
    const r = await rec.run(['status']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)).toEqual(['dmp: This file is not a dmp record (not an SQLite database).', '  Check the --record path.']);
  });

  it('another program\'s SQLite database exits 5 and is not changed', async () => {
    const rec = newRecord();
    const raw = new Database(rec.recordPath);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    const r = await rec.run(['login', '--username', 'marie', '--password-stdin', '--code', '123456'], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(5);
    expect(lines(r.stderr)).toEqual(['dmp: This file is not a dmp record (an SQLite database of another program).', '  Check the --record path; dmp left the file untouched.']);
    const check = new Database(rec.recordPath);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'notes' }]);
    check.close();
  });

  it('a record without an account or holder says so', async () => {
    const rec = newRecord();
    openRecord(rec.recordPath, { create: true }).close();
    const login = await rec.run(['login', '--username', 'marie', '--password-stdin', '--code', '123456'], { stdin: `${PASSWORD}\n` });
    expect(login.code).toBe(2);
    expect(lines(login.stderr)).toEqual(['dmp: This record has no account.', '  Create it with `dmp init`.']);
    const status = await rec.run(['status']);
    expect(status.code).toBe(4);
    expect(lines(status.stderr)).toEqual(['dmp: This record has no holder.', '  Create the record with `dmp init`.']);
  });

  it('a command on a missing record exits 4 and says how to create one', async () => {
    const rec = newRecord();
    const r = await rec.run(['patients', 'list', '--json']);
    expect(r.code).toBe(4);
    expect(r.json().error.message).toBe(lines(r.stderr)[0]!.slice('dmp: '.length)); // --json: one error document
    expect(lines(r.stderr)).toEqual([`dmp: No record at ${rec.recordPath}.`, '  Create one with `dmp init`, or point to it with --record PATH or DMP_RECORD.']);
  });
});

describe('reportError', () => {
  it('maps each kind to its exit code, with the message and the hint on two lines', () => {
    expect(reportError(usageError('Bad.', 'Do this.'))).toEqual({ code: 2, lines: ['dmp: Bad.', '  Do this.'] });
    expect(reportError(authError('No.')).code).toBe(EXIT.auth);
    expect(reportError(notFound('Gone.')).code).toBe(EXIT.notFound);
    expect(reportError(invalidData('Wrong.', 'Fix.', { rows: [] })).code).toBe(EXIT.invalid);
    expect(reportError(authError('No.')).lines).toEqual(['dmp: No.']);
  });

  it('reports anything else as unexpected (exit 1), with the stack only under DMP_DEBUG', () => {
    const err = new Error('disk I/O error');
    expect(reportError(err)).toEqual({ code: 1, lines: ['dmp: Unexpected error: disk I/O error', '  Run again with DMP_DEBUG=1 for details, and report it if it persists.'] });
    expect(reportError(err, true).lines[1]).toContain('at ');
    expect(reportError('a string').lines[0]).toBe('dmp: Unexpected error: a string');
  });

  it('treats a cancelled prompt as exit 130, help and version as 0', () => {
    expect(reportError(Object.assign(new Error('x'), { name: 'ExitPromptError' }))).toEqual({ code: 130, lines: ['dmp: Cancelled; nothing was changed.'] });
    expect(reportError(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')).code).toBe(0);
    expect(reportError(new CommanderError(0, 'commander.version', '0.1.0')).code).toBe(0);
  });
});

describe('parsePositiveInt', () => {
  it('accepts whole numbers from 1 up', () => {
    expect(parsePositiveInt(' 42 ', 'id')).toBe(42);
  });

  it('refuses anything else, naming the value and what it should be', () => {
    for (const bad of ['0', '-1', '1.5', 'abc', '', '99999999999999999999']) {
      expect(() => parsePositiveInt(bad, 'id')).toThrow(expect.objectContaining({ kind: 'usage', message: `"${bad}" is not a valid id.` }));
    }
    expect(() => parsePositiveInt('x', 'limit')).toThrow(expect.objectContaining({ hint: 'Give limit as a whole number from 1 up.' }));
  });
});
