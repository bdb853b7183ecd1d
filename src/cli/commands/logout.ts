import type { Command } from 'commander';
import { logout as endSession } from '../../account/sessions.js';
import { DmpError } from '../../errors.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';
import { forgetSession } from '../session-file.js';

export function registerLogout(program: Command, ctx: Context): void {
  program
    .command('logout')
    .description('end the session (and delete the session file, which holds the key to the record)')
    .addHelpText('after', examples('dmp logout'))
    .action(action(ctx, () => logout(ctx)));
}

function logout(ctx: Context): void {
  const session = ctx.session();
  let ended = false;
  if (session && ctx.recordExists()) {
    try {
      ended = endSession(ctx.store(), session.token, ctx.now());
    } catch (err) {
      // A session the record no longer accepts (its key changed): nothing to end there.
      if (!(err instanceof DmpError && err.kind === 'auth')) throw err;
    }
  }
  forgetSession(ctx);
  ctx.out.result({ loggedIn: false, ended }, () => ctx.out.note(ended ? 'Logged out.' : 'You were not logged in; nothing to do.'));
}
