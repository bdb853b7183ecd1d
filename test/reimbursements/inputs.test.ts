import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { run } from '../../src/cli/run.js';
import { loggedInRecord, scriptedPrompter, TEST_KDF, type TestRecord } from '../helpers/cli.js';
import { fixture, summaryJson } from './helpers.js';

describe('reimbursements import: paths that are not readable files', () => {
  it('says a directory is a directory (exit 2), before importing anything', async () => {
    const rec = await loggedInRecord();
    mkdirSync(join(rec.dir, 'exports'));
    const r = await rec.run(['reimbursements', 'import', fixture('twins.csv'), 'exports']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dmp: exports is a directory, not a file.');
    expect((await summaryJson(rec)).total.count).toBe(0);
  });

  it('says a fifo is not a regular file (exit 2)', async () => {
    const rec = await loggedInRecord();
    execFileSync('mkfifo', [join(rec.dir, 'pipe.csv')]);
    const r = await rec.run(['reimbursements', 'import', 'pipe.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dmp: pipe.csv is not a regular file.');
  });

  it.skipIf(process.getuid?.() === 0)('says a file it may not read cannot be read (exit 2)', async () => {
    const rec = await loggedInRecord();
    writeFileSync(join(rec.dir, 'locked.csv'), 'x');
    chmodSync(join(rec.dir, 'locked.csv'), 0);
    const r = await rec.run(['reimbursements', 'import', 'locked.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dmp: locked.csv cannot be read (permission denied).');
  });
});

/** Runs `dmp` in-process like rec.run, with a Ctrl-C source the test fires. */
async function runWithInterrupts(rec: TestRecord, argv: string[], fire: (interrupt: () => void) => void) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  let listening = false;
  const ctx = new Context({
    io: { stdin: Readable.from([]), stdout, stderr },
    env: rec.env,
    cwd: rec.dir,
    now: () => rec.now,
    prompter: scriptedPrompter([]),
    kdfCost: TEST_KDF,
    interrupts: (onInterrupt) => {
      listening = true;
      fire(onInterrupt);
      return () => (listening = false);
    },
  });
  const code = await run(argv, ctx);
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), listening };
}

