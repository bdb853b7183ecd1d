import { appendAudit } from '../audit/log.js';
import type { Db } from '../store/database.js';
import { AMOUNTS, type MonthCell, SUMS } from './edge-months.js';
import { MONTH_ROWS_OF_ACTS } from './month-totals.js';

/** The sums of one month and section, as the per-month totals keep them and as the acts add up. */
export type MonthSums = Omit<MonthCell, 'month' | 'section'>;

export interface MonthMismatch {
  patientId: number;
  month: string;
  /** A section key; anything, in a table edited behind dmp's back. */
  section: string;
  kept: MonthSums;
  acts: MonthSums;
}

export interface MonthCheck {
  /** How many (person, month, section) totals disagree with their acts. */
  mismatches: number;
  /** The first of them, in person, month and section order. */
  first: MonthMismatch[];
}

const sums = (row: Record<string, number | null>, side: 'k' | 'a'): MonthSums => {
  const sum = (name: (typeof AMOUNTS)[number]) => row[`${side}_${name}`] ?? 0;
  return { count: sum('count'), spentCents: sum('spentCents'), reimbursedCents: sum('reimbursedCents'), deductibleCents: sum('deductibleCents'), complementaryCents: sum('complementaryCents') };
};

/**
 * Where the per-month totals (reimbursement_month, which imports and triggers keep) differ from
 * the acts themselves: summaries read those totals for whole months and for the larger part of
 * a partial month, so a table edited behind dmp's back would show wrong figures without any
 * error. One GROUP BY over every act (~1 s per million); the count covers every mismatch.
 */
export function checkMonthTotals(db: Db, named = 5): MonthCheck {
  const side = (alias: string, p: 'k' | 'a') => AMOUNTS.map((n) => `${alias}.${n} AS ${p}_${n}`).join(', ');
  const rows = db
    .prepare(
      `WITH acts AS (SELECT patient_id, substr(care_date, 1, 7) AS month, section, ${SUMS} FROM reimbursement GROUP BY 1, 2, 3),
       kept AS (
         SELECT patient_id, month, section, count, spent_cents AS spentCents, reimbursed_cents AS reimbursedCents,
                deductible_cents AS deductibleCents, complementary_cents AS complementaryCents
         FROM reimbursement_month WHERE count <> 0 OR spent_cents <> 0 OR reimbursed_cents <> 0 OR deductible_cents <> 0 OR complementary_cents <> 0)
       SELECT coalesce(a.patient_id, k.patient_id) AS patientId, coalesce(a.month, k.month) AS month, coalesce(a.section, k.section) AS section,
              ${side('k', 'k')}, ${side('a', 'a')}, count(*) OVER () AS mismatches
       FROM acts a FULL JOIN kept k ON k.patient_id = a.patient_id AND k.month = a.month AND k.section = a.section
       WHERE ${AMOUNTS.map((n) => `a.${n} IS NOT k.${n}`).join(' OR ')}
       ORDER BY 1, 2, 3 LIMIT ?`,
    )
    .all(Math.max(named, 1)) as (Record<string, number | null> & { patientId: number; month: string; section: string; mismatches: number })[];
  const first = rows.slice(0, named).map((r) => ({ patientId: r.patientId, month: r.month, section: r.section, kept: sums(r, 'k'), acts: sums(r, 'a') }));
  return { mismatches: rows[0]?.mismatches ?? 0, first };
}

/**
 * Recomputes every per-month total from the acts and audits it, in one transaction: for totals
 * edited or lost behind dmp's back when the acts themselves are right. Returns how many
 * mismatches it found (0: nothing was written).
 */
export function rebuildMonthTotals(db: Db, actor: string, now: Date): number {
  return db
    .transaction(() => {
      const { mismatches } = checkMonthTotals(db, 0);
      if (mismatches === 0) return 0;
      db.prepare('DELETE FROM reimbursement_month').run();
      const months = db.prepare(`INSERT INTO reimbursement_month ${MONTH_ROWS_OF_ACTS} GROUP BY 1, 2, 3`).run().changes;
      appendAudit(db, { actor, action: 'reimbursements.rebuild-totals', details: { mismatches, months } }, now);
      return mismatches;
    })
    .immediate();
}
