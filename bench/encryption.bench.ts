import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { totpCode } from '../src/account/totp.js';

/*
 * The cost of encryption at rest, in one run, encrypted beside --unencrypted: the import of a
 * generated AMELI-style export (BENCH_ROWS rows, default 1,000,000) with the built CLI, then
 * the start-up of `dmp status` and `dmp docs list` (best of 7, a logged-in session: no KDF),
 * and the login itself (where the scrypt runs). BENCH_ROWS=50000 gives a quick run.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '..', '..', 'bin', 'dmp.js');
const PASSWORD = 'benchmark password 42';

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dmp-bench-enc-'));
  try {
    const csv = join(dir, 'export.csv');
    generate(csv, ROWS);
    console.log(`file: ${ROWS.toLocaleString('en')} rows, ${(statSync(csv).size / 1e6).toFixed(1)} MB; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
    console.log('                          encrypted   unencrypted');
    const results = (['encrypted', 'unencrypted'] as const).map((mode) => {
      const env = { ...process.env, DMP_RECORD: join(dir, `${mode}.db`), DMP_STATE_DIR: join(dir, `state-${mode}`), HOME: dir, NO_COLOR: '1' };
      const login = enrol(env, mode === 'unencrypted' ? ['--unencrypted'] : []);
      const imported = seconds(() => dmp(env, ['reimbursements', 'import', csv, '--json']));
      const status = bestOf(7, () => dmp(env, ['status']));
      const list = bestOf(7, () => dmp(env, ['docs', 'list']));
      return { login, imported, status, list, bytes: statSync(env.DMP_RECORD).size };
    });
    const row = (label: string, f: (r: (typeof results)[number]) => string) => console.log(`${label.padEnd(26)}${f(results[0]!).padStart(9)}   ${f(results[1]!).padStart(11)}`);
    row('login (scrypt + open)', (r) => `${(r.login * 1000).toFixed(0)} ms`);
    row(`import ${ROWS.toLocaleString('en')} rows`, (r) => `${r.imported.toFixed(2)} s`);
    row('dmp status', (r) => `${(r.status * 1000).toFixed(0)} ms`);
    row('dmp docs list', (r) => `${(r.list * 1000).toFixed(0)} ms`);
    row('record size', (r) => `${(r.bytes / 1e6).toFixed(1)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function dmp(env: NodeJS.ProcessEnv, args: string[], input = ''): string {
  const r = spawnSync(process.execPath, [bin, ...args], { env, input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`dmp ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** init (+ flags), then a timed login; returns the login's seconds. */
function enrol(env: NodeJS.ProcessEnv, flags: string[]): number {
  const init = JSON.parse(dmp(env, ['init', '--username', 'bench', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F', '--json', ...flags], `${PASSWORD}\n`)) as { totp: { secret: string } };
  const code = totpCode(init.totp.secret, new Date(Date.now() + 30_000));
  return seconds(() => dmp(env, ['login', '--username', 'bench', '--password-stdin', '--code', code], `${PASSWORD}\n`));
}

function seconds(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function bestOf(n: number, work: () => unknown): number {
  return Math.min(...Array.from({ length: n }, () => seconds(work)));
}

function generate(path: string, rows: number): void {
  const lines = ["Date des soins;Rubrique;Nature de l'acte;Professionnel de santé;Dépense;Montant remboursé"];
  for (let i = 0; i < rows; i++) lines.push(`${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/2025;Pharmacie / fournitures;Boîte n° ${i};Pharmacie du Centre;${(i % 90) + 1},${String(i % 100).padStart(2, '0')};1,00`);
  writeFileSync(path, `${lines.join('\n')}\n`);
}
