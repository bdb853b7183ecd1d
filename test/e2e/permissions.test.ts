import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveRecord, newRecord, type TestRecord } from '../helpers/cli.js';

// Permissions mean nothing to root, so as root the built program runs as `nobody` (setpriv):
// the record is made in-process, handed over, then used as a user without those rights would.
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'dmp.js');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function dmp(rec: TestRecord, args: string[], stdin = '') {
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...env } = process.env;
  const cmd = isRoot ? ['setpriv', '--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, BIN] : [process.execPath, BIN];
  const r = spawnSync(cmd[0]!, [...cmd.slice(1), ...args], { env: { ...env, ...rec.env }, input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Everything under the record's folder belongs to whoever runs dmp below. */
function handOver(rec: TestRecord): void {
  if (!isRoot) return;
  const walk = (dir: string) => {
    chownSync(dir, NOBODY, NOBODY);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else chownSync(p, NOBODY, NOBODY);
    }
  };
  walk(rec.dir);
}

const lines = (s: string) => s.trimEnd().split('\n');


describe('permission problems are one sentence naming the path, with a documented exit code', () => {
  it('a read-only record: read commands work, writes exit 7 saying so (both were exit 1)', async () => {
    const rec = await liveRecord();
    await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'Bilan annuel', '--title', 'Bilan']);
    handOver(rec);
    chmodSync(rec.recordPath, 0o400);
    const list = dmp(rec, ['docs', 'list', '--json']);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((d: { title: string }) => d.title)).toEqual(['Bilan']);
    const add = dmp(rec, ['docs', 'add', '--type', 'synthese', '--text', 'Autre']);
    expect(add.code).toBe(7);
    expect(lines(add.stderr)).toEqual([
      `dmp: The record ${rec.recordPath} cannot be written: it is read-only (file or folder permissions, or a read-only disk).`,
      `  Make it writable (chmod u+w "${rec.recordPath}" and its folder); read commands work as it is.`,
    ]);
  }, 60_000);

  it('an unreadable record is exit 7 naming it', async () => {
    const rec = await liveRecord();
    handOver(rec);
    chmodSync(rec.recordPath, 0o000);
    const r = dmp(rec, ['docs', 'list']);
    expect(r.code).toBe(7);
    expect(lines(r.stderr)[0]).toBe(`dmp: The record ${rec.recordPath} cannot be read: permission denied.`);
  }, 60_000);

  it('a stale 0400 -shm of ours no longer makes every command fail', async () => {
    const rec = await liveRecord();
    writeFileSync(`${rec.recordPath}-shm`, Buffer.alloc(32 * 1024), { mode: 0o400 });
    handOver(rec);
    chmodSync(`${rec.recordPath}-shm`, 0o400);
    const add = dmp(rec, ['docs', 'add', '--type', 'synthese', '--text', 'Après le crash', '--json']);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(dmp(rec, ['docs', 'list', '--json']).code).toBe(0);
  }, 60_000);

  it('init in a read-only folder is exit 7 naming the folder (it was exit 1)', () => {
    const rec = newRecord();
    const folder = join(rec.dir, 'locked');
    rec.env.DMP_RECORD = join(folder, 'record.db');
    writeFileSync(join(rec.dir, 'placeholder'), '');
    spawnSync('mkdir', [folder]);
    handOver(rec);
    chmodSync(folder, 0o500);
    const r = dmp(rec, ['init', '--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F'], 'correct horse battery staple\n');
    expect(r.code).toBe(7);
    expect(lines(r.stderr)).toEqual([`dmp: Cannot create the record ${rec.env.DMP_RECORD}: the folder ${folder} is read-only.`, '  Choose a folder you can write to with --record PATH (or DMP_RECORD).']);
  }, 60_000);

  it('a record in a read-only folder is exit 7 naming the folder and the file SQLite cannot create', async () => {
    const rec = await liveRecord();
    handOver(rec);
    chmodSync(rec.dir, 0o500);
    try {
      const list = dmp(rec, ['docs', 'list', '--json']);
      expect(list.code).toBe(7);
      expect(lines(list.stderr)[0]).toBe(`dmp: The record ${rec.recordPath} cannot be opened: its folder ${rec.dir} is read-only, and SQLite needs to create ${rec.recordPath}-shm beside it.`);
    } finally {
      chmodSync(rec.dir, 0o700);
    }
  }, 60_000);
});
