import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../store/database.js';
import { CONTENT_COLUMNS } from './fingerprint.js';
import { MONTH_ROWS_OF_ACTS, MonthTotals } from './month-totals.js';

export interface ImportBatch {
  id: number;
  file: string;
  sha256: string;
  /** Whom rows without a Bénéficiaire column were filed under; null for batches from before that was recorded. */
  patientId: number | null;
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
const BATCH_COLUMNS = `id, file, sha256, patient_id AS patientId, rows, inserted, duplicates, rejected, outside_window AS outsideWindow, actor,
  imported_at AS importedAt, undone_at AS undoneAt`;

/**
 * The live batch that brought every row of a file with this sha256 for this person, with
 * every act it read still in the record, if any. Left out: a batch that rejected rows
 * (--skip-invalid: once the rule is met, importing the file again must bring in what was
 * left out), one for another person, one that found acts known which an undo has since
 * removed (`intact` = 0), and one some of whose own acts are gone.
 */
export function completeBatchBySha(db: Db, sha256: string, patientId: number): ImportBatch | undefined {
  return db
    .prepare(
      `SELECT ${BATCH_COLUMNS} FROM reimbursement_import i
       WHERE sha256 = ? AND patient_id = ? AND undone_at IS NULL AND rejected = 0 AND intact = 1
         AND inserted = (SELECT count(*) FROM reimbursement r WHERE r.id BETWEEN i.first_act_id AND i.last_act_id AND r.import_id = i.id)
       ORDER BY id LIMIT 1`,
    )
    .get(sha256, patientId) as ImportBatch | undefined;
}

/** Live batches of a file with this sha256 filed under someone else (a batch of no one, from before batches named a person or of a removed person, is left out). */
export function batchesForOthers(db: Db, sha256: string, patientId: number): ImportBatch[] {
  return db
    .prepare(`SELECT ${BATCH_COLUMNS} FROM reimbursement_import WHERE sha256 = ? AND patient_id IS NOT NULL AND patient_id <> ? AND undone_at IS NULL ORDER BY id`)
    .all(sha256, patientId) as ImportBatch[];
}

export function getBatch(db: Db, id: number): ImportBatch | undefined {
  return db.prepare(`SELECT ${BATCH_COLUMNS} FROM reimbursement_import WHERE id = ?`).get(id) as ImportBatch | undefined;
}

export function listBatches(db: Db): ImportBatch[] {
  return db.prepare(`SELECT ${BATCH_COLUMNS} FROM reimbursement_import ORDER BY id`).all() as ImportBatch[];
}

export function createBatch(db: Db, file: string, sha256: string, patientId: number, actor: string, now: Date): number {
  const info = db
    .prepare('INSERT INTO reimbursement_import (file, sha256, patient_id, actor, imported_at) VALUES (?, ?, ?, ?, ?)')
    .run(file, sha256, patientId, actor, now.toISOString());
  return Number(info.lastInsertRowid);
}

export interface BatchCounts {
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  outsideWindow: number;
}

/** The highest act id so far: the acts a batch adds next have ids above it. */
export function lastActId(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS id FROM reimbursement').get() as { id: number }).id;
}

/**
 * Records a batch's counts and the ids of the acts it added (all above `before`: one
 * transaction, ids increasing), and adds those acts to the per-month totals: the ones the
 * writer counted when they are exact, else a GROUP BY over the new acts.
 */
export function finishBatch(db: Db, id: number, c: BatchCounts, before: number, counted?: MonthTotals): void {
  // Two queries: SQLite answers a lone min() or max() from the table's end, but both at once
  // by reading every new act (a million on an encrypted record: ~0.35 s).
  const range = {
    first: db.prepare('SELECT min(id) FROM reimbursement WHERE id > ?').pluck().get(before) as number | null,
    last: db.prepare('SELECT max(id) FROM reimbursement WHERE id > ?').pluck().get(before) as number | null,
  };
  db.prepare(
    'UPDATE reimbursement_import SET rows = ?, inserted = ?, duplicates = ?, rejected = ?, outside_window = ?, first_act_id = ?, last_act_id = ? WHERE id = ?',
  ).run(c.rows, c.inserted, c.duplicates, c.rejected, c.outsideWindow, range.first, range.last, id);
  if (counted?.exact) return counted.write(db);
  db.prepare(
    `INSERT INTO reimbursement_month ${MONTH_ROWS_OF_ACTS} WHERE id > ? GROUP BY 1, 2, 3
     ON CONFLICT DO UPDATE SET count = count + excluded.count, spent_cents = spent_cents + excluded.spent_cents,
       reimbursed_cents = reimbursed_cents + excluded.reimbursed_cents, deductible_cents = deductible_cents + excluded.deductible_cents,
       complementary_cents = complementary_cents + excluded.complementary_cents`,
  ).run(before);
}

/**
 * Removes the acts a batch added (the per-month totals follow, by trigger) and marks it
 * undone. Later batches that found acts already known may have found this batch's: they no
 * longer vouch for their file (it will be read again). Returns how many acts went.
 */
export function undoBatch(db: Db, id: number, now: Date): number {
  const removed = db.prepare(
    `DELETE FROM reimbursement WHERE import_id = @id AND id BETWEEN
       coalesce((SELECT first_act_id FROM reimbursement_import WHERE id = @id), 0) AND
       coalesce((SELECT last_act_id FROM reimbursement_import WHERE id = @id), 0)`,
  ).run({ id }).changes;
  db.prepare('UPDATE reimbursement_import SET undone_at = ? WHERE id = ?').run(now.toISOString(), id);
  db.prepare('UPDATE reimbursement_import SET intact = 0 WHERE id > ? AND duplicates > 0 AND undone_at IS NULL').run(id);
  return removed;
}

/** Below this many acts, filling indexes row by row costs little. */
const DEFER_FROM_ACTS = 20_000;

/**
 * For a load that brings many more acts than the record holds: drops indexes, to be built
 * again by the returned function before the commit. Filled row by row, at the random keys of
 * an export, each index costs ~2 s per million acts; built once from sorted keys, a fraction
 * of that. The (person, care date) indexes go when the load is more than twice the acts
 * already there; the unique fingerprint index only when there are none (then no act can be
 * known already, and twins have distinct fingerprints): otherwise it is what skips the known
 * ones. Inside the load's transaction, so a rollback brings them back as they were. With every
 * index gone it also lowers the connection's page cache (bulkTransaction restores it). Returns
 * undefined (nothing done) for a smaller load.
 */
export function deferIndexes(db: Db, expectedActs: number): (() => void) | undefined {
  if (expectedActs < DEFER_FROM_ACTS || expectedActs < 2 * lastActId(db)) return undefined;
  const names = ['reimbursement_by_patient_date', 'reimbursement_biology_by_patient_date'];
  if (db.prepare('SELECT 1 FROM reimbursement LIMIT 1').get() === undefined) {
    names.push('reimbursement_fingerprint');
    // With no index left, the load only appends to the table: nothing it reads needs the bulk
    // load's 64 MiB page cache, which would only add ~50 MB to its peak memory (~280 -> ~230 MB
    // for a million rows, as fast). Restored with the rest by bulkTransaction.
    db.pragma(`cache_size = -${APPEND_ONLY_CACHE_KIB}`);
  }
  // Built again from their own definitions, as the migrations last left them.
  const definitions = names.map((name) => db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(name) as string);
  for (const name of names) db.exec(`DROP INDEX ${name}`);
  return () => {
    const cacheSize = db.pragma('cache_size', { simple: true }) as number;
    const threads = db.pragma('threads', { simple: true }) as number;
    // SQLite sorts the keys of an index in runs of about the page cache's size, merged at the
    // end, and with `threads` sorts runs in helper threads. For a million acts, the three
    // builds took ~3.4 s with the load's 64 MiB cache and no helper, ~1.5 s in 8 MiB runs and
    // two helpers (the reader thread is done by then, so its core is free).
    db.pragma(`cache_size = -${INDEX_BUILD_CACHE_KIB}`);
    db.pragma('threads = 2');
    try {
      for (const sql of definitions) db.exec(sql);
    } finally {
      db.pragma(`threads = ${threads}`);
      db.pragma(`cache_size = ${cacheSize}`);
    }
  };
}

const INDEX_BUILD_CACHE_KIB = 8 * 1024;
const APPEND_ONLY_CACHE_KIB = 16 * 1024;

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
const COLUMNS = ['import_id', 'line', ...CONTENT_COLUMNS, 'fingerprint'];
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
  /** The per-month totals of what was inserted, for finishBatch. */
  readonly totals = new MonthTotals(COLUMNS);

  constructor(private readonly db: Db) {
    this.full = db.prepare(insertSql(ROWS_PER_INSERT));
  }

  /** `params` holds `rows` acts, COLUMNS.length values each, in COLUMNS order. */
  add(params: unknown[], rows: number): void {
    const stmt = rows === ROWS_PER_INSERT ? this.full : this.db.prepare(insertSql(rows));
    const changes = stmt.run(params).changes;
    this.inserted += changes;
    this.totals.add(params, rows, changes);
  }
}

function insertSql(rows: number): string {
  const one = `(${COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT OR IGNORE INTO reimbursement (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}`;
}
