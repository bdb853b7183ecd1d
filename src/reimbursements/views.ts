import type { Db } from '../store/database.js';
import { fold } from '../util/fold.js';
import type { Act } from './rows.js';
import { scanBeatsLookups } from './scan-or-lookup.js';
import type { Section } from './sections.js';

export type { GroupBy, Group, Period, PeriodTotals, Summary, Totals } from './totals.js';
export { periodTotals, summarize } from './totals.js';

/** One act as `dmp reimbursements list --json` shows it: the stored act, where it came from, the rate in percent. */
export interface ActView extends Omit<Act, 'patientId' | 'rateBp' | 'reference'> {
  id: number;
  /** Percent (70 for 70 %), null when the file had no rate. */
  rate: number | null;
  importId: number;
  file: string;
  line: number;
}

export interface ActFilter {
  patientId: number;
  /** Inclusive YYYY-MM-DD bounds; null = unbounded. */
  from: string | null;
  to: string | null;
  section?: Section;
  code?: string;
  /**
   * Matched folded (case and accents ignored), anywhere in the professional's name, as plain
   * text: `%` and `_` are characters, not wildcards.
   */
  professional?: string;
  /** At most this many acts (the newest). */
  limit?: number;
}

const ACT_COLUMNS = `r.id, r.care_date AS careDate, r.section, r.label, r.code, r.quantity, r.professional, r.specialty,
  r.spent_cents AS spentCents, r.base_cents AS baseCents, r.rate_bp / 100.0 AS rate,
  r.reimbursed_cents AS reimbursedCents, r.deductible_cents AS deductibleCents,
  r.complementary_cents AS complementaryCents, r.payment_date AS paymentDate,
  r.import_id AS importId, i.file, r.line`;

/** Up to this many acts, a page is found in the (person, care date) index first; beyond, the table is read in order. */
const PAGE_FROM_INDEX = 1000;

/**
 * A person's acts, newest first (same day: in the order they were added), one at a time as
 * SQLite reads them: memory stays flat however many there are, and a limit stops the reading.
 * Two plans, because an act's row lives wherever its import put it, and on an encrypted record
 * each row read out of order costs a page decrypted (~60 us):
 * - a page (a limit up to PAGE_FROM_INDEX; with an act code, only for a period of few acts): the ids are sorted from the (person, care date)
 *   index alone, then only those rows are read (1,000,000 acts: 700 ms -> 6 ms for 20; the day
 *   order by id had SQLite read every act of the newest day first);
 * - a long list: the table read front to back and sorted by SQLite (temporary files past its
 *   cache), instead of a row lookup per act in index order (61 s -> 13 s for a million).
 * Only the filters given are in the SQL, so that the dates bound the index range.
 */
export function* iterateActs(db: Db, filter: ActFilter): Generator<ActView> {
  const wanted = filter.professional === undefined ? undefined : professionalMatcher(filter.professional);
  // Without a professional filter the limit goes to SQLite; with one, it counts matches here.
  const sqlLimit = wanted === undefined ? (filter.limit ?? -1) : -1;
  const where = ['r.patient_id = @patientId'];
  if (filter.from !== null) where.push('r.care_date >= @from');
  if (filter.to !== null) where.push('r.care_date <= @to');
  if (filter.section !== undefined) where.push('r.section = @section');
  if (filter.code !== undefined) where.push('r.code = @code');
  const order = 'ORDER BY r.care_date DESC, r.id';
  // A code is in no index: through the index, a page of a rare code may look up every act of
  // the period (500,000 on an encrypted record: 17 s), unless the period holds few acts.
  const page = sqlLimit >= 0 && sqlLimit <= PAGE_FROM_INDEX && (filter.code === undefined || !scanBeatsLookups(db, filter));
  const sql = page
    ? `SELECT ${ACT_COLUMNS} FROM (SELECT r.id FROM reimbursement r WHERE ${where.join(' AND ')} ${order} LIMIT @limit) page
       JOIN reimbursement r ON r.id = page.id JOIN reimbursement_import i ON i.id = r.import_id ${order}`
    : `SELECT ${ACT_COLUMNS} FROM reimbursement r NOT INDEXED JOIN reimbursement_import i ON i.id = r.import_id
       WHERE ${where.join(' AND ')} ${order} LIMIT @limit`;
  // Keys the SQL does not name are ignored.
  const rows = db.prepare(sql).iterate({ patientId: filter.patientId, from: filter.from, to: filter.to, section: filter.section, code: filter.code, limit: sqlLimit }) as IterableIterator<ActView>;
  let left = filter.limit ?? Infinity;
  for (const row of rows) {
    if (left <= 0) return;
    if (wanted !== undefined && !wanted(row.professional ?? '')) continue;
    left--;
    yield row;
  }
}

/**
 * Folded text (case, accents and punctuation ignored) contains the folded query; a query of
 * punctuation alone (`%`, `_`), which folds to nothing, is looked for as written instead of
 * matching every name.
 */
function professionalMatcher(query: string): (name: string) => boolean {
  const folded = fold(query);
  if (folded !== '') return (name) => fold(name).includes(folded);
  const raw = query.toLowerCase();
  return (name) => name.toLowerCase().includes(raw);
}

export function listActs(db: Db, filter: ActFilter): ActView[] {
  return [...iterateActs(db, filter)];
}

/**
 * A person's biology acts over [from, to] other than `except`: how many, and the ids of the
 * oldest `first` (a record can hold 100,000, more than anyone reads): what a summary needs to
 * say which acts no lab entry explains. The section is written in the SQL, not bound, so that
 * SQLite reads the partial index of biology acts (migration 11) alone.
 */
export function biologyActs(db: Db, patientId: number, from: string, to: string, except: ReadonlySet<number>, first: number): { count: number; firstIds: number[] } {
  const acts = "FROM reimbursement WHERE patient_id = ? AND care_date BETWEEN ? AND ? AND section = 'biology' AND id NOT IN (SELECT value FROM json_each(?))";
  const params = [patientId, from, to, JSON.stringify([...except])];
  return {
    count: db.prepare(`SELECT count(*) ${acts}`).pluck().get(...params) as number,
    firstIds: db.prepare(`SELECT id ${acts} ORDER BY care_date, id LIMIT ?`).pluck().all(...params, first) as number[],
  };
}