describe('reimbursements import: Ctrl-C', () => {
  it('stops the file being read (nothing of it kept), skips the rest, says which files went in, and exits 130', async () => {
    const rec = await loggedInRecord();
    const big = join(rec.dir, 'big.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/03/2026;Pharmacie;Doliprane ${i};2,18;1,42`);
    writeFileSync(big, ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé", ...rows, ''].join('\n'));
    // Ctrl-C once the first file is in: the second is being read by then.
    const r = await runWithInterrupts(rec, ['reimbursements', 'import', fixture('twins.csv'), big, fixture('export-2026-01-03.csv')], (interrupt) => {
      const timer = setInterval(() => {
        if (countBatches(rec) > 0) {
          clearInterval(timer);
          interrupt();
        }
      }, 2);
    });
    expect(r.code).toBe(130);
    expect(r.listening).toBe(false);
    expect(r.stderr).toContain('Interrupted. Imported: ');
    expect(r.stderr).toContain('twins.csv (import 1).');
    expect(r.stderr).toMatch(/Not imported: .*big\.csv, .*export-2026-01-03\.csv \(nothing from them was kept; import them again\)\./);
    const batches = (await rec.run(['reimbursements', 'imports', '--json'])).json();
    expect(batches.map((b: any) => b.file)).toEqual(['twins.csv']);
    expect((await summaryJson(rec)).total.count).toBe(3);
  });
  it('leaves the rejects file it would replace (--force) as it was, and no partial one beside it', async () => {
    const rec = await loggedInRecord();
    const big = join(rec.dir, 'big.csv');
    // One row in ten names a day the calendar lacks: the rejects file fills as the file is read.
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i % 10 === 0 ? '31/02/2026' : '02/03/2026'};Pharmacie;Doliprane ${i};2,18;1,42`);
    writeFileSync(big, ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé", ...rows, ''].join('\n'));
    const rejects = join(rec.dir, 'to-fix.csv');
    writeFileSync(rejects, 'the last run', { mode: 0o600 });
    const r = await runWithInterrupts(rec, ['reimbursements', 'import', big, '--skip-invalid', '--rejects', rejects, '--force'], (interrupt) => {
      const timer = setInterval(() => {
        if (readdirSync(rec.dir).some((name) => name.startsWith('to-fix.csv.') && statSync(join(rec.dir, name)).size > 0)) {
          clearInterval(timer);
          interrupt();
        }
      }, 2);
    });
    expect(r.code).toBe(130);
    expect(readFileSync(rejects, 'utf8')).toBe('the last run');
    expect(readdirSync(rec.dir).filter((name) => name.startsWith('to-fix.csv'))).toEqual(['to-fix.csv']);
    expect((await summaryJson(rec)).total.count).toBe(0);
  });
});

describe('reimbursements import: the rejects path changed by another program during the import', () => {
  /** Runs the import of a file with bad rows and calls `meddle` once the rejects are being written beside `rejects`. */
  async function importMeddled(rec: TestRecord, rejects: string, force: boolean, meddle: () => void) {
    const big = join(rec.dir, 'big.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i % 10 === 0 ? '31/02/2026' : '02/03/2026'};Pharmacie;Doliprane ${i};2,18;1,42`);
    writeFileSync(big, ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé", ...rows, ''].join('\n'));
    const temp = `${rejects}.${process.pid}.new`;
    return runWithInterrupts(rec, ['reimbursements', 'import', big, '--skip-invalid', '--rejects', rejects, ...(force ? ['--force'] : [])], () => {
      const timer = setInterval(() => {
        if ((statSync(temp, { throwIfNoEntry: false })?.size ?? 0) > 0) {
          clearInterval(timer);
          meddle();
        }
      }, 2);
    });
  }

  it('a new rejects path created meanwhile is left alone: the import is rolled back and says how to go on (exit 2)', async () => {
    const rec = await loggedInRecord();
    const rejects = join(rec.dir, 'to-fix.csv');
    const r = await importMeddled(rec, rejects, false, () => writeFileSync(rejects, 'theirs'));
    expect([r.code, ...r.stderr.trimEnd().split('\n')]).toEqual([2, `dmp: The rejects file ${rejects} was created by another program during the import.`, '  Run the import again with --force to replace it, or pass --rejects another path.']);
    expect(readFileSync(rejects, 'utf8')).toBe('theirs');
    expect((await summaryJson(rec)).total.count).toBe(0);
  });

  it('a rejects path that became a directory, or whose directory went away, is named with the next step (exit 2, exit 7)', async () => {
    const rec = await loggedInRecord();
    const rejects = join(rec.dir, 'to-fix.csv');
    writeFileSync(rejects, 'last run');
    const dir = await importMeddled(rec, rejects, true, () => {
      rmSync(rejects);
      mkdirSync(join(rejects, 'inside'), { recursive: true });
    });
    expect([dir.code, ...dir.stderr.trimEnd().split('\n')]).toEqual([2, `dmp: The rejects file ${rejects} became a directory during the import.`, '  Pass --rejects a file path, such as to-fix.csv.']);
    const out = join(rec.dir, 'out');
    mkdirSync(out);
    const gone = await importMeddled(rec, join(out, 'to-fix.csv'), false, () => rmSync(out, { recursive: true }));
    expect([gone.code, ...gone.stderr.trimEnd().split('\n')]).toEqual([7, `dmp: Could not write the rejects file ${join(out, 'to-fix.csv')}: its directory is gone.`, '  Pass --rejects a path in a directory you can write to, on a disk with room.']);
    expect((await summaryJson(rec)).total.count).toBe(0);
  });
});

/** Committed batches, read through a second connection (as another process would see them). */
function countBatches(rec: TestRecord): number {
  const db = rec.openRaw();
  try {
    return (db.prepare('SELECT count(*) AS n FROM reimbursement_import').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('exit codes of the payer-data commands', () => {
  it('come from src/cli/errors.ts only: no literal code in the commands', () => {
    const dir = join(process.cwd(), 'src', 'cli', 'commands', 'reimbursements');
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name), 'utf8'), name).not.toMatch(/exitCode\s*=\s*\d/);
  });
});
