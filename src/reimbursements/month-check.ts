import type { Db } from '../store/database.js';

/** Mismatches named, at most: a rebuilt or hand-edited table would otherwise list thousands. */
const MAX_NAMED = 5;

/**
 * Where the per-month totals (reimbursement_month, which imports and triggers keep) differ from
 * the acts themselves, one sentence each: summaries read those totals for whole months and for
 * the larger part of a partial month, so a table edited behind dmp's back would show wrong
 * figures without any error. One GROUP BY over every act (~1 s per million).
 */
export function monthTotalsProblems(db: Db): string[] {
  const rows = db
    .prepare(
      `WITH acts AS (
         SELECT patient_id, substr(care_date, 1, 7) AS month, section, count(*) AS count, sum(spent_cents) AS spent, sum(reimbursed_cents) AS reimbursed,
                coalesce(sum(deductible_cents), 0) AS deductible, coalesce(sum(complementary_cents), 0) AS complementary
         FROM reimbursement GROUP BY 1, 2, 3),
       kept AS (
         SELECT patient_id, month, section, count, spent_cents AS spent, reimbursed_cents AS reimbursed, deductible_cents AS deductible, complementary_cents AS complementary
         FROM reimbursement_month WHERE count <> 0 OR spent_cents <> 0 OR reimbursed_cents <> 0 OR deductible_cents <> 0 OR complementary_cents <> 0)
       SELECT coalesce(a.patient_id, k.patient_id) AS patientId, coalesce(a.month, k.month) AS month, coalesce(a.section, k.section) AS section,
              coalesce(k.count, 0) AS kept, coalesce(a.count, 0) AS acts
       FROM acts a FULL JOIN kept k ON k.patient_id = a.patient_id AND k.month = a.month AND k.section = a.section
       WHERE a.count IS NOT k.count OR a.spent IS NOT k.spent OR a.reimbursed IS NOT k.reimbursed OR a.deductible IS NOT k.deductible
          OR a.complementary IS NOT k.complementary
       ORDER BY 1, 2, 3 LIMIT ${MAX_NAMED + 1}`,
    )
    .all() as { patientId: number; month: string; section: string; kept: number; acts: number }[];
  return rows.slice(0, MAX_NAMED).map((r) => {
    const what = r.kept === r.acts ? `the same ${r.acts} acts with other sums` : `${r.kept} acts where the record holds ${r.acts}`;
    return `payer totals of person ${r.patientId} for ${r.month}, ${r.section}: the per-month totals count ${what}`;
  });
}
