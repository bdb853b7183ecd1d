import { DmpError } from '../errors.js';
import type { RecordKey } from '../store/database.js';
import type { Context } from './context.js';
import { readPrivate, removePrivate, writePrivate } from './private-files.js';

/**
 * What a login leaves for the next commands: the session token (checked against the record's
 * session row: idle and absolute expiry, revocation), the record's page key (none for an
 * unencrypted record) and the audit MAC key. Nothing else ever holds these.
 */
export interface SessionSecrets {
  token: string;
  recordKey?: RecordKey;
  auditKey: Buffer;
}

interface SessionFile {
  v: 2;
  record: string;
  token: string;
  key?: string;
  salt?: string;
  auditKey: string;
}

export function saveSession(ctx: Context, s: SessionSecrets): void {
  const body: SessionFile = {
    v: 2,
    record: ctx.recordPath,
    token: s.token,
    ...(s.recordKey ? { key: s.recordKey.key.toString('hex'), salt: s.recordKey.salt.toString('hex') } : {}),
    auditKey: s.auditKey.toString('hex'),
  };
  writePrivate(ctx.sessionPath, JSON.stringify(body));
}

/** The session for this record, or null (none, another record's, or one written by an older dmp). */
export function loadSession(ctx: Context): SessionSecrets | null {
  const text = readPrivate(ctx.sessionPath);
  if (text === null) return null;
  try {
    const b = JSON.parse(text) as Partial<SessionFile>;
    if (b.v !== 2 || b.record !== ctx.recordPath || typeof b.token !== 'string' || typeof b.auditKey !== 'string') return null;
    const recordKey = b.key && b.salt ? { key: Buffer.from(b.key, 'hex'), salt: Buffer.from(b.salt, 'hex') } : undefined;
    return { token: b.token, recordKey, auditKey: Buffer.from(b.auditKey, 'hex') };
  } catch {
    return null;
  }
}

export function forgetSession(ctx: Context): void {
  removePrivate(ctx.sessionPath);
}

/** Runs a password check; when wrong passwords ended every session, the session file goes too. */
export async function endSessionOnGuessing<T>(ctx: Context, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DmpError && (err.data as { sessionsEnded?: boolean } | undefined)?.sessionsEnded) forgetSession(ctx);
    throw err;
  }
}
