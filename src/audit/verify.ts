import { createHash } from 'node:crypto';
import type { Db } from '../store/database.js';
import { auditKeyOf } from './key.js';
import { canonical, GENESIS, rowMac, type StoredRow } from './log.js';

export type ChainCheck =
  | { intact: true; rows: number; head: string | null }
  | { intact: false; rows: number; brokenId: number; reason: string };

type Mac = (prevHash: string, row: StoredRow) => string;

/**
 * Recomputes the chain from the first row; the first row whose MAC or link disagrees is named.
 * The first row must be the record's creation (an emptied or front-cut log fails). With `head`
 * (a MAC written down earlier), that row must still be in the log: cutting off the newest
 * rows is caught too.
 */
export function verifyAudit(db: Db, options: { head?: string } = {}): ChainCheck {
  const key = auditKeyOf(db);
  if (!key) throw new Error('the audit key of this record is not loaded');
  return verifyChain(db, (prev, row) => rowMac(key, prev, row), options.head);
}

/** The unkeyed SHA-256 chain of records written before encryption (checked before re-MACing it). */
export function verifyLegacyAudit(db: Db): ChainCheck {
  return verifyChain(db, legacyHash);
}

function legacyHash(prevHash: string, row: StoredRow): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(row)).digest('hex');
}

function verifyChain(db: Db, mac: Mac, head?: string): ChainCheck {
  let prevHash = GENESIS;
  let expectedId = 1;
  let count = 0;
  let headSeen = head === undefined;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<StoredRow>) {
    count++;
    const broken = (reason: string): ChainCheck => ({ intact: false, rows: count, brokenId: row.id, reason });
    if (row.id !== expectedId) return broken(expectedId === row.id - 1 ? `row ${expectedId} is missing before it` : `rows ${expectedId} to ${row.id - 1} are missing before it`);
    if (row.prev_hash !== prevHash) return broken('its link to the previous row does not match');
    if (mac(prevHash, row) !== row.hash) return broken('its content does not match its MAC');
    if (row.id === 1 && row.action !== 'account.create') return broken("the first row is not the record's creation");
    if (row.hash === head) headSeen = true;
    prevHash = row.hash;
    expectedId++;
  }
  if (count === 0) return { intact: false, rows: 0, brokenId: 1, reason: "the log is empty: even the record's creation is missing" };
  if (!headSeen) return { intact: false, rows: count, brokenId: expectedId, reason: 'the head given is not in the log: newer rows were cut off, or it belongs to another record' };
  return { intact: true, rows: count, head: prevHash };
}

/**
 * Re-MACs every row under `key` (rows, order and links unchanged but for the MACs), for a
 * legacy chain when its record is encrypted. The append-only triggers are lifted for it and
 * put back in the caller's transaction.
 */
export function remacAudit(db: Db, key: Buffer): number {
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  let prevHash = GENESIS;
  let n = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as StoredRow[]) {
    const hash = rowMac(key, prevHash, row);
    update.run(prevHash, hash, row.id);
    prevHash = hash;
    n++;
  }
  for (const t of triggers) db.exec(t.sql);
  return n;
}
