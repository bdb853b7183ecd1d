import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Case, printAgainstFloor, timeInterleaved } from './timing.js';

/**
 * `npm run bench startup`: whole-process wall time of `dmp --help` and `dmp status` (with no
 * record, and with a record and a live session), interleaved with `node -e ""`, node's own
 * start, which is the floor (goal: 1.4x it). DMP_BENCH_RUNS=50 for steadier medians.
 */
const RUNS = Number(process.env.DMP_BENCH_RUNS ?? 30);
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'dmp.js');

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dmp-bench-startup-'));
  const env = { ...process.env, DMP_RECORD: join(dir, 'record.db'), DMP_STATE_DIR: join(dir, 'state'), HOME: dir, NO_COLOR: '1' };
  try {
    const password = 'bench password 2026';
    execFileSync(
      process.execPath,
      [BIN, 'init', '--username', 'bench', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F', '--json'],
      { env, input: `${password}\n`, stdio: 'pipe' },
    );
    const missing = join(dir, 'missing.db');
    console.log(`whole-process wall time, median and best of ${RUNS} interleaved runs, mean CPU (user + sys) (${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}):`);
    const cases: Case[] = [
      { label: 'node -e "" (node start alone)', args: ['-e', ''] },
      { label: 'dmp --help', args: [BIN, '--help'], goal: 1.4 },
      { label: 'dmp status (no record)', args: [BIN, '--record', missing, 'status'], goal: 1.4 },
      { label: 'dmp status (a record, logged out)', args: [BIN, 'status'], goal: 1.4 },
    ];
    printAgainstFloor(cases, timeInterleaved(cases, RUNS, env));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
