import type { Command } from 'commander';
import { accountUsername } from '../../account/account.js';
import type { SessionState } from '../../account/sessions.js';
import { holder } from '../../profile/patients.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';
import { sessionState } from '../session.js';
import { forgetSession } from '../session-file.js';

export function registerStatus(program: Command, ctx: Context): void {
  program
    .command('status')
    .description('say which record is in use, whether it is encrypted and whether you are logged in (needs no session)')
    .addHelpText('after', examples('dmp status', 'dmp status --json | jq .loggedIn'))
    .action(action(ctx, () => status(ctx)));
}

function status(ctx: Context): void {
  const exists = ctx.recordExists();
  const encrypted = exists ? ctx.recordEncrypted() : null;
  // An encrypted record is opened only with the key a session holds: never a KDF here.
  const canOpen = exists && (!encrypted || Boolean(ctx.session()?.recordKey));
  let state: SessionState | null = null;
  try {
    state = canOpen ? sessionState(ctx) : null;
  } catch (err) {
    if (!(encrypted && (err as { kind?: string }).kind === 'auth')) throw err;
  }
  const live = Boolean(state?.live);
  if (ctx.session() && !live) forgetSession(ctx); // expired or ended: the key it holds goes too
  const db = exists && (live || !encrypted) ? ctx.store() : null;
  const who = db ? holder(db) : null;
  const value = {
    record: ctx.recordPath,
    recordExists: exists,
    encrypted,
    locked: Boolean(encrypted && !live),
    loggedIn: live,
    username: db ? accountUsername(db) : null,
    holder: who ? `${who.givenName} ${who.familyName}` : null,
    sessionExpiresAt: state?.live ? state.session.expiresAt : null,
  };
  const { color } = ctx.out;
  ctx.out.result(value, () =>
    ctx.out.fields([
      ['record', `${value.record}${exists ? '' : ' (does not exist yet: `dmp init`)'}`],
      ['encrypted', encrypted === null ? null : encrypted ? (value.locked ? 'yes (locked: log in to open it)' : 'yes') : color.red('no (test data only)')],
      ['holder', value.holder],
      ['username', value.username],
      ['logged in', value.loggedIn ? `yes, until ${value.sessionExpiresAt}` : 'no'],
    ]),
  );
}
