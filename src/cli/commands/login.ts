import type { Command } from 'commander';
import { login } from '../../account/account.js';
import { revokeSession } from '../../account/sessions.js';
import { usageError } from '../../errors.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';
import { readPassword, stdinLines } from '../secrets.js';
import { privateDir } from '../private-files.js';
import { saveSession } from '../session-file.js';
import { unlockRecord } from '../unlock.js';

interface LoginFlags {
  username?: string;
  passwordStdin?: boolean;
  code?: string;
  recoveryCode?: string | boolean;
  recoveryCodeStdin?: boolean;
}

export function registerLogin(program: Command, ctx: Context): void {
  program
    .command('login')
    .description('open a session with your password and a 6-digit code (or a recovery code)')
    .option('--username <name>', 'your username')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--code <NNNNNN>', 'the 6-digit code shown by your authenticator app')
    .option('--recovery-code [refused]', 'use one of your recovery codes in place of --code (asked at a prompt; never on the command line)')
    .option('--recovery-code-stdin', 'read a recovery code from standard input (the line after the password with --password-stdin)')
    .addHelpText(
      'after',
      examples(
        'dmp login',
        "printf '%s\\n' \"$PW\" | dmp login --username marie --password-stdin --code \"$(oathtool --totp -b \"$KEY\")\"",
        "printf '%s\\n%s\\n' \"$PW\" \"$RECOVERY\" | dmp login --username marie --password-stdin --recovery-code-stdin",
      ),
    )
    .action(action<LoginFlags>(ctx, (_args, flags) => runLogin(ctx, flags)));
}

async function runLogin(ctx: Context, flags: LoginFlags): Promise<void> {
  if (typeof flags.recoveryCode === 'string') {
    throw usageError('A recovery code is not taken on the command line (it would show in `ps` and the shell history).', 'Pipe it in with --recovery-code-stdin, or give --recovery-code alone to be asked.');
  }
  const useRecovery = flags.recoveryCode !== undefined || Boolean(flags.recoveryCodeStdin);
  if (useRecovery && flags.code !== undefined) {
    throw usageError('--code and a recovery code cannot be used together.', 'Give one: the 6-digit code, or a recovery code in its place.');
  }
  if (!ctx.recordExists()) ctx.openStore(undefined); // "No record at ...", before anything is asked
  const username = await ctx.ask(flags.username, '--username', () => ctx.prompter.input('Username:'));
  const { password, recoveryCode } = await secrets(ctx, flags, useRecovery);
  const code = useRecovery ? undefined : await ctx.ask(flags.code, '--code', () => ctx.prompter.input('6-digit code from your authenticator app:'));
  const previous = ctx.session();
  // Refused before the code is spent and the previous session ended: nowhere to keep the new one.
  privateDir(ctx.sessionPath);
  const { db, unlock, ledger } = await unlockRecord(ctx, password);
  const { token, session, auditKey } = await login(db, { username, password, code, recoveryCode }, ctx.now(), { unlock, ledger });
  // The session this one replaces is ended, not just forgotten (its token may have been copied).
  if (previous) revokeSession(db, previous.token, ctx.now());
  saveSession(ctx, { token, recordKey: unlock?.recordKey, auditKey });
  ctx.sessionChanged();
  ctx.out.result({ loggedIn: true, username: username.trim(), record: ctx.recordPath, expiresAt: session.expiresAt }, () =>
    ctx.out.note(`Logged in as ${username.trim()}. The session ends after 30 idle minutes, and in any case 12 hours from now.`),
  );
}

/** The password and, when asked for, a recovery code: from standard input or masked prompts, never from argv. */
async function secrets(ctx: Context, flags: LoginFlags, useRecovery: boolean): Promise<{ password: string; recoveryCode?: string }> {
  if (flags.passwordStdin && flags.recoveryCodeStdin) {
    const [password, recoveryCode] = await stdinLines(ctx, 2, '--password-stdin with --recovery-code-stdin');
    return { password: password!, recoveryCode };
  }
  if (flags.recoveryCodeStdin) {
    const [recoveryCode] = await stdinLines(ctx, 1, '--recovery-code-stdin');
    return { password: await readPassword(ctx, false), recoveryCode };
  }
  const password = await readPassword(ctx, flags.passwordStdin);
  if (!useRecovery) return { password };
  const recoveryCode = await ctx.ask(undefined, '--recovery-code-stdin', () => ctx.prompter.password('Recovery code:'));
  return { password, recoveryCode };
}
