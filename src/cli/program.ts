import { Command } from 'commander';
import type { Context } from './context.js';
import { type Noun, nounInArgv, registerStandIn, standInHelp } from './lazy-nouns.js';

/*
 * The nouns, in the order `dmp --help` lists them. Only the noun a command line names is
 * loaded (its module, and with the bundle's code splitting its own chunk); the others stand
 * in with their name and summary, so start-up does not grow with the number of commands.
 *
 * ADDING A NOUN is one line here:
 *   { name: 'backup', summary: '<the same text as its .description()>', load: async () => (await import('./commands/backup.js')).registerBackup },
 * with `term: '[options]'` when the noun itself has flags (its line in `dmp --help` then reads
 * `backup [options]`). Never import a command module statically from this file: it would
 * pull the noun back into every start. test/cli/lazy-nouns.test.ts checks that each line
 * matches what the loaded noun registers.
 */
export const NOUNS: readonly Noun[] = [
  { name: 'init', term: '[options]', summary: 'create the record, its holder and the account (password + authenticator app)', load: async () => (await import('./commands/init.js')).registerInit },
  { name: 'login', term: '[options]', summary: 'open a session with your password and a 6-digit code (or a recovery code)', load: async () => (await import('./commands/login.js')).registerLogin },
  { name: 'logout', summary: 'end the session (and delete the session file, which holds the key to the record)', load: async () => (await import('./commands/logout.js')).registerLogout },
  { name: 'status', summary: 'say which record is in use, whether it is encrypted and whether you are logged in (needs no session)', load: async () => (await import('./commands/status.js')).registerStatus },
  { name: 'account', summary: 'change the password or the recovery codes', load: async () => (await import('./commands/account/index.js')).registerAccount },
  { name: 'patients', summary: 'the people in the record (the holder and their children)', load: async () => (await import('./commands/patients/index.js')).registerPatients },
  { name: 'audit', term: '[options]', summary: 'list the audit log (logins, failures, locks, every change), or check its keyed MAC chain', load: async () => (await import('./commands/audit.js')).registerAudit },
  { name: 'backup', term: '[options] <path>', summary: 'copy the record, even while other commands write to it, into one encrypted file that opens with the same password and authenticator', load: async () => (await import('./commands/backup.js')).registerBackup },
  { name: 'record', summary: "the record file itself: check it, close it (read-only), reopen it, delete it for good", load: async () => (await import('./commands/record/index.js')).registerRecord },
  { name: 'consent', summary: "who may see your record and why, and your wishes: médecin traitant, blocked professionals, emergency access, trusted person, contacts, organ donation, advance directives", load: async () => (await import('./commands/consent/index.js')).registerConsent },
  { name: 'docs', summary: 'documents: add, list, search, export, in the DMP taxonomy', load: async () => (await import('./commands/docs/index.js')).registerDocs },
  { name: 'reimbursements', summary: 'payer data: AMELI-style CSV imports and the 24-month view by section', load: async () => (await import('./commands/reimbursements/index.js')).registerReimbursements },
  { name: 'health', summary: "the person's own health data: allergies, conditions, medication, lab results, measurements, vaccinations", load: async () => (await import('./commands/health/index.js')).registerHealth },
  { name: 'profile', summary: "the person's information: identity and contact details (MES INFORMATIONS)", load: async () => (await import('./commands/profile/index.js')).registerProfile },
  { name: 'summary', term: '[options]', summary: 'the RÉCAPITULATIF: who, documents by category, 24 months of payer data, health entries, and what is missing; --pdf for a doctor', load: async () => (await import('./commands/summary/index.js')).registerSummary },
  { name: 'export', term: '[options]', summary: "export the whole record: a FHIR R4 Bundle, or dmp's own lossless JSON (which `dmp restore` reads); health data in clear, written 0600", load: async () => (await import('./commands/export/index.js')).registerExport },
  { name: 'restore', term: '[options] <path>', summary: 'make a new record from a JSON export (`dmp export --format json`): the same rows, audit log and account, so the same password and authenticator log in', load: async () => (await import('./commands/restore.js')).registerRestore },
  { name: 'seed', term: '[options]', summary: 'for developers: fill a new record with realistic, reproducible French test data (or write AMELI-style CSV files with --csv-out)', load: async () => (await import('./commands/seed.js')).registerSeed },
  { name: 'completion', term: '<shell>', summary: 'print the shell completion script for bash, zsh or fish', load: async () => (await import('./commands/completion.js')).registerCompletion },
  { name: 'complete', hidden: true, summary: 'completion candidates for the words after --, for the shell scripts', load: async () => (await import('./commands/completion.js')).registerComplete },
];

export interface BuildOptions {
  /** The command line: only the noun it names is loaded. Without it (or with `all`), every noun is. */
  argv?: readonly string[];
  all?: boolean;
}

/** The whole command tree: the noun the command line names in full, the others as stand-ins. */
export async function buildProgram(ctx: Context, options: BuildOptions = {}): Promise<Command> {
  const program = new Command('dmp')
    .description('Your health record (modelled on the French DMP), in one local SQLite file.')
    .version('0.1.0')
    .option('--record <path>', 'the record file (default: $DMP_RECORD, else ~/.local/share/dmp/record.db)')
    .option('--patient <ref>', 'who the command is about: an id, a NIR or a full name (default: the holder)')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .showHelpAfterError(false)
    .exitOverride()
    .configureHelp(standInHelp())
    .configureOutput(outputFor(ctx));
  const wanted = options.all || !options.argv ? undefined : nounInArgv(program, options.argv);
  const full = (noun: Noun) => options.all || !options.argv || noun.name === wanted;
  const loaded = await Promise.all(NOUNS.map((noun) => (full(noun) ? noun.load() : undefined)));
  NOUNS.forEach((noun, i) => {
    const register = loaded[i];
    if (register) register(program, ctx);
    else registerStandIn(program, noun);
  });
  for (const sub of program.commands) propagate(sub, ctx);
  return program;
}

/** Subcommands inherit exitOverride and output settings (commander copies them only at creation). */
function propagate(cmd: Command, ctx: Context): void {
  cmd.exitOverride();
  cmd.configureOutput(outputFor(ctx));
  for (const sub of cmd.commands) propagate(sub, ctx);
}

/**
 * Commander writes to the context's streams; its errors become one "dmp: ..." line (the
 * "Did you mean" suggestion joins that line), and reportError adds the hint line.
 */
function outputFor(ctx: Context) {
  return {
    writeOut: (s: string) => ctx.io.stdout.write(s),
    writeErr: (s: string) => ctx.io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) =>
      write(s.replace(/^error: /, 'dmp: ').replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)')),
  };
}
