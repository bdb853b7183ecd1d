import type { Db } from '../store/database.js';
import { addDays, lastDayOf } from '../util/dates.js';
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

/** MonthCell's sums, by name. */
export const AMOUNTS = ['count', 'spentCents', 'reimbursedCents', 'deductibleCents', 'complementaryCents'] as const;

/** A reimbursement_month row under MonthCell's names. */
export const MONTH_CELL = `month, section, count, spent_cents AS spentCents, reimbursed_cents AS reimbursedCents, deductible_cents AS deductibleCents,
  complementary_cents AS complementaryCents`;

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
  /** The person's first and last care dates (undefined: no acts), read on first use. */
  private span: Range | undefined | null = null;

  constructor(
    private readonly db: Db,
    private readonly patientId: number,
  ) {}

  /** The sums over [from, to], two days of the same month (YYYY-MM-DD), per section. */
  cells(from: string, to: string): MonthCell[] {
    if (this.span === null) this.span = this.careDates();
    if (!this.span) return [];
    const month = from.slice(0, 7);
    const others: Range[] = [[`${month}-01`, addDays(from, -1)], [addDays(to, 1), lastDayOf(month)]];
    if (others.reduce((n, r) => n + this.daysWithActs(r), 0) >= this.daysWithActs([from, to])) return this.sums([from, to]);
    const totals = this.db.prepare(`SELECT ${MONTH_CELL} FROM reimbursement_month WHERE patient_id = ? AND month = ? AND count <> 0`).all(this.patientId, month) as MonthCell[];
    const cells = new Map(totals.map((c) => [c.section, { ...c }]));
    for (const range of others) {
      for (const part of this.sums(range)) {
        const cell = cells.get(part.section);
        // Totals that cannot hold these acts (a row deleted or a count lowered behind dmp's back):
        // the days themselves are summed. Other edits show; `dmp record check` names them.
        if (!cell || cell.count < part.count) return this.sums([from, to]);
        for (const k of AMOUNTS) cell[k] -= part[k];
      }
    }
    return [...cells.values()].filter((c) => c.count !== 0);
  }

  private sums([from, to]: Range): MonthCell[] {
    if (from > to) return [];
    return this.db
      .prepare(`SELECT substr(care_date, 1, 7) AS month, section, ${SUMS} FROM reimbursement WHERE patient_id = ? AND care_date BETWEEN ? AND ? GROUP BY 1, 2`)
      .all(this.patientId, from, to) as MonthCell[];
  }

  private careDates(): Range | undefined {
    // Two queries: SQLite answers a lone min() or max() from the index's end, not both at once.
    const first = this.db.prepare('SELECT min(care_date) FROM reimbursement WHERE patient_id = ?').pluck().get(this.patientId) as string | null;
    const last = this.db.prepare('SELECT max(care_date) FROM reimbursement WHERE patient_id = ?').pluck().get(this.patientId) as string | null;
    return first === null || last === null ? undefined : [first, last];
  }

  /** Days of the range between the person's first and last acts. */
  private daysWithActs([from, to]: Range): number {
    const a = from > this.span![0] ? from : this.span![0];
    const b = to < this.span![1] ? to : this.span![1];
    return a > b ? 0 : (Date.parse(b) - Date.parse(a)) / DAY_MS + 1;
  }
}

const DAY_MS = 86_400_000;
