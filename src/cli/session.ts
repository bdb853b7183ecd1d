import { accountUsername } from '../account/account.js';
import { inspectSession, type SessionInfo, type SessionState, touchSession } from '../account/sessions.js';
import { authError } from '../errors.js';
import { holder, type Patient, resolvePatient } from '../profile/patients.js';
import { guardClosedRecord } from './closed-record.js';
import type { Context } from './context.js';

/** The session state without touching it (for `dmp status`). */
export function sessionState(ctx: Context): SessionState {
  const session = ctx.session();
  if (!session || !ctx.recordExists()) return { live: false, reason: 'unknown' };
  return inspectSession(ctx.store(), session.token, ctx.now());
}

export interface Actor {
  username: string;
  session: SessionInfo;
}

const WHY: Record<'unknown' | 'revoked' | 'expired', string> = {
  unknown: 'You are not logged in to this record.',
  revoked: 'Your session was ended (logout, a newer login or a password change).',
  expired: 'Your session has expired.',
};

/**
 * Every command but init, login and status runs through this: no live session, exit 3. A closed
 * record becomes read-only here for the rest of the command, unless `whileClosed` (reopen, delete).
 */
export function requireSession(ctx: Context, options: { whileClosed?: boolean } = {}): Actor {
  // A missing or unusable record is reported as such (exit 4 or 5) before the session.
  if (!ctx.session() && !ctx.recordEncrypted()) ctx.store();
  if (!ctx.session()) throw authError(WHY.unknown, 'Run `dmp login` first.');
  const db = ctx.store();
  const state = sessionState(ctx);
  if (!state.live) throw authError(WHY[state.reason], 'Run `dmp login` first.');
  if (!db.readonly) touchSession(db, state.session.id, ctx.now()); // a read-only record still serves reads
  if (!options.whileClosed) guardClosedRecord(ctx);
  // A --patient that names no one (or several) is refused by every command, never ignored.
  if (ctx.globals.patient) currentPatient(ctx);
  return { username: accountUsername(db) ?? 'unknown', session: state.session };
}

/** Who the command is about: --patient REF, else the record holder. */
export function currentPatient(ctx: Context): Patient {
  const ref = ctx.globals.patient;
  return ref ? resolvePatient(ctx.store(), ref) : holder(ctx.store());
}
