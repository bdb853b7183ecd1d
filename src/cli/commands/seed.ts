import type { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPassword, checkUsername } from '../../account/account.js';
import { deriveUnlock } from '../../account/keys.js';
import { DEFAULT_COST, newKdfParams } from '../../account/password.js';
import { usageError } from '../../errors.js';
import { type Variant, VARIANTS } from '../../testdata/variant-names.js';
import { isIsoDate, isoDay } from '../../util/dates.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';
import { buildNewRecord } from '../new-record.js';
import { readPassword } from '../secrets.js';
import { ensureFolder, writeNewFile } from '../write-file.js';

interface SeedFlags {
  seed: string;
  months: string;
  documents: string;
  reimbursements: string;
  children: string;
  username: string;
  passwordStdin?: boolean;
  csvOut?: string;
  variants?: string;
  today?: string;
  force?: boolean;
}

export function registerSeed(program: Command, ctx: Context): void {
  program
    .command('seed')
    .description('for developers: fill a new record with realistic, reproducible French test data (or write AMELI-style CSV files with --csv-out)')
    .option('--seed <n>', 'the generator seed: the same seed gives the same data', '1')
    .option('--months <n>', 'how many months of history, ending today', '24')
    .option('--documents <n>', 'how many documents', '30')
    .option('--reimbursements <n>', 'how many payer acts (per variant with --csv-out)', '200')
    .option('--children <n>', 'how many children besides the holder', '2')
    .option('--username <name>', 'the account to create', 'demo')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--csv-out <dir>', 'write CSV exports and expected.json to DIR instead of filling a record')
    .option('--variants <list>', `with --csv-out, which quirks (comma-separated): ${VARIANTS.join(',')} (default: all)`)
    .option('--today <date>', 'with --csv-out, the last day of the data (default: today), so a seed gives the same bytes on any day')
    .option('--force', 'with --csv-out, replace files already in DIR')
    .addHelpText('after', "\nThe account's secrets (authenticator key, recovery codes) follow from the seed: a seeded record is test data, never a real one.")
    .addHelpText(
      'after',
      examples(
        "printf '%s\\n' \"$PW\" | dmp --record /tmp/demo.db seed --seed 7 --password-stdin --json > enrolment.json",
        'dmp seed --csv-out /tmp/ameli --variants bom,cp1252,invalid --reimbursements 500 --today 2026-11-26',
      ),
    )
    .action(action<SeedFlags>(ctx, (_a, flags) => (flags.csvOut !== undefined ? csvOut(ctx, flags) : seed(ctx, flags))));
}

function count(value: string, flag: string, max: number, min = 0): number {
  const t = value.trim();
  if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) throw usageError(`${flag} "${value}" is not a whole number from ${min} to ${max}.`, `Pass ${flag} N, for example ${flag} ${Math.min(max, Math.max(min, 12))}.`);
  return Number(t);
}

function numbers(f: SeedFlags) {
  return {
    seed: count(f.seed, '--seed', 0xffffffff),
    months: count(f.months, '--months', 240, 1),
    documents: count(f.documents, '--documents', 100_000),
    reimbursements: count(f.reimbursements, '--reimbursements', 2_000_000),
    children: count(f.children, '--children', 8),
  };
}

function variants(list: string | undefined): Variant[] {
  if (list === undefined) return [...VARIANTS];
  const names = list.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = names.find((v) => !(VARIANTS as readonly string[]).includes(v));
  if (unknown !== undefined || names.length === 0) throw usageError(`"${unknown ?? list}" is not a CSV variant.`, `Pass --variants with some of: ${VARIANTS.join(',')}.`);
  return [...new Set(names)] as Variant[];
}

async function csvOut(ctx: Context, f: SeedFlags): Promise<void> {
  const n = numbers(f);
  const today = f.today ?? isoDay(ctx.now());
  if (!isIsoDate(today)) throw usageError(`"${today}" is not a date in YYYY-MM-DD form.`, 'Pass --today YYYY-MM-DD.');
  const chosen = variants(f.variants);
  if (n.reimbursements < 10) throw usageError(`--reimbursements ${n.reimbursements} is too few for the CSV variants.`, 'Pass --reimbursements 10 or more.');
  const dir = ensureFolder(ctx, f.csvOut!, '--csv-out');
  // The generators (and the importer seed uses) load only for this command, not at every start.
  const { seedCsvFiles } = await import('../../testdata/csv-set.js');
  const { files, expected } = seedCsvFiles({ ...n, today, variants: chosen });
  const written = files.map((file) => writeNewFile(ctx, join(dir, file.name), file.bytes, Boolean(f.force), '--csv-out'));
  if (ctx.out.json) return ctx.out.jsonValue({ dir, files: written, expected });
  for (const path of written) ctx.out.line(path);
  ctx.out.note(`${written.length - 1} CSV files and expected.json (seed ${n.seed}, acts up to ${today}).`);
}

async function seed(ctx: Context, f: SeedFlags): Promise<void> {
  for (const flag of ['variants', 'today', 'force'] as const) if (f[flag] !== undefined) throw usageError(`--${flag} goes with --csv-out only.`, 'Add --csv-out DIR, or leave it out.');
  if (ctx.recordExists()) throw usageError(`A record already exists at ${ctx.recordPath}.`, 'Seed a new record: pass --record PATH with a path that does not exist yet.');
  const n = numbers(f);
  const username = checkUsername(f.username);
  const password = await readPassword(ctx, f.passwordStdin, 'Password for the seeded account:');
  checkPassword(password);
  // Encrypted like a record `dmp init` makes: the scrypt salt is the file's own.
  const cost = ctx.kdfCost ?? DEFAULT_COST;
  const { accountRandom } = await import('../../testdata/prng.js');
  // The account's salt and secrets (TOTP, recovery codes, audit secret) come from the seed too.
  const random = accountRandom(n.seed);
  const unlock = await deriveUnlock(password, newKdfParams(cost, random));
  const work = mkdtempSync(join(tmpdir(), 'dmp-seed-'));
  try {
    const { seedRecord } = await import('../../testdata/seed.js');
    const r = await buildNewRecord(ctx, unlock.recordKey, (db) => seedRecord(db, { ...n, username, password }, ctx.now(), work, cost, { unlock, storage: 'encrypted', random }));
    const value = { record: ctx.recordPath, username: r.enrolment.username, holder: r.enrolment.holder, totp: r.enrolment.totp, recoveryCodes: r.enrolment.recoveryCodes, people: r.people.length, documents: r.documents, reimbursements: r.reimbursements, healthEntries: r.healthEntries, consentChoices: r.consentChoices };
    if (ctx.out.json) return ctx.out.jsonValue(value);
    ctx.out.line(`Seeded ${ctx.recordPath} (seed ${n.seed}): ${r.people.length} people, ${r.documents} documents, ${r.reimbursements} payer acts, ${r.healthEntries} health entries, ${r.consentChoices} consent choices.`);
    ctx.out.line(`  username: ${r.enrolment.username}`);
    ctx.out.line(`  authenticator key: ${r.enrolment.totp.secret}`);
    ctx.out.line(`  recovery codes: ${r.enrolment.recoveryCodes.join(' ')}`);
    ctx.out.note('Next: `dmp login` with the password and a code for that key.');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
