import { createHash } from 'node:crypto';
import type { Db } from '../store/database.js';
import { isQueryOnly, withWritesAllowed } from '../store/read-only.js';

export interface AuditEntry {
  actor: string;
  action: string;
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

interface StoredRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** Hash of one row, chained to the previous row's hash. */
function rowHash(prevHash: string, row: Omit<StoredRow, 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([row.id, row.at, row.actor, row.action, row.target, row.details]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends one entry, chained to the last: inside the caller's transaction, else in its own. */
export function appendAudit(db: Db, entry: AuditEntry, now: Date): number {
  // A closed record is read-only, but what is read from it (exports) is still audited.
  if (isQueryOnly(db)) return withWritesAllowed(db, () => appendAudit(db, entry, now));
  // Reading the last row and inserting the next must not interleave with another process.
  if (!db.inTransaction) return db.transaction(() => appendAudit(db, entry, now)).immediate();
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    | { id: number; hash: string }
    | undefined;
  const row = {
    id: (last?.id ?? 0) + 1,
    at: now.toISOString(),
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
  const prevHash = last?.hash ?? GENESIS;
  db.prepare(
    `INSERT INTO audit_log (id, at, actor, action, target, details, prev_hash, hash)
     VALUES (@id, @at, @actor, @action, @target, @details, @prevHash, @hash)`,
  ).run({ ...row, prevHash, hash: rowHash(prevHash, row) });
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

export type ChainCheck =
  | { intact: true; rows: number }
  | { intact: false; rows: number; brokenId: number; reason: string };

/** Recomputes the chain from the first row; the first row whose hash or link disagrees is named. */
export function verifyAudit(db: Db): ChainCheck {
  let prevHash = GENESIS;
  let expectedId = 1;
  let count = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<StoredRow>) {
    count++;
    if (row.id !== expectedId) {
      return { intact: false, rows: count, brokenId: row.id, reason: `row ${expectedId} is missing before it` };
    }
    if (row.prev_hash !== prevHash) {
      return { intact: false, rows: count, brokenId: row.id, reason: 'its link to the previous row does not match' };
    }
    if (rowHash(prevHash, row) !== row.hash) {
      return { intact: false, rows: count, brokenId: row.id, reason: 'its content does not match its hash' };
    }
    prevHash = row.hash;
    expectedId++;
  }
  return { intact: true, rows: count };
}
