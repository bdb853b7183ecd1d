import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { totpCode } from '../src/account/totp.js';

/**
 * `npm run demo`: creates a throwaway record from fixtures/, logs in as a script would (no
 * terminal), fills it and prints what it holds. `npm run demo -- --keep` keeps the record.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'fixtures');
const family = JSON.parse(readFileSync(join(fixtures, 'demo', 'family.json'), 'utf8')) as DemoFamily;
const dir = mkdtempSync(join(tmpdir(), 'dmp-demo-'));
const env = { ...process.env, DMP_RECORD: join(dir, 'record.db'), DMP_STATE_DIR: join(dir, 'state') };
const keep = process.argv.includes('--keep');

interface Person {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  nir?: string;
}
interface DemoFamily {
  username: string;
  password: string;
  holder: Person;
  children: Person[];
}

function dmp(args: string[], input?: string): string {
  process.stdout.write(`\n$ dmp ${args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`);
  const r = spawnSync(process.execPath, [join(root, 'bin', 'dmp.js'), ...args], { env, input, encoding: 'utf8' });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0 && r.status !== 5) throw new Error(`dmp ${args[0]} exited ${r.status}`);
  return r.stdout;
}

const identity = (p: Person) => [
  '--given-name', p.givenName, '--family-name', p.familyName, '--birth-date', p.birthDate, '--sex', p.sex,
  ...(p.nir ? ['--nir', p.nir] : []),
];

function files(sub: string, ext: RegExp): string[] {
  const folder = join(fixtures, sub);
  return existsSync(folder) ? readdirSync(folder).filter((f) => ext.test(f)).sort().map((f) => join(folder, f)) : [];
}

try {
  const init = JSON.parse(dmp(['init', '--username', family.username, '--password-stdin', ...identity(family.holder), '--json'], `${family.password}\n`));
  dmp(['login', '--username', family.username, '--password-stdin', '--code', totpCode(init.totp.secret, new Date())], `${family.password}\n`);
  for (const child of family.children) dmp(['patients', 'add', ...identity(child)]);
  dmp(['status']);
  dmp(['patients', 'list']);
  for (const file of files('demo/documents', /\.(txt|pdf|png)$/)) {
    dmp(['docs', 'add', '--type', 'auto', '--file', file]);
  }
  const csvs = files('demo/reimbursements', /\.csv$/);
  if (csvs.length > 0) {
    dmp(['reimbursements', 'import', ...csvs]);
    dmp(['reimbursements', 'summary']);
  }
  dmp(['audit', '--verify']);
  dmp(['logout']);
} finally {
  if (keep) process.stdout.write(`\nThe demo record is kept at ${env.DMP_RECORD} (DMP_STATE_DIR=${env.DMP_STATE_DIR}).\n`);
  else rmSync(dir, { recursive: true, force: true });
}
