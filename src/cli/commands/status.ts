import type { Command } from 'commander';
import { accountUsername } from '../../account/account.js';
import { holder } from '../../profile/patients.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';
import { sessionState } from '../session.js';

export function registerStatus(program: Command, ctx: Context): void {
  program
    .command('status')
    .description('say which record is in use and whether you are logged in (needs no session)')
    .addHelpText('after', examples('dmp status', 'dmp status --json | jq .loggedIn'))
    .action(action(ctx, () => status(ctx)));
}

function status(ctx: Context): void {
  const exists = ctx.recordExists();
  const state = exists ? sessionState(ctx) : null;
  const db = exists ? ctx.store() : null;
  const who = db ? holder(db) : null;
  const value = {
    record: ctx.recordPath,
    recordExists: exists,
    loggedIn: Boolean(state?.live),
    username: db ? accountUsername(db) : null,
    holder: who ? `${who.givenName} ${who.familyName}` : null,
    sessionExpiresAt: state?.live ? state.session.expiresAt : null,
  };
  ctx.out.result(value, () =>
    ctx.out.fields([
      ['record', `${value.record}${exists ? '' : ' (does not exist yet: `dmp init`)'}`],
      ['holder', value.holder],
      ['username', value.username],
      ['logged in', value.loggedIn ? `yes, until ${value.sessionExpiresAt}` : 'no'],
    ]),
  );
}
