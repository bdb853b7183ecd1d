import { createHmac } from 'node:crypto';
import type { Db } from '../store/database.js';
import type { AuditAction } from './actions.js';
import { auditKeyOf } from './key.js';

export type { AuditAction } from './actions.js';
import { isQueryOnly, withWritesAllowed } from '../store/read-only.js';

export interface AuditEntry {
  actor: string;
  /** Typed; plain strings are accepted until every caller passes an AuditAction (documents' changeDocument). */
  action: AuditAction;
  target?: string | null;
  details?: Record<string, unknown> | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

export interface StoredRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);
/** Whatever was typed, an actor is stored at most this long. */
export const MAX_ACTOR_LENGTH = 64;

export function canonical(row: Omit<StoredRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([row.id, row.at, row.actor, row.action, row.target, row.details]);
}

/** MAC of one row, chained to the previous row's MAC: HMAC-SHA-256 under the record's audit key. */
export function rowMac(key: Buffer, prevHash: string, row: Omit<StoredRow, 'prev_hash' | 'hash'>): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonical(row)).digest('hex');
}

function requireKey(db: Db): Buffer {
  const key = auditKeyOf(db);
  // A bug, not a user error: every path that writes opens the record with its audit key.
  if (!key) throw new Error('the audit key of this record is not loaded');
  return key;
}

/** Appends one entry, chained to the last: inside the caller's transaction, else in its own. */
export function appendAudit(db: Db, entry: AuditEntry, now: Date): number {
  // A closed record is read-only, but what is read from it (exports) is still audited.
  if (isQueryOnly(db)) return withWritesAllowed(db, () => appendAudit(db, entry, now));
  // Reading the last row and inserting the next must not interleave with another process.
  if (!db.inTransaction) return db.transaction(() => appendAudit(db, entry, now)).immediate();
  const key = requireKey(db);
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    | { id: number; hash: string }
    | undefined;
  const row = {
    id: (last?.id ?? 0) + 1,
    at: now.toISOString(),
    actor: [...entry.actor].slice(0, MAX_ACTOR_LENGTH).join(''),
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
  const prevHash = last?.hash ?? GENESIS;
  db.prepare(
    `INSERT INTO audit_log (id, at, actor, action, target, details, prev_hash, hash)
     VALUES (@id, @at, @actor, @action, @target, @details, @prevHash, @hash)`,
  ).run({ ...row, prevHash, hash: rowMac(key, prevHash, row) });
  return row.id;
}

export interface AuditQuery {
  /** Only entries at or after this date (YYYY-MM-DD) or timestamp. */
  since?: string;
  /** Only entries on or before this day (YYYY-MM-DD). */
  until?: string;
  /** This action exactly, or every action that starts with it when it ends in "*" (consent.*). */
  action?: string;
  actor?: string;
  /** Entries about this person: their own rows, and rows about their documents. */
  patientId?: number;
  /** Actions by anyone but the holder (this username), and imports of data others produced. */
  othersThan?: string;
  limit?: number;
}

export function listAudit(db: Db, query: AuditQuery = {}): AuditRow[] {
  const prefix = query.action?.endsWith('*') ? query.action.slice(0, -1) : null;
  const rows = db
    .prepare(
      `SELECT id, at, actor, action, target, details FROM audit_log
       WHERE (@since IS NULL OR at >= @since)
         AND (@until IS NULL OR substr(at, 1, 10) <= @until)
         AND (@action IS NULL OR action = @action)
         AND (@prefix IS NULL OR substr(action, 1, length(@prefix)) = @prefix)
         AND (@actor IS NULL OR actor = @actor)
         AND (@patient IS NULL OR target = @patientTarget
              OR (substr(target, 1, 9) = 'document:' AND CAST(substr(target, 10) AS INTEGER) IN (SELECT id FROM document WHERE patient_id = @patient)))
         AND (@others IS NULL OR actor <> @others OR action LIKE '%.import')
       ORDER BY id LIMIT @limit`,
    )
    .all({
      since: query.since ?? null,
      until: query.until ?? null,
      action: prefix === null ? (query.action ?? null) : null,
      prefix,
      actor: query.actor ?? null,
      patient: query.patientId ?? null,
      patientTarget: query.patientId === undefined ? null : `patient:${query.patientId}`,
      others: query.othersThan ?? null,
      limit: query.limit ?? -1,
    }) as Omit<StoredRow, 'prev_hash' | 'hash'>[];
  return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
}

/** The newest row: how many rows the log has and the last MAC, to write down and check later. */
export function auditHead(db: Db): { rows: number; head: string | null } {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const rows = (db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number) ?? 0;
  return { rows, head: last?.hash ?? null };
}
