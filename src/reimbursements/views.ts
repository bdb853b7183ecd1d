import type { Db } from '../store/database.js';
import { fold } from '../util/fold.js';
import type { Act } from './rows.js';
import { type Section, SECTIONS } from './sections.js';

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
  /** Matched folded, anywhere in the professional's name. */
  professional?: string;
}

export function listActs(db: Db, filter: ActFilter): ActView[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.care_date AS careDate, r.section, r.label, r.code, r.quantity, r.professional, r.specialty,
              r.spent_cents AS spentCents, r.base_cents AS baseCents, r.rate_bp / 100.0 AS rate,
              r.reimbursed_cents AS reimbursedCents, r.deductible_cents AS deductibleCents,
              r.complementary_cents AS complementaryCents, r.payment_date AS paymentDate,
              r.import_id AS importId, i.file, r.line
       FROM reimbursement r JOIN reimbursement_import i ON i.id = r.import_id
       WHERE r.patient_id = @patientId
         AND (@from IS NULL OR r.care_date >= @from) AND (@to IS NULL OR r.care_date <= @to)
         AND (@section IS NULL OR r.section = @section) AND (@code IS NULL OR r.code = @code)
       ORDER BY r.care_date DESC, r.id`,
    )
    .all({ patientId: filter.patientId, from: filter.from, to: filter.to, section: filter.section ?? null, code: filter.code ?? null }) as ActView[];
  if (filter.professional === undefined) return rows;
  const wanted = fold(filter.professional);
  return rows.filter((r) => fold(r.professional ?? '').includes(wanted));
}

export interface Totals {
  count: number;
  spentCents: number;
  reimbursedCents: number;
  deductibleCents: number;
  complementaryCents: number;
  /** spent - reimbursed - complementary: what the person paid themself. */
  outOfPocketCents: number;
}

export type GroupBy = 'section' | 'month' | 'professional';

export interface Summary {
  from: string | null;
  to: string | null;
  groups: (Totals & { key: string })[];
  total: Totals;
}

const GROUP_SQL: Record<GroupBy, string> = {
  section: 'section',
  month: "substr(care_date, 1, 7)",
  professional: "coalesce(professional, '')",
};

/**
 * Totals per section (always the five, in the DMP's order, zeros included), per month or per
 * professional, and overall; integer sums, so they add up to the cent.
 */
export function summarize(db: Db, filter: Pick<ActFilter, 'patientId' | 'from' | 'to'>, by: GroupBy): Summary {
  const rows = db
    .prepare(
      `SELECT ${GROUP_SQL[by]} AS key, count(*) AS count, sum(spent_cents) AS spentCents, sum(reimbursed_cents) AS reimbursedCents,
              coalesce(sum(deductible_cents), 0) AS deductibleCents, coalesce(sum(complementary_cents), 0) AS complementaryCents
       FROM reimbursement
       WHERE patient_id = @patientId AND (@from IS NULL OR care_date >= @from) AND (@to IS NULL OR care_date <= @to)
       GROUP BY key ORDER BY key`,
    )
    .all({ patientId: filter.patientId, from: filter.from, to: filter.to }) as (Omit<Totals, 'outOfPocketCents'> & { key: string })[];
  const withOop = rows.map((r) => ({ ...r, outOfPocketCents: r.spentCents - r.reimbursedCents - r.complementaryCents }));
  const groups = by === 'section' ? SECTIONS.map((s) => withOop.find((r) => r.key === s) ?? { key: s, ...zero() }) : withOop;
  const total = groups.reduce<Totals>(
    (t, g) => ({
      count: t.count + g.count,
      spentCents: t.spentCents + g.spentCents,
      reimbursedCents: t.reimbursedCents + g.reimbursedCents,
      deductibleCents: t.deductibleCents + g.deductibleCents,
      complementaryCents: t.complementaryCents + g.complementaryCents,
      outOfPocketCents: t.outOfPocketCents + g.outOfPocketCents,
    }),
    zero(),
  );
  return { from: filter.from, to: filter.to, groups, total };
}

function zero(): Totals {
  return { count: 0, spentCents: 0, reimbursedCents: 0, deductibleCents: 0, complementaryCents: 0, outOfPocketCents: 0 };
}
