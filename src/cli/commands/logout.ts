import type { Command } from 'commander';
import { accountUsername } from '../../account/account.js';
import { revokeSession } from '../../account/sessions.js';
import { appendAudit } from '../../audit/log.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';
import { forgetSessionToken, readSessionToken } from '../session.js';

export function registerLogout(program: Command, ctx: Context): void {
  program
    .command('logout')
    .description('end the session')
    .addHelpText('after', examples('dmp logout'))
    .action(action(ctx, () => logout(ctx)));
}

function logout(ctx: Context): void {
  const token = readSessionToken(ctx);
  const db = ctx.recordExists() ? ctx.store() : null;
  // The revocation and its audit entry are one transaction, like every audited change.
  const ended = Boolean(
    token &&
      db &&
      db.transaction(() => {
        const revoked = revokeSession(db, token, ctx.now());
        if (revoked) appendAudit(db, { actor: accountUsername(db) ?? 'unknown', action: 'logout' }, ctx.now());
        return revoked;
      })(),
  );
  forgetSessionToken(ctx);
  ctx.out.result({ loggedIn: false, ended }, () => ctx.out.note(ended ? 'Logged out.' : 'You were not logged in; nothing to do.'));
}
