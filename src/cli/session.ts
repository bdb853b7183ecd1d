import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { accountUsername } from '../account/account.js';
import { inspectSession, type SessionInfo, type SessionState, touchSession } from '../account/sessions.js';
import { authError } from '../errors.js';
import { holder, type Patient, resolvePatient } from '../profile/patients.js';
import type { Context } from './context.js';

interface SessionFile {
  record: string;
  token: string;
}

export function saveSessionToken(ctx: Context, token: string): void {
  const path = ctx.sessionPath;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const body: SessionFile = { record: ctx.recordPath, token };
  writeFileSync(path, JSON.stringify(body), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function readSessionToken(ctx: Context): string | null {
  try {
    const body = JSON.parse(readFileSync(ctx.sessionPath, 'utf8')) as Partial<SessionFile>;
    return typeof body.token === 'string' && body.record === ctx.recordPath ? body.token : null;
  } catch {
    return null;
  }
}

export function forgetSessionToken(ctx: Context): void {
  rmSync(ctx.sessionPath, { force: true });
}

/** The session state without touching it (for `dmp status`). */
export function sessionState(ctx: Context): SessionState {
  const token = readSessionToken(ctx);
  if (!token || !ctx.recordExists()) return { live: false, reason: 'unknown' };
  return inspectSession(ctx.store(), token, ctx.now());
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

/** Every command but init, login and status runs through this: no live session, exit 3. */
export function requireSession(ctx: Context): Actor {
  const db = ctx.store();
  const state = sessionState(ctx);
  if (!state.live) throw authError(WHY[state.reason], 'Run `dmp login` first.');
  if (!db.readonly) touchSession(db, state.session.id, ctx.now()); // a read-only record still serves reads
  // A --patient that names no one (or several) is refused by every command, never ignored.
  if (ctx.globals.patient) currentPatient(ctx);
  return { username: accountUsername(db) ?? 'unknown', session: state.session };
}

/** Who the command is about: --patient REF, else the record holder. */
export function currentPatient(ctx: Context): Patient {
  const ref = ctx.globals.patient;
  return ref ? resolvePatient(ctx.store(), ref) : holder(ctx.store());
}
