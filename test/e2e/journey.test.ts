import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/account/totp.js';

// Spawns the built program as a user would, with no terminal and the real scrypt cost.
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'dmp.js');
const OATHTOOL = '/usr/bin/oathtool';
const PASSWORD = 'correct horse battery staple';

let dir: string;
let env: NodeJS.ProcessEnv;

function dmp(args: string[], stdin = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dmp-e2e-'));
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...rest } = process.env;
  env = { ...rest, DMP_RECORD: join(dir, 'data', 'record.db'), DMP_STATE_DIR: join(dir, 'state'), HOME: dir };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('end to end, without a terminal', () => {
  it('init -> login -> status -> patients add/list -> logout -> status', async () => {
    const init = dmp(
      ['init', '--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F', '--nir', '2 80 01 75 056 001 50', '--json'],
      `${PASSWORD}\n`,
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const enrolment = JSON.parse(init.stdout);
    const secret: string = enrolment.totp.secret;
    expect(enrolment.totp.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.recoveryCodes).toHaveLength(10);

    // The record is 0600 in a 0700 directory, and so is every file SQLite made beside it.
    const record = env.DMP_RECORD!;
    expect(statSync(dirname(record)).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(dirname(record))) expect(statSync(join(dirname(record), f)).mode & 0o777).toBe(0o600);

    const login = (code: string) => dmp(['login', '--username', 'marie', '--password-stdin', '--code', code, '--json'], `${PASSWORD}\n`);
    // An independent RFC 6238 implementation (Debian's oathtool) gives codes that log in.
    const hasOathtool = existsSync(OATHTOOL);
    const code = hasOathtool ? execFileSync(OATHTOOL, ['--totp', '-b', secret], { encoding: 'utf8' }).trim() : totpCode(secret, new Date());
    expect(code).toMatch(/^\d{6}$/);
    const first = login(code);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ loggedIn: true, username: 'marie' });

    const sessionFiles = readdirSync(env.DMP_STATE_DIR!);
    expect(sessionFiles).toHaveLength(1);
    expect(statSync(join(env.DMP_STATE_DIR!, sessionFiles[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(env.DMP_STATE_DIR!).mode & 0o777).toBe(0o700);

    const status = dmp(['status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ loggedIn: true, username: 'marie', holder: 'Marie DUPONT', record });

    const add = dmp(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('name\tLéo DUPONT');
    const list = dmp(['patients', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toEqual(['id\tname\tborn\tsex\tNIR\tholder', '1\tMarie DUPONT\t1980-01-15\tF\t280017505600150\tyes', '2\tLéo DUPONT\t2015-06-02\tM\t\t', '']);
    expect(list.stdout).not.toContain('\x1b[');
    const show = dmp(['patients', 'show', 'leo dupont', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ id: 2 });

    const verify = dmp(['audit', '--verify']);
    expect(verify.code).toBe(0);

    const logout = dmp(['logout']);
    expect(logout.code).toBe(0);
    expect(logout.stderr).toBe('Logged out.\n');
    const after = dmp(['status', '--json']);
    expect(JSON.parse(after.stdout)).toMatchObject({ loggedIn: false });
    const text = dmp(['status']);
    expect(text.stdout).toContain('logged in\tno');
    const refused = dmp(['patients', 'list']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toBe('dmp: You are not logged in to this record.\n  Run `dmp login` first.\n');

    // The project's own code for the next step (one step of drift) logs in again, once.
    const next = totpCode(secret, new Date(Date.now() + 30_000));
    const again = login(next);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const replay = login(next);
    expect(replay.code).toBe(3);
    expect(JSON.parse(replay.stdout).error.kind).toBe('auth');
    expect(replay.stderr).toBe('dmp: Login failed: the username, password or code is wrong.\n  Check them and try again; after 5 failures in a row login is locked for a while.\n');
  }, 120_000);

  it('(still logged in) a failure with --json prints one error document on stdout, and one message and one hint on stderr', () => {
    const r = dmp(['patients', 'show', 'nobody', '--json']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { kind: 'not-found', message: 'No one in this record matches "nobody".', hint: 'Pass an id, a NIR or a full name from `dmp patients list`.' } });
    expect(r.stderr).toBe('dmp: No one in this record matches "nobody".\n  Pass an id, a NIR or a full name from `dmp patients list`.\n');
  });
});
