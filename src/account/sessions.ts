import { createHash, randomBytes } from 'node:crypto';
import { accountUsername } from './account.js';
import { appendAudit } from '../audit/log.js';
import type { Db } from '../store/database.js';

/** A session ends after 30 idle minutes, and after 12 hours whatever happens. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface SessionInfo {
  id: number;
  createdAt: string;
  lastSeenAt: string;
  /** The earlier of the idle deadline and the absolute end. */
  expiresAt: string;
}

interface SessionRow {
  id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function openSession(db: Db, now: Date): { token: string; session: SessionInfo } {
  const token = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  const info = db
    .prepare('INSERT INTO session (token_hash, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?)')
    .run(hashToken(token), at, at, new Date(now.getTime() + LIFETIME_MS).toISOString());
  return { token, session: describe(db.prepare('SELECT * FROM session WHERE id = ?').get(info.lastInsertRowid) as SessionRow) };
}

export type SessionState = { live: true; session: SessionInfo } | { live: false; reason: 'unknown' | 'revoked' | 'expired' };

/** Looks the token up without changing anything. */
export function inspectSession(db: Db, token: string, now: Date): SessionState {
  const row = db.prepare('SELECT * FROM session WHERE token_hash = ?').get(hashToken(token)) as SessionRow | undefined;
  if (!row) return { live: false, reason: 'unknown' };
  if (row.revoked_at) return { live: false, reason: 'revoked' };
  const session = describe(row);
  if (now.toISOString() >= session.expiresAt) return { live: false, reason: 'expired' };
  return { live: true, session };
}

/** Marks the session used now, which pushes back its idle deadline. */
export function touchSession(db: Db, id: number, now: Date): void {
  db.prepare('UPDATE session SET last_seen_at = ? WHERE id = ?').run(now.toISOString(), id);
}

export function revokeSession(db: Db, token: string, now: Date): boolean {
  const info = db
    .prepare('UPDATE session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL')
    .run(now.toISOString(), hashToken(token));
  return info.changes === 1;
}

/** Ends every session, for example after a password change. */
export function revokeAllSessions(db: Db, now: Date): void {
  db.prepare('UPDATE session SET revoked_at = ? WHERE revoked_at IS NULL').run(now.toISOString());
}

function describe(row: SessionRow): SessionInfo {
  const idleEnd = new Date(Date.parse(row.last_seen_at) + IDLE_TIMEOUT_MS).toISOString();
  return {
    id: row.id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: idleEnd < row.expires_at ? idleEnd : row.expires_at,
  };
}

/** Ends this session and audits it, in one transaction; false if it was not live. */
export function logout(db: Db, token: string, now: Date): boolean {
  return db.transaction(() => {
    const revoked = revokeSession(db, token, now);
    if (revoked) appendAudit(db, { actor: accountUsername(db) ?? 'unknown', action: 'logout' }, now);
    return revoked;
  }).immediate();
}
