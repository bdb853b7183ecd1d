import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveRecord, PASSWORD } from '../helpers/cli.js';

const BIN = join(resolve(import.meta.dirname, '../..'), 'bin', 'dmp.js');


/** 100,000 rows, one in ten with a care date the calendar lacks: a rejects file fills as it reads. */
function exportWithBadRows(dir: string): string {
  const lines = ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé"];
  for (let i = 0; i < 100_000; i++) lines.push(`${i % 10 ? String((i % 28) + 1).padStart(2, '0') : '31'}/02/2026;Pharmacie;Boîte n° ${i};${(i % 100) + 1},00;0,50`);
  const path = join(dir, 'big.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('kill -9 in the middle of an import', () => {
  it('leaves the rejects file that --force would replace as it was, the record without the file\'s acts, and nothing once the path is written again', async () => {
    const rec = await liveRecord();
    const csv = exportWithBadRows(rec.dir);
    const rejects = join(rec.dir, 'rejects.csv');
    const earlier = 'the rejects of an earlier import\n';
    writeFileSync(rejects, earlier);
    const child = spawn(process.execPath, [BIN, 'reimbursements', 'import', csv, '--skip-invalid', '--rejects', rejects, '--force'], { env: { ...process.env, ...rec.env }, stdio: 'ignore' });
    // Killed once the new rejects are being written: into the temporary file beside the path,
    // which the import creates when it has read the CSV's header and fills from the rejects'
    // header row on. The path itself changes only when the whole CSV was read (the temporary
    // file is renamed over it, just before the commit): by then a kill is too late, so the
    // second check never fires in a passing run. It is there for a dmp that writes at the path
    // again (as --force once did, truncating it at the start): killed at once, it fails on the
    // file's content below instead of running to its end.
    const temp = `${rejects}.${child.pid}.new`;
    // statSync, not existsSync then readFileSync: the temporary file may be renamed in between.
    const writing = () => (statSync(temp, { throwIfNoEntry: false })?.size ?? 0) > 0 || readFileSync(rejects, 'utf8') !== earlier;
    await killWhen(child, writing);
    expect(readFileSync(rejects, 'utf8')).toBe(earlier);
    expect((await rec.run(['reimbursements', 'list', '--all', '--json'])).json()).toEqual([]);
    // The killed import's temporary file (health data) is there until the next write to the path.
    expect(existsSync(temp)).toBe(true);
    // Run to its end, the import replaces the file, and leaves only it: the killed one's is gone too.
    const again = await rec.run(['reimbursements', 'import', csv, '--skip-invalid', '--rejects', rejects, '--force', '--json']);
    // Exit 5 says rows were rejected; the others are in.
    expect([again.code, again.json().files[0].inserted]).toEqual([5, 90_000]);
    expect(readFileSync(rejects, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(1 + 10_000);
    expect(readdirSync(rec.dir).filter((n) => n.startsWith('rejects.csv'))).toEqual(['rejects.csv']);
  });
});

/** Kills `child` once `started()` holds (polled every 2 ms); fails if it ends first. */
async function killWhen(child: ChildProcess, started: () => boolean): Promise<void> {
  await new Promise<void>((done, fail) => {
    const since = Date.now();
    const poll = setInterval(() => {
      if (started()) {
        clearInterval(poll);
        child.kill('SIGKILL');
        done();
      } else if (Date.now() - since > 30_000 || child.exitCode !== null) {
        clearInterval(poll);
        fail(new Error('the command ended before it could be killed'));
      }
    }, 2);
  });
  await new Promise((done) => child.once('exit', done));
}

describe('kill -9 in the middle of an export', () => {
  it('leaves no half export at the path (only the temporary file beside it, until the next write), and the next export is whole', async () => {
    const rec = await liveRecord();
    const csv = exportWithBadRows(rec.dir);
    expect((await rec.run(['reimbursements', 'import', csv, '--skip-invalid'])).code).toBe(5);
    const out = join(rec.dir, 'record.json');
    const child = spawn(process.execPath, [BIN, 'export', '--format', 'json', '-o', out], { env: { ...process.env, ...rec.env }, stdio: 'ignore' });
    const temp = `${out}.${child.pid}.new`;
    await killWhen(child, () => (statSync(temp, { throwIfNoEntry: false })?.size ?? 0) > 0 || existsSync(out));
    expect(existsSync(out)).toBe(false);
    expect(existsSync(temp)).toBe(true);
    expect((await rec.run(['export', '--format', 'json', '-o', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('dmp-record');
    expect(readdirSync(rec.dir).filter((n) => n.startsWith('record.json'))).toEqual(['record.json']);
  });
});

describe('kill -9 in the middle of a restore', () => {
  it('leaves no record at the new path (only the files it was built under, until the next restore there), and the next restore is whole', async () => {
    const rec = await liveRecord();
    expect((await rec.run(['reimbursements', 'import', exportWithBadRows(rec.dir), '--skip-invalid'])).code).toBe(5);
    const dump = join(rec.dir, 'record.json');
    expect((await rec.run(['export', '--format', 'json', '-o', dump])).code).toBe(0);
    const target = join(rec.dir, 'restored', 'record.db');
    const child = spawn(process.execPath, [BIN, '--record', target, 'restore', dump, '--password-stdin'], { env: { ...process.env, ...rec.env }, stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin!.end(`${PASSWORD}\n`);
    const temp = `${target}.${child.pid}.new`;
    // Killed once the record is being built under its temporary name (the export is read and
    // checked first; the rows go in one transaction, written out at its commit).
    await killWhen(child, () => existsSync(temp) || existsSync(target));
    expect(existsSync(target)).toBe(false);
    expect(existsSync(temp)).toBe(true);
    const again = await rec.run(['--record', target, 'restore', dump, '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(again.code).toBe(0);
    expect(readdirSync(join(rec.dir, 'restored'))).toEqual(['record.db']);
  });
});

describe('two backups to one new path at once', () => {
  it('one keeps the path, the other says it exists (exit 2); nothing else is left beside it', async () => {
    const rec = await liveRecord();
    expect((await rec.run(['reimbursements', 'import', exportWithBadRows(rec.dir), '--skip-invalid'])).code).toBe(5);
    const target = join(rec.dir, 'copy.db');
    const backup = () =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [BIN, 'backup', target], { env: { ...process.env, ...rec.env }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
        child.once('exit', (code) => done({ code, stderr }));
      });
    const results = await Promise.all([backup(), backup()]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 2]);
    expect(results.find((r) => r.code === 2)!.stderr).toContain(`${target} `);
    expect(readdirSync(rec.dir).filter((n) => n.startsWith('copy.db'))).toEqual(['copy.db']);
  });
});
