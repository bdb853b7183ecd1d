import type { Db } from '../store/database.js';
import type { Section } from './sections.js';

/** The sums of a person's acts of one month and section. */
export interface MonthCell {
  month: string;
  section: Section;
  count: number;
  spentCents: number;
  reimbursedCents: number;
  deductibleCents: number;
  complementaryCents: number;
}

const AMOUNTS = ['count', 'spentCents', 'reimbursedCents', 'deductibleCents', 'complementaryCents'] as const;

/** The sums of a group of acts, under MonthCell's names. */
export const SUMS = `count(*) AS count, sum(spent_cents) AS spentCents, sum(reimbursed_cents) AS reimbursedCents,
  coalesce(sum(deductible_cents), 0) AS deductibleCents, coalesce(sum(complementary_cents), 0) AS complementaryCents`;

type Range = [from: string, to: string];

/**
 * A person's sums per section over some days of one month: the partial months at the edges of
 * a period (the default 24-month window starts and ends on today's day of the month). Read
 * from the (person, care date) index, which carries the amounts: either the acts of those days,
 * or the month's totals (reimbursement_month) minus the acts of its other days, whichever
 * reads fewer days' acts. Days before the person's first act or after their last count for
 * none: the window's last month, up to today, is its month's totals less nothing.
 */
export class EdgeMonths {
  private readonly days;
  private readonly month;
  private readonly span: Range | undefined;

  constructor(
    db: Db,
    private readonly patientId: number,
  ) {
    this.days = db.prepare(`SELECT substr(care_date, 1, 7) AS month, section, ${SUMS} FROM reimbursement WHERE patient_id = ? AND care_date BETWEEN ? AND ? GROUP BY 1, 2`);
    this.month = db.prepare(
      `SELECT month, section, count, spent_cents AS spentCents, reimbursed_cents AS reimbursedCents, deductible_cents AS deductibleCents,
              complementary_cents AS complementaryCents
       FROM reimbursement_month WHERE patient_id = ? AND month = ? AND count <> 0`,
    );
    // Two queries: SQLite answers a lone min() or max() from the index's end, not both at once.
    const first = db.prepare('SELECT min(care_date) FROM reimbursement WHERE patient_id = ?').pluck().get(patientId) as string | null;
    const last = db.prepare('SELECT max(care_date) FROM reimbursement WHERE patient_id = ?').pluck().get(patientId) as string | null;
    this.span = first === null || last === null ? undefined : [first, last];
  }

  /** The sums over [from, to], two days of the same month (YYYY-MM-DD), per section. */
  cells(from: string, to: string): MonthCell[] {
    if (!this.span) return [];
    const month = from.slice(0, 7);
    const others: Range[] = [[`${month}-01`, shiftDay(from, -1)], [shiftDay(to, 1), lastDayOf(month)]];
    if (others.reduce((n, r) => n + this.daysWithActs(r), 0) >= this.daysWithActs([from, to])) return this.sums([from, to]);
    const cells = new Map((this.month.all(this.patientId, month) as MonthCell[]).map((c) => [c.section, { ...c }]));
    for (const range of others) {
      for (const part of this.sums(range)) {
        const cell = cells.get(part.section);
        // Totals that do not cover the acts (edited behind dmp's back): the days themselves are summed.
        if (!cell || cell.count < part.count) return this.sums([from, to]);
        for (const k of AMOUNTS) cell[k] -= part[k];
      }
    }
    return [...cells.values()].filter((c) => c.count !== 0);
  }

  private sums([from, to]: Range): MonthCell[] {
    return from > to ? [] : (this.days.all(this.patientId, from, to) as MonthCell[]);
  }

  /** Days of the range between the person's first and last acts. */
  private daysWithActs([from, to]: Range): number {
    const a = from > this.span![0] ? from : this.span![0];
    const b = to < this.span![1] ? to : this.span![1];
    return a > b ? 0 : (Date.parse(b) - Date.parse(a)) / DAY_MS + 1;
  }
}

const DAY_MS = 86_400_000;

const shiftDay = (day: string, by: number) => new Date(Date.parse(day) + by * DAY_MS).toISOString().slice(0, 10);

/** The last day of a month (YYYY-MM), as YYYY-MM-DD. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
