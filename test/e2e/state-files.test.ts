import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../src/account/totp.js';
import { failuresPath, sessionPath } from '../../src/cli/paths.js';
import { newRecord, PASSWORD, type TestRecord } from '../helpers/cli.js';

// The built program, spawned: a read or write of a state file that blocks would hang a test run
// in-process (open(2) blocks the whole thread), so each run is killed after a deadline instead,
// with SIGKILL (a blocked open is not interrupted by a handled signal), and the test fails.
const BIN = join(resolve(import.meta.dirname, '../..'), 'bin', 'dmp.js');
const DEADLINE_MS = 20_000;

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function dmp(rec: TestRecord, args: string[], stdin = ''): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...rec.env }, input: stdin, encoding: 'utf8', timeout: DEADLINE_MS, killSignal: 'SIGKILL' });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without waiting: several run at once. */
function dmpAsync(rec: TestRecord, args: string[], stdin = ''): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...rec.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

const lines = (s: string) => s.trimEnd().split('\n');

/**
 * A new record made by the built program (an in-process one has a test KDF cost the spawned
 * program does not know), not logged in yet, its state folder made.
 */
function liveRecord(): TestRecord {
  const rec = newRecord();
  const init = dmp(rec, ['init', '--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F', '--json'], `${PASSWORD}\n`);
  expect([init.code, init.stderr]).toEqual([0, '']);
  rec.totpSecret = JSON.parse(init.stdout).totp.secret;
  rec.recoveryCodes = JSON.parse(init.stdout).recoveryCodes;
  mkdirSync(rec.env.DMP_STATE_DIR!, { recursive: true, mode: 0o700 });
  return rec;
}

const loginArgs = ['login', '--username', 'marie', '--password-stdin'];
const withCode = (rec: TestRecord) => [...loginArgs, '--code', totpCode(rec.totpSecret, new Date())];

describe('a FIFO planted where dmp keeps its state files', () => {
  it('at the session path: status says not logged in at once, and a login replaces it with a session', async () => {
    const rec = liveRecord();
    const file = sessionPath(rec.recordPath, rec.env);
    execFileSync('mkfifo', ['-m', '600', file]);
    const status = dmp(rec, ['status', '--json']);
    expect([status.code, status.signal, status.stderr]).toEqual([0, null, '']);
    expect(JSON.parse(status.stdout)).toMatchObject({ recordExists: true, encrypted: true, locked: true, loggedIn: false });
    const list = dmp(rec, ['docs', 'list']);
    expect([list.code, lines(list.stderr)[0]]).toEqual([3, 'dmp: You are not logged in to this record.']);
    const login = dmp(rec, withCode(rec), `${PASSWORD}\n`);
    expect([login.code, login.signal]).toEqual([0, null]);
    expect(login.stderr).toContain('Logged in as marie.');
    expect(lstatSync(file).isFile()).toBe(true);
    expect(JSON.parse(dmp(rec, ['status', '--json']).stdout)).toMatchObject({ loggedIn: true });
  }, 60_000);

  it('at the failure-count path: a wrong password is refused at once, naming the file (exit 2); a right one logs in and removes it', async () => {
    const rec = liveRecord();
    const file = failuresPath(rec.recordPath, rec.env);
    execFileSync('mkfifo', ['-m', '600', file]);
    const wrong = dmp(rec, [...loginArgs, '--code', '000000'], 'not the password\n');
    expect([wrong.code, wrong.signal, lines(wrong.stderr)]).toEqual([2, null, [`dmp: ${file} is not a file dmp wrote.`, '  Remove it; dmp will create it again.']]);
    expect(lstatSync(file).isFIFO()).toBe(true);
    const right = dmp(rec, withCode(rec), `${PASSWORD}\n`);
    expect([right.code, right.signal]).toEqual([0, null]);
    expect(readdirSync(dirname(file))).not.toContain(basename(file));
  }, 60_000);
});

describe('other things at the failure-count path', () => {
  it('a folder or a link there is refused by name, as a FIFO is (both were a crash, exit 1)', async () => {
    const rec = newRecord();
    expect((await rec.init()).code).toBe(0);
    mkdirSync(rec.env.DMP_STATE_DIR!, { mode: 0o700 });
    const file = failuresPath(rec.recordPath, rec.env);
    const victim = join(rec.dir, 'victim');
    writeFileSync(victim, '', { mode: 0o600 });
    for (const plant of [() => mkdirSync(file), () => symlinkSync(victim, file)]) {
      plant();
      const r = await rec.run([...loginArgs, '--code', '000000'], { stdin: 'not the password\n' });
      expect([r.code, lines(r.stderr)]).toEqual([2, [`dmp: ${file} is not a file dmp wrote.`, '  Remove it; dmp will create it again.']]);
      rmSync(file, { recursive: true });
    }
  });
});

describe('two logins at once', () => {
  it('both finish, and leave one session file that the next command accepts', async () => {
    const rec = liveRecord();
    // Both right: a 6-digit code and a recovery code. Two 6-digit codes could not both pass
    // whatever the order the logins commit in: a code of a step at or before the last one used
    // is a replay.
    const [byCode, byRecovery] = await Promise.all([
      dmpAsync(rec, withCode(rec), `${PASSWORD}\n`),
      dmpAsync(rec, [...loginArgs, '--recovery-code-stdin'], `${PASSWORD}\n${rec.recoveryCodes[0]}\n`),
    ]);
    for (const r of [byCode, byRecovery]) {
      expect([r.code, r.signal]).toEqual([0, null]);
      expect(r.stderr).toContain('Logged in as marie.');
    }
    expect(readdirSync(rec.env.DMP_STATE_DIR!)).toEqual([basename(sessionPath(rec.recordPath, rec.env))]);
    const status = dmp(rec, ['status', '--json']);
    expect([status.code, status.stderr]).toEqual([0, '']);
    expect(JSON.parse(status.stdout)).toMatchObject({ loggedIn: true, username: 'marie' });
    const list = dmp(rec, ['docs', 'list', '--json']);
    expect([list.code, list.stdout]).toEqual([0, '[]\n']);
  }, 60_000);
});
