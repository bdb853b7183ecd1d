import type { Command } from 'commander';
import { changePassword, checkPassword } from '../../../account/account.js';
import { usageError } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { asValidator } from '../../prompter.js';
import { stdinLines } from '../../secrets.js';
import { requireSession } from '../../session.js';
import { endSessionOnGuessing, forgetSession } from '../../session-file.js';

export function registerPassword(account: Command, ctx: Context): void {
  account
    .command('password')
    .description('change the password (the record is re-encrypted with it; the authenticator stays enrolled; every session ends)')
    .option('--password-stdin', 'read the current password, then the new one, from two lines of standard input')
    .addHelpText('after', examples('dmp account password', "printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | dmp account password --password-stdin"))
    .action(action<{ passwordStdin?: boolean }>(ctx, (_a, flags) => run(ctx, flags.passwordStdin)));
}

async function run(ctx: Context, fromStdin: boolean | undefined): Promise<void> {
  requireSession(ctx);
  const [current, next] = fromStdin ? await stdinLines(ctx, 2) : await ask(ctx);
  const file = { path: ctx.recordPath, key: ctx.session()?.recordKey };
  await endSessionOnGuessing(ctx, changePassword(ctx.store(), { current: current!, next: next! }, ctx.now(), ctx.kdfCost, file));
  // The connection still points at the old file (an encrypted record was rebuilt with the new key).
  ctx.close();
  forgetSession(ctx);
  ctx.out.result({ changed: true, loggedIn: false }, () => ctx.out.note('Password changed. Every session was ended: log in again with the new password.'));
}

async function ask(ctx: Context): Promise<[string, string]> {
  if (!ctx.interactive) throw usageError('Missing the passwords.', 'Pass --password-stdin with the current and the new password on two lines.');
  const current = await ctx.prompter.password('Current password:');
  const next = await ctx.prompter.password('New password (10 characters or more):', {
    validate: asValidator(checkPassword),
  });
  if ((await ctx.prompter.password('Type the new password again:')) !== next) {
    throw usageError('The two new passwords differ.', 'Run `dmp account password` again.');
  }
  return [current, next];
}
