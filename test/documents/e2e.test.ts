import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/account/totp.js';
import { fixture, fixtureSha, sha256 } from './helpers.js';

// The built program, as a person runs it (`npm test` builds it first).
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'dmp.js');
const dir = mkdtempSync(join(tmpdir(), 'dmp-e2e-docs-'));
const env = { ...process.env, DMP_RECORD: join(dir, 'record.db'), DMP_STATE_DIR: join(dir, 'state'), HOME: dir, NO_COLOR: '1' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dmp = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { env, input });

describe('dmp docs, end to end on the built binary', () => {
  it('adds a PDF, finds it by a word inside, and pipes back the same bytes', () => {
    const init = dmp(['init', '--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F', '--json'], 'correct horse battery\n');
    expect(init.status, init.stderr.toString()).toBe(0);
    const secret = JSON.parse(init.stdout.toString()).totp.secret as string;
    expect(dmp(['login', '--username', 'marie', '--password-stdin', '--code', totpCode(secret, new Date())], 'correct horse battery\n').status).toBe(0);

    const add = dmp(['docs', 'add', '--type', 'cr-imagerie', '--file', fixture('radiologie.pdf'), '--json']);
    expect(add.status, add.stderr.toString()).toBe(0);
    const id = JSON.parse(add.stdout.toString()).id as number;

    const search = dmp(['docs', 'search', 'pneumothorax', '--json']);
    expect(JSON.parse(search.stdout.toString())).toMatchObject([{ id, typeCode: '18748-4', snippet: expect.stringContaining('pneumothorax') }]);

    const out = dmp(['docs', 'export', String(id)]);
    expect(out.status).toBe(0);
    expect(sha256(out.stdout)).toBe(fixtureSha('radiologie.pdf'));
  });
});
