import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/account/totp.js';
import { PASSWORD } from '../helpers/cli.js';
import { fixture } from './helpers.js';

/*
 * The built program, as a user runs it: here the CSV reader runs in its worker thread (the
 * in-process tests run it inline, from the TypeScript sources).
 */
const bin = join(process.cwd(), 'bin', 'dmp.js');
let dir = '';
let env: NodeJS.ProcessEnv = {};

function dmp(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dmp reimbursements import, built binary (worker thread)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dmp-e2e-reimb-'));
    env = { PATH: process.env.PATH, HOME: dir, DMP_RECORD: join(dir, 'record.db'), DMP_STATE_DIR: join(dir, 'state'), NO_COLOR: '1' };
    const init = dmp(['init', '--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F', '--json'], `${PASSWORD}\n`);
    expect(init.code).toBe(0);
    const secret = JSON.parse(init.stdout).totp.secret as string;
    const login = dmp(['login', '--username', 'marie', '--password-stdin', '--code', totpCode(secret, new Date(Date.now() + 30_000))], `${PASSWORD}\n`);
    expect(login.code).toBe(0);
  }, 30_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports, deduplicates across dialects, and reports bad rows with their lines', () => {
    const r = dmp(['reimbursements', 'import', fixture('five-acts-win1252-preamble.csv'), fixture('five-acts-bom-crlf-comma.csv'), fixture('invalid-rows.csv'), fixture('broken-quote.csv'), '--skip-invalid', '--json']);
    expect(r.code).toBe(5);
    const files = JSON.parse(r.stdout).files;
    expect(files.map((f: any) => [f.status, f.rows, f.inserted, f.duplicates, f.rejected])).toEqual([
      ['imported', 5, 5, 0, 0],
      ['imported', 5, 0, 5, 0],
      ['imported', 17, 3, 0, 14],
      ['rejected', 0, 0, 0, 0],
    ]);
    expect(files[2].errors.map((e: any) => e.line)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(files[3].errors[0].message).toBe('broken-quote.csv:3: a quoted field opened on this line is never closed.');
    const summary = JSON.parse(dmp(['reimbursements', 'summary', '--json']).stdout);
    expect(summary.total).toMatchObject({ count: 8, spentCents: 131484 + 400, reimbursedCents: 88947 + 260 });
  });
});
