import type { Command } from 'commander';
import { regenerateRecoveryCodes } from '../../../account/account.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { readPassword } from '../../secrets.js';
import { requireSession } from '../../session.js';
import { endSessionOnGuessing } from '../../session-file.js';

export function registerRecoveryCodes(account: Command, ctx: Context): void {
  account
    .command('recovery-codes')
    .description('replace all recovery codes with ten new ones (needs the password)')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .addHelpText('after', examples('dmp account recovery-codes', "printf '%s\\n' \"$PW\" | dmp account recovery-codes --password-stdin --json"))
    .action(action<{ passwordStdin?: boolean }>(ctx, (_a, flags) => run(ctx, flags.passwordStdin)));
}

async function run(ctx: Context, fromStdin: boolean | undefined): Promise<void> {
  requireSession(ctx);
  const password = await readPassword(ctx, fromStdin);
  const codes = await endSessionOnGuessing(ctx, regenerateRecoveryCodes(ctx.store(), password, ctx.now()));
  ctx.out.result({ recoveryCodes: codes }, () => {
    ctx.out.note('New recovery codes; the old ones no longer work. Each works once in place of a 6-digit code:');
    for (const code of codes) ctx.out.line(code);
  });
}
