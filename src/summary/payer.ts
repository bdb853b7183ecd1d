import { SECTIONS, type Section } from '../reimbursements/sections.js';
import { biologyActs, periodTotals } from '../reimbursements/views.js';
import type { Db } from '../store/database.js';
import { addMonths, isoDay } from '../util/dates.js';

export const SUMMARY_MONTHS = 24;

export interface SectionTotals {
  section: Section;
  count: number;
  spentCents: number;
  reimbursedCents: number;
  outOfPocketCents: number;
}

export interface PayerSummary {
  /** The first day of the 24 calendar months ending with the current one, and today. */
  from: string;
  to: string;
  sections: SectionTotals[];
  total: Omit<SectionTotals, 'section'>;
  peakMonth: { month: string; spentCents: number } | null;
  months: { month: string; spentCents: number }[];
}

/** The 24-month window: whole calendar months, so the bars add up to the totals. */
export function summaryWindow(now: Date): { from: string; to: string } {
  const to = isoDay(now);
  return { from: `${addMonths(`${to.slice(0, 7)}-01`, -(SUMMARY_MONTHS - 1))}`, to };
}

/** Payer data of the window, from the reimbursements area's per-month totals (a few hundred rows whatever the record's size). */
export function payerSummary(db: Db, patientId: number, now: Date): PayerSummary {
  const window = summaryWindow(now);
  const totals = periodTotals(db, { patientId, ...window });
  const byMonth = new Map(totals.months.map((m) => [m.month, m.spentCents]));
  const sections = totals.sections.map((g) => ({ section: g.section, count: g.count, spentCents: g.spentCents, reimbursedCents: g.reimbursedCents, outOfPocketCents: g.outOfPocketCents }));
  const months = Array.from({ length: SUMMARY_MONTHS }, (_, i) => {
    const month = addMonths(window.from, i).slice(0, 7);
    return { month, spentCents: byMonth.get(month) ?? 0 };
  });
  const peak = months.reduce<(typeof months)[number] | null>((best, m) => (m.spentCents > (best?.spentCents ?? 0) ? m : best), null);
  const t = totals.total;
  return { ...window, sections, total: { count: t.count, spentCents: t.spentCents, reimbursedCents: t.reimbursedCents, outOfPocketCents: t.outOfPocketCents }, peakMonth: peak, months };
}

/** The person's biology acts in the window other than `linked`: how many, and the oldest `first` ids. */
export function unlinkedBiologyActs(db: Db, patientId: number, now: Date, linked: ReadonlySet<number>, first: number): { count: number; firstIds: number[] } {
  const { from, to } = summaryWindow(now);
  return biologyActs(db, patientId, from, to, linked, first);
}
