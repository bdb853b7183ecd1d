import type { Command } from 'commander';
import { rmSync } from 'node:fs';
import { checkPassword, checkUsername, createAccount, type Enrolment } from '../../account/account.js';
import { deriveUnlock } from '../../account/keys.js';
import { DEFAULT_COST, newKdfParams } from '../../account/password.js';
import { usageError } from '../../errors.js';
import { validateIdentity } from '../../profile/identity.js';
import { isoDay } from '../../util/dates.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';
import { type IdentityFlags, identityOptions, readIdentity } from '../identity-flags.js';
import { asValidator } from '../prompter.js';
import { readPassword } from '../secrets.js';

interface InitFlags extends IdentityFlags {
  username?: string;
  passwordStdin?: boolean;
  unencrypted?: boolean;
}

export function registerInit(program: Command, ctx: Context): void {
  const cmd = program
    .command('init')
    .description('create the record, its holder and the account (password + authenticator app)')
    .option('--username <name>', 'the name you will log in with')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--unencrypted', 'do not encrypt the file (test data only: anyone with a copy can read it)');
  identityOptions(cmd)
    .addHelpText(
      'after',
      examples(
        'dmp init',
        'dmp --record /tmp/fixture.db init --unencrypted   # test data only',
        "printf '%s\\n' \"$PW\" | dmp init --username marie --password-stdin --given-name Marie --family-name DUPONT --birth-date 1980-01-15 --sex F --nir '2 80 01 75 056 001 ..' --json",
      ),
    )
    .action(action<InitFlags>(ctx, (_args, flags) => init(ctx, flags)));
}

async function init(ctx: Context, flags: InitFlags): Promise<void> {
  if (ctx.recordExists()) {
    throw usageError(`A record already exists at ${ctx.recordPath}.`, 'Log in with `dmp login`, or create another with --record PATH.');
  }
  // Everything is asked and checked before the file exists, so a refusal leaves nothing behind.
  const username = checkUsername(await ctx.ask(flags.username, '--username', () => ctx.prompter.input('Username:')));
  const password = await newPassword(ctx, flags.passwordStdin);
  checkPassword(password);
  const identity = validateIdentity(await readIdentity(ctx, flags), isoDay(ctx.now()));
  const cost = ctx.kdfCost ?? DEFAULT_COST;
  // The scrypt salt is the encrypted file's own salt, so login can derive the key before opening it.
  const unlock = flags.unencrypted ? undefined : await deriveUnlock(password, newKdfParams(cost));
  // Outside the try: if another process created the record meanwhile, this refuses and deletes nothing.
  const db = ctx.createStore(unlock?.recordKey);
  let enrolment: Enrolment;
  try {
    enrolment = await createAccount(db, { username, password, identity }, ctx.now(), cost, {
      unlock,
      storage: flags.unencrypted ? 'unencrypted' : 'encrypted',
    });
  } catch (err) {
    ctx.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(ctx.recordPath + suffix, { force: true });
    throw err;
  }
  if (flags.unencrypted) ctx.out.note('This record is NOT encrypted (--unencrypted): anyone with a copy of the file can read it. Use it for test data only.');
  await show(ctx, enrolment, !flags.unencrypted);
}

async function newPassword(ctx: Context, fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin || !ctx.interactive) return readPassword(ctx, fromStdin);
  const first = await ctx.prompter.password('Choose a password (10 characters or more):', { validate: asValidator(checkPassword) });
  const again = await ctx.prompter.password('Type it again:');
  if (first !== again) throw usageError('The two passwords differ.', 'Run `dmp init` again and type the same password twice.');
  return first;
}

async function show(ctx: Context, e: Enrolment, encrypted: boolean): Promise<void> {
  const { out } = ctx;
  const value = { record: ctx.recordPath, encrypted, username: e.username, holder: e.holder, totp: e.totp, recoveryCodes: e.recoveryCodes };
  if (out.json) return out.jsonValue(value);
  out.line(`Record created at ${ctx.recordPath} for ${e.holder.givenName} ${e.holder.familyName}.`);
  out.line('');
  out.line('Add this account to an authenticator app (scan the code, or enter the key by hand):');
  if (out.isTTY) out.line(await (await import('qrcode')).default.toString(e.totp.uri, { type: 'terminal', small: true }));
  out.line(`  ${e.totp.uri}`);
  out.line(`  key: ${e.totp.secret}`);
  out.line('');
  out.line('Recovery codes (each works once in place of a 6-digit code; keep them somewhere safe):');
  for (const code of e.recoveryCodes) out.line(`  ${code}`);
  out.line('');
  out.note('Next: `dmp login` with your password and a code from the app.');
}
