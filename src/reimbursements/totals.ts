import type { Db } from '../store/database.js';
import { addMonthsToMonth, lastDayOf } from '../util/dates.js';
import { EdgeMonths, MONTH_CELL, SUMS } from './edge-months.js';
import { scanBeatsLookups } from './scan-or-lookup.js';
import { type Section, SECTIONS } from './sections.js';

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

/** Totals of one group: `key` is a section key, a month (YYYY-MM) or a professional's name ('' for none). */
export type Group = Totals & { key: string };

/** What `dmp reimbursements summary --json` prints: the same keys whatever `by`. */
export interface Summary {
  from: string | null;
  to: string | null;
  by: GroupBy;
  groups: Group[];
  total: Totals;
}

/** A person's payer data over a period, per section (the five, in order) and per month (those with acts). */
export interface PeriodTotals {
  from: string | null;
  to: string | null;
  sections: (Totals & { section: Section })[];
  months: (Totals & { month: string })[];
  /** Per month and section, months in order, only pairs with acts. */
  cells: (Totals & { month: string; section: Section })[];
  total: Totals;
}

export interface Period {
  patientId: number;
  /** Inclusive YYYY-MM-DD bounds; null = unbounded. */
  from: string | null;
  to: string | null;
}

/**
 * Totals per section (always the five, in the DMP's order, zeros included), per month or per
 * professional, and overall; integer sums, so they add up to the cent.
 */
export function summarize(db: Db, period: Period, by: GroupBy): Summary {
  let groups: Group[];
  if (by === 'professional') groups = byProfessional(db, period);
  else {
    const cells = monthSectionTotals(db, period);
    groups = by === 'section' ? SECTIONS.map((s) => sum(s, cells.filter((c) => c.section === s))) : groupBy(cells, (c) => c.month);
  }
  return { from: period.from, to: period.to, by, groups, total: strip(sum('', groups)) };
}

/**
 * A person's totals over [from, to] per section, per month and per (month, section): what a
 * record summary shows of payer data. Reads the per-month totals the imports keep, and only
 * the acts of the two partial months at the edges of the period: a few hundred rows whatever
 * the number of acts.
 */
export function periodTotals(db: Db, period: Period): PeriodTotals {
  const cells = monthSectionTotals(db, period);
  return {
    from: period.from,
    to: period.to,
    sections: SECTIONS.map((section) => ({ section, ...strip(sum(section, cells.filter((c) => c.section === section))) })),
    months: groupBy(cells, (c) => c.month).map(({ key, ...t }) => ({ month: key, ...t })),
    cells,
    total: strip(sum('', cells)),
  };
}

type Cell = Totals & { month: string; section: Section };

/**
 * Totals per (month, section). Whole months inside the period come from reimbursement_month;
 * a partial month at either edge (the default window starts and ends mid-month) from
 * EdgeMonths.
 */
function monthSectionTotals(db: Db, { patientId, from, to }: Period): Cell[] {
  const first = from?.slice(0, 7) ?? null;
  const last = to?.slice(0, 7) ?? null;
  const rows: Omit<Cell, 'outOfPocketCents'>[] = [];
  const edges = new EdgeMonths(db, patientId);
  const addEdge = (a: string, b: string) => rows.push(...edges.cells(a, b));
  if (first !== null && first === last) addEdge(from!, to!);
  else {
    const wholeFrom = first === null ? null : from!.endsWith('-01') ? first : addMonthsToMonth(first, 1);
    const wholeTo = last === null ? null : addMonthsToMonth(last, -1);
    if (first !== null && wholeFrom !== first) addEdge(from!, lastDayOf(first));
    if (last !== null) addEdge(`${last}-01`, to!);
    rows.push(
      ...(db
        .prepare(
          `SELECT ${MONTH_CELL} FROM reimbursement_month
           WHERE patient_id = @patientId AND count <> 0 AND (@wholeFrom IS NULL OR month >= @wholeFrom) AND (@wholeTo IS NULL OR month <= @wholeTo)`,
        )
        .all({ patientId, wholeFrom, wholeTo }) as Omit<Cell, 'outOfPocketCents'>[]),
    );
  }
  return rows
    .map((r) => ({ ...r, outOfPocketCents: r.spentCents - r.reimbursedCents - r.complementaryCents }))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section)));
}

/** Totals per professional, whom no index holds: every act of the period is read, as scanBeatsLookups says. */
function byProfessional(db: Db, { patientId, from, to }: Period): Group[] {
  const rows = db
    .prepare(
      `SELECT coalesce(professional, '') AS key, ${SUMS} FROM reimbursement ${scanBeatsLookups(db, { patientId, from, to }) ? 'NOT INDEXED' : ''}
       WHERE patient_id = @patientId AND (@from IS NULL OR care_date >= @from) AND (@to IS NULL OR care_date <= @to)
       GROUP BY 1 ORDER BY 1`,
    )
    .all({ patientId, from, to }) as Omit<Group, 'outOfPocketCents'>[];
  return rows.map((r) => ({ ...r, outOfPocketCents: r.spentCents - r.reimbursedCents - r.complementaryCents }));
}

function groupBy(cells: Cell[], key: (c: Cell) => string): Group[] {
  const groups = new Map<string, Cell[]>();
  for (const c of cells) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, cs]) => sum(k, cs));
}

function sum(key: string, parts: Totals[]): Group {
  const g: Group = { key, count: 0, spentCents: 0, reimbursedCents: 0, deductibleCents: 0, complementaryCents: 0, outOfPocketCents: 0 };
  for (const p of parts) {
    g.count += p.count;
    g.spentCents += p.spentCents;
    g.reimbursedCents += p.reimbursedCents;
    g.deductibleCents += p.deductibleCents;
    g.complementaryCents += p.complementaryCents;
    g.outOfPocketCents += p.outOfPocketCents;
  }
  return g;
}

function strip({ key: _key, ...totals }: Group): Totals {
  return totals;
}

