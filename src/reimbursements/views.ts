import type { Db } from '../store/database.js';
import { fold } from '../util/fold.js';
import { type Section, SECTIONS } from './sections.js';

/** One act as `dmp reimbursements list --json` shows it. */
export interface ActView {
  id: number;
  careDate: string;
  section: Section;
  label: string;
  code: string | null;
  quantity: number;
  professional: string | null;
  specialty: string | null;
  spentCents: number;
  baseCents: number | null;
  /** Percent (70 for 70 %), null when the file had no rate. */
  rate: number | null;
  reimbursedCents: number;
  deductibleCents: number | null;
  complementaryCents: number | null;
  paymentDate: string | null;
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

interface ActRow {
  id: number;
  care_date: string;
  section: Section;
  label: string;
  code: string | null;
  quantity: number;
  professional: string | null;
  specialty: string | null;
  spent_cents: number;
  base_cents: number | null;
  rate_bp: number | null;
  reimbursed_cents: number;
  deductible_cents: number | null;
  complementary_cents: number | null;
  payment_date: string | null;
  import_id: number;
  file: string;
  line: number;
}

export function listActs(db: Db, filter: ActFilter): ActView[] {
  const rows = db
    .prepare(
      `SELECT r.*, i.file FROM reimbursement r JOIN reimbursement_import i ON i.id = r.import_id
       WHERE r.patient_id = @patientId
         AND (@from IS NULL OR r.care_date >= @from) AND (@to IS NULL OR r.care_date <= @to)
         AND (@section IS NULL OR r.section = @section) AND (@code IS NULL OR r.code = @code)
       ORDER BY r.care_date DESC, r.id`,
    )
    .all({ patientId: filter.patientId, from: filter.from, to: filter.to, section: filter.section ?? null, code: filter.code ?? null }) as ActRow[];
  const wanted = filter.professional === undefined ? undefined : fold(filter.professional);
  return rows.filter((r) => wanted === undefined || fold(r.professional ?? '').includes(wanted)).map(toView);
}

const toView = (r: ActRow): ActView => ({
  id: r.id,
  careDate: r.care_date,
  section: r.section,
  label: r.label,
  code: r.code,
  quantity: r.quantity,
  professional: r.professional,
  specialty: r.specialty,
  spentCents: r.spent_cents,
  baseCents: r.base_cents,
  rate: r.rate_bp === null ? null : r.rate_bp / 100,
  reimbursedCents: r.reimbursed_cents,
  deductibleCents: r.deductible_cents,
  complementaryCents: r.complementary_cents,
  paymentDate: r.payment_date,
  importId: r.import_id,
  file: r.file,
  line: r.line,
});

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
