import type { Command } from 'commander';
import { login } from '../../account/account.js';
import { revokeSession } from '../../account/sessions.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';
import { readPassword } from '../secrets.js';
import { readSessionToken, saveSessionToken } from '../session.js';

interface LoginFlags {
  username?: string;
  passwordStdin?: boolean;
  code?: string;
  recoveryCode?: string;
}

export function registerLogin(program: Command, ctx: Context): void {
  program
    .command('login')
    .description('open a session with your password and a 6-digit code (or a recovery code)')
    .option('--username <name>', 'your username')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--code <NNNNNN>', 'the 6-digit code shown by your authenticator app')
    .option('--recovery-code <code>', 'one of your recovery codes, in place of --code')
    .addHelpText('after', examples('dmp login', "printf '%s\\n' \"$PW\" | dmp login --username marie --password-stdin --code \"$(oathtool --totp -b \"$KEY\")\""))
    .action(action<LoginFlags>(ctx, (_args, flags) => runLogin(ctx, flags)));
}

async function runLogin(ctx: Context, flags: LoginFlags): Promise<void> {
  const db = ctx.store();
  const username = await ctx.ask(flags.username, '--username', () => ctx.prompter.input('Username:'));
  const password = await readPassword(ctx, flags.passwordStdin);
  const code = flags.recoveryCode
    ? undefined
    : await ctx.ask(flags.code, '--code', () => ctx.prompter.input('6-digit code from your authenticator app:'));
  const { token, session } = await login(db, { username, password, code, recoveryCode: flags.recoveryCode }, ctx.now());
  // The session this one replaces is ended, not just forgotten (its token may have been copied).
  const previous = readSessionToken(ctx);
  if (previous) revokeSession(db, previous, ctx.now());
  saveSessionToken(ctx, token);
  ctx.out.result({ loggedIn: true, username: username.trim(), record: ctx.recordPath, expiresAt: session.expiresAt }, () =>
    ctx.out.note(`Logged in as ${username.trim()}. The session ends after 30 idle minutes, and in any case 12 hours from now.`),
  );
}
