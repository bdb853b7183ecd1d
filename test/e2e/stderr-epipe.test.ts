import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = join(resolve(import.meta.dirname, '../..'), 'bin', 'dmp.js');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a closed stderr (dmp ... 2>&1 | true)', () => {
  it('keeps the documented exit code (it was 1)', () => {
    dir = mkdtempSync(join(tmpdir(), 'dmp-epipe-'));
    // dmp starts once `true` has gone, so writing its message fails with EPIPE for sure.
    const script = `(sleep 0.5; exec "${process.execPath}" "${BIN}" docs show 999) 2>&1 | true; echo "\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', script], { env: { ...process.env, DMP_RECORD: join(dir, 'record.db'), HOME: dir }, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout.trim()).toBe('4');
  }, 60_000);
});
