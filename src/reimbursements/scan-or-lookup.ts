import type { Db } from '../store/database.js';

/**
 * Whether a query that must read every act of a person's period (a filter no index holds: the
 * professional, the act code) reads them faster in one pass over the whole table than by one
 * row lookup per act through the (person, care date) index. On an encrypted record whose rows
 * lie in the export's order, each lookup decrypts a page of its own (~35 us); the one pass costs
 * ~0.7 us per act of the record (500,000 acts of a million: 17 s by lookups, 0.7 s in one pass).
 * The period's acts are counted from the per-month totals (whole months: an estimate from
 * above), so the choice costs a few hundred rows read.
 */
export function scanBeatsLookups(db: Db, period: { patientId: number; from: string | null; to: string | null }): boolean {
  const inPeriod = db
    .prepare(
      `SELECT coalesce(sum(count), 0) FROM reimbursement_month
       WHERE patient_id = @patientId AND (@from IS NULL OR month >= substr(@from, 1, 7)) AND (@to IS NULL OR month <= substr(@to, 1, 7))`,
    )
    .pluck()
    .get(period) as number;
  const inRecord = db.prepare('SELECT coalesce(sum(count), 0) FROM reimbursement_month').pluck().get() as number;
  return inPeriod * LOOKUPS_PER_SCANNED_ACT > inRecord;
}

/** A row lookup out of order costs about as much as reading this many acts in table order. */
const LOOKUPS_PER_SCANNED_ACT = 50;
