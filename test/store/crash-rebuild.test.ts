import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveUnlock } from '../../src/account/keys.js';
import { openRecord, type Db } from '../../src/store/database.js';
import { readRecordHeader } from '../../src/store/format.js';
import { loggedInRecord, PASSWORD, TEST_KDF, type TestRecord } from '../helpers/cli.js';
import { makeLegacy } from '../helpers/legacy.js';

const NEW_PASSWORD = 'a brand new passphrase';
const CHILD = join(import.meta.dirname, '..', 'helpers', 'rebuild-child.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'dmp-crash-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A record big enough (a few MB) that its rebuild takes a while to kill in the middle of. */
async function bigRecord(extraInit: string[] = []): Promise<{ rec: TestRecord; acts: number }> {
  const rec = await loggedInRecord(extraInit);
  const lines = ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé"];
  for (let i = 0; i < 20000; i++) lines.push(`${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2026;Pharmacie;Boîte de comprimés n° ${i} ${'x'.repeat(i % 60)};${(i % 100) + 1},50;0,50`);
  const csv = join(rec.dir, 'big.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const r = await rec.run(['reimbursements', 'import', csv, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return { rec, acts: 20000 };
}

function runChild(job: object, killAfterMs?: number): Promise<{ killed: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const child = spawn(process.execPath, [CHILD, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ killed: true, ms: Date.now() - start });
      else if (code === 0) resolve({ killed: false, ms: Date.now() - start });
      else reject(new Error(`child failed (${code}): ${err}`));
    });
  });
}

/** Opens the file with whichever password works now (or none, for a plain file); null if none does. */
async function openWithAny(path: string, passwords: string[]): Promise<{ db: Db; password: string | null } | null> {
  const header = readRecordHeader(path);
  if (header.format === 'plain') return { db: openRecord(path), password: null };
  for (const password of passwords) {
    const unlock = await deriveUnlock(password, { alg: 'scrypt', ...TEST_KDF, salt: header.salt!.toString('base64') });
    try {
      return { db: openRecord(path, { key: unlock.recordKey }), password };
    } catch {
      // not this one
    }
  }
  return null;
}

function copyOf(path: string, name: string): string {
  const target = join(scratch, name);
  copyFileSync(path, target);
  return target;
}

async function expectWhole(path: string, acts: number, passwords: string[]): Promise<string | null> {
  const opened = await openWithAny(path, passwords);
  expect(opened, 'the record opens with the old or the new password').not.toBeNull();
  const { db, password } = opened!;
  expect(db.pragma('quick_check', { simple: true })).toBe('ok');
  expect(db.prepare('SELECT count(*) FROM reimbursement').pluck().get()).toBe(acts);
  db.close();
  return password;
}

const delays = (total: number, n: number) => Array.from({ length: n }, (_, i) => Math.round((total * (i + 1)) / (n + 1)));

describe('kill -9 at any moment', () => {
  it('of a password change leaves a record that opens with the old or the new password, with every row', async () => {
    const { rec, acts } = await bigRecord();
    const { recordKey } = rec.session();
    const job = (path: string) => ({ mode: 'password', path, password: PASSWORD, next: NEW_PASSWORD, cost: TEST_KDF, now: rec.now.toISOString(), key: recordKey!.key.toString('hex'), salt: recordKey!.salt.toString('hex') });
    const full = copyOf(rec.recordPath, 'full.db');
    const { ms } = await runChild(job(full));
    expect(await expectWhole(full, acts, [PASSWORD, NEW_PASSWORD])).toBe(NEW_PASSWORD);
    const seen = new Set<string | null>();
    for (const [i, d] of delays(ms, 8).entries()) {
      const path = copyOf(rec.recordPath, `pw-${i}.db`);
      await runChild(job(path), d);
      seen.add(await expectWhole(path, acts, [PASSWORD, NEW_PASSWORD]));
    }
    expect(seen.has(PASSWORD)).toBe(true);
  }, 120_000);

  it('of the in-place encryption of an old record leaves it plain or encrypted, with every row', async () => {
    const { rec, acts } = await bigRecord(['--unencrypted']);
    makeLegacy(rec);
    const job = (path: string) => ({ mode: 'encrypt', path, password: PASSWORD, cost: TEST_KDF, now: rec.now.toISOString() });
    const full = copyOf(rec.recordPath, 'legacy-full.db');
    const { ms } = await runChild(job(full));
    expect(readRecordHeader(full).format).toBe('encrypted');
    expect(await expectWhole(full, acts, [PASSWORD])).toBe(PASSWORD);
    for (const [i, d] of delays(ms, 8).entries()) {
      const path = copyOf(rec.recordPath, `legacy-${i}.db`);
      await runChild(job(path), d);
      await expectWhole(path, acts, [PASSWORD]);
    }
  }, 120_000);
});

