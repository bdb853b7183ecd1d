import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { totpCode } from '../src/account/totp.js';

/**
 * `npm run demo`: `dmp seed` fills a throwaway record with a reproducible family (seed 7),
 * the demo logs in as a script would (no terminal) and shows what the record holds.
 * `npm run demo -- --keep` keeps the record.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'dmp-demo-'));
const env = { ...process.env, DMP_RECORD: join(dir, 'record.db'), DMP_STATE_DIR: join(dir, 'state') };
const keep = process.argv.includes('--keep');
const password = 'demo password 2026';

type Show = 'output' | 'command' | 'capture';

/**
 * Runs dmp without a terminal on stdin, as a script would. Its output goes straight to ours
 * (tables when we are on a terminal); 'command' shows only the command line; 'capture'
 * returns stdout instead of showing it.
 */
function dmp(args: string[], show: Show = 'output', input?: string): string {
  const shown = args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a));
  process.stdout.write(`${show === 'output' ? '\n' : ''}$ dmp ${shown.join(' ')}\n`);
  const stdout = show === 'output' ? 'inherit' : 'pipe';
  const r = spawnSync(process.execPath, [join(root, 'bin', 'dmp.js'), ...args], { env, input: input ?? '', stdio: ['pipe', stdout, 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dmp ${args.join(' ')} exited ${r.status}`);
  return r.stdout ?? '';
}

try {
  process.stdout.write('A throwaway record, filled by `dmp seed` and read by a script (no terminal).\n');
  const seeded = JSON.parse(dmp(['seed', '--seed', '7', '--documents', '40', '--reimbursements', '300', '--children', '2', '--username', 'demo', '--password-stdin', '--json'], 'capture', `${password}\n`));
  dmp(['login', '--username', 'demo', '--password-stdin', '--code', totpCode(seeded.totp.secret, new Date())], 'output', `${password}\n`);
  dmp(['status']);
  dmp(['patients', 'list']);
  dmp(['docs', 'list', '--limit', '10']);
  dmp(['docs', 'search', 'pneumopathie']);
  dmp(['reimbursements', 'summary']);
  dmp(['health', 'list', '--kind', 'lab']);
  dmp(['summary']);
  dmp(['audit', '--verify']);
  dmp(['logout']);
} finally {
  if (keep) process.stdout.write(`\nThe demo record is kept at ${env.DMP_RECORD} (DMP_STATE_DIR=${env.DMP_STATE_DIR}).\n`);
  else rmSync(dir, { recursive: true, force: true });
}
