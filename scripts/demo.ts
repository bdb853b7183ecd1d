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
interface DemoDocument {
  type: string;
  title: string;
  date: string;
  author?: string;
  org?: string;
  text?: string;
  file?: string;
  patient?: string;
}
interface DemoFamily {
  username: string;
  password: string;
  holder: Person;
  children: Person[];
}

type Show = 'output' | 'command' | 'capture';

/**
 * Runs dmp without a terminal on stdin, as a script would. Its output goes straight to ours
 * (tables when we are on a terminal); 'command' shows only the command line; 'capture'
 * returns stdout instead of showing it.
 */
function dmp(args: string[], show: Show = 'output', input?: string): string {
  const shown = args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a.length > 60 ? `${a.slice(0, 57)}...` : a) : a));
  process.stdout.write(`${show === 'output' ? '\n' : ''}$ dmp ${shown.join(' ')}\n`);
  const stdout = show === 'output' ? 'inherit' : 'pipe';
  const r = spawnSync(process.execPath, [join(root, 'bin', 'dmp.js'), ...args], { env, input: input ?? '', stdio: ['pipe', stdout, 'inherit'], encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 5) throw new Error(`dmp ${args.join(' ')} exited ${r.status}`);
  return r.stdout ?? '';
}

const identity = (p: Person) => [
  '--given-name', p.givenName, '--family-name', p.familyName, '--birth-date', p.birthDate, '--sex', p.sex,
  ...(p.nir ? ['--nir', p.nir] : []),
];

function documentArgs(d: DemoDocument): string[] {
  return [
    ...(d.patient ? ['--patient', d.patient] : []),
    'docs', 'add', '--type', d.type, '--title', d.title, '--date', d.date,
    ...(d.author ? ['--author', d.author] : []),
    ...(d.org ? ['--org', d.org] : []),
    ...(d.file ? ['--file', join(fixtures, d.file)] : ['--text', d.text ?? '']),
  ];
}

function files(sub: string, ext: RegExp): string[] {
  const folder = join(fixtures, sub);
  return existsSync(folder) ? readdirSync(folder).filter((f) => ext.test(f)).sort().map((f) => join(folder, f)) : [];
}

try {
  process.stdout.write('A throwaway record, filled from fixtures/demo/ by a script (no terminal).\n');
  const init = JSON.parse(dmp(['init', '--username', family.username, '--password-stdin', ...identity(family.holder), '--json'], 'capture', `${family.password}\n`));
  dmp(['login', '--username', family.username, '--password-stdin', '--code', totpCode(init.totp.secret, new Date())], 'output', `${family.password}\n`);
  for (const child of family.children) dmp(['patients', 'add', ...identity(child)], 'command');
  dmp(['status']);
  dmp(['patients', 'list']);
  for (const doc of JSON.parse(readFileSync(join(fixtures, 'demo', 'documents.json'), 'utf8')) as DemoDocument[]) {
    dmp(documentArgs(doc), 'command');
  }
  dmp(['docs', 'list']);
  dmp(['docs', 'search', 'pneumopathie']);
  dmp(['--patient', 'Chloé DUPONT', 'docs', 'list']);
  const csvs = files('demo/reimbursements', /\.csv$/);
  if (csvs.length > 0) {
    dmp(['reimbursements', 'import', ...csvs]);
    dmp(['reimbursements', 'import', csvs[0]!]); // the same file again adds nothing
    dmp(['reimbursements', 'imports']);
    dmp(['reimbursements', 'summary']);
    dmp(['--patient', 'Léo DUPONT', 'reimbursements', 'list']);
  }
  dmp(['audit', '--verify']);
  dmp(['logout']);
} finally {
  if (keep) process.stdout.write(`\nThe demo record is kept at ${env.DMP_RECORD} (DMP_STATE_DIR=${env.DMP_STATE_DIR}).\n`);
  else rmSync(dir, { recursive: true, force: true });
}
