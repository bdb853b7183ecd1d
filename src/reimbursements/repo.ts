import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../store/database.js';

export interface ImportBatch {
  id: number;
  file: string;
  sha256: string;
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  outsideWindow: number;
  actor: string;
  importedAt: string;
  undoneAt: string | null;
}

/** Batch columns under their JSON names. */
const BATCH_COLUMNS = `id, file, sha256, rows, inserted, duplicates, rejected, outside_window AS outsideWindow, actor,
  imported_at AS importedAt, undone_at AS undoneAt`;

/**
 * The live (not undone) batch that imported every row of a file with this sha256, if any. A
 * batch that left rows out (--skip-invalid) does not count: once the person is added or the
 * rule is met, importing the same file again must bring in what was left out.
 */
export function batchBySha(db: Db, sha256: string): ImportBatch | undefined {
  return db
    .prepare(`SELECT ${BATCH_COLUMNS} FROM reimbursement_import WHERE sha256 = ? AND undone_at IS NULL AND rejected = 0 ORDER BY id LIMIT 1`)
    .get(sha256) as ImportBatch | undefined;
}

export function getBatch(db: Db, id: number): ImportBatch | undefined {
  return db.prepare(`SELECT ${BATCH_COLUMNS} FROM reimbursement_import WHERE id = ?`).get(id) as ImportBatch | undefined;
}

export function listBatches(db: Db): ImportBatch[] {
  return db.prepare(`SELECT ${BATCH_COLUMNS} FROM reimbursement_import ORDER BY id`).all() as ImportBatch[];
}

export function createBatch(db: Db, file: string, sha256: string, actor: string, now: Date): number {
  const info = db.prepare('INSERT INTO reimbursement_import (file, sha256, actor, imported_at) VALUES (?, ?, ?, ?)').run(file, sha256, actor, now.toISOString());
  return Number(info.lastInsertRowid);
}

export interface BatchCounts {
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  outsideWindow: number;
}

export function finishBatch(db: Db, id: number, c: BatchCounts): void {
  db.prepare('UPDATE reimbursement_import SET rows = ?, inserted = ?, duplicates = ?, rejected = ?, outside_window = ? WHERE id = ?').run(
    c.rows, c.inserted, c.duplicates, c.rejected, c.outsideWindow, id,
  );
}

/** Removes the acts a batch added and marks it undone; returns how many acts went. */
export function undoBatch(db: Db, id: number, now: Date): number {
  const removed = db.prepare('DELETE FROM reimbursement WHERE import_id = ?').run(id).changes;
  db.prepare('UPDATE reimbursement_import SET undone_at = ? WHERE id = ?').run(now.toISOString(), id);
  return removed;
}

/** True when every id names a person in the record (bulk loads run without foreign-key checks). */
export function peopleExist(db: Db, ids: Iterable<number>): boolean {
  const stmt = db.prepare('SELECT 1 FROM patient WHERE id = ?');
  for (const id of ids) if (stmt.get(id) === undefined) return false;
  return true;
}

/**
 * The insert parameters of one act, in this order: where it came from (import, line), its
 * content (what its fingerprint is made of), then the fingerprint.
 */
const COLUMNS = [
  'import_id', 'line', 'patient_id', 'care_date', 'section', 'label', 'code', 'quantity', 'professional', 'specialty',
  'spent_cents', 'base_cents', 'rate_bp', 'reimbursed_cents', 'deductible_cents', 'complementary_cents', 'payment_date',
  'reference', 'fingerprint',
];
export const VALUES_PER_ACT = COLUMNS.length;
/** Rows per INSERT statement: fewer calls into SQLite for a large file (19 x 200 parameters, far under the limit). */
export const ROWS_PER_INSERT = 200;

/**
 * Inserts acts in multi-row `INSERT OR IGNORE` statements:
 * an act whose fingerprint is already in the record is skipped by the unique index, and the
 * changes count says how many were new.
 */
export class ActWriter {
  private readonly full: Statement;
  inserted = 0;

  constructor(private readonly db: Db) {
    this.full = db.prepare(insertSql(ROWS_PER_INSERT));
  }

  /** `params` holds `rows` acts, COLUMNS.length values each, in COLUMNS order. */
  add(params: unknown[], rows: number): void {
    const stmt = rows === ROWS_PER_INSERT ? this.full : this.db.prepare(insertSql(rows));
    this.inserted += stmt.run(params).changes;
  }
}

function insertSql(rows: number): string {
  const one = `(${COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT OR IGNORE INTO reimbursement (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}`;
}
