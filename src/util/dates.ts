const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The earliest date dmp stores (the year 0000 or 1800 are typing mistakes, not care dates). */
export const MIN_DATE = '1900-01-01';

/** What is wrong with a date: not YYYY-MM-DD, a day the calendar lacks, or outside the allowed range. */
export type DateProblem = 'format' | 'calendar' | 'too-early' | 'too-late';

export interface DateBounds {
  /** Earliest allowed day, YYYY-MM-DD (inclusive); MIN_DATE unless given. */
  min?: string;
  /** Latest allowed day, YYYY-MM-DD (inclusive), e.g. today. */
  max?: string;
}

/**
 * The one date check: null when `text` is a YYYY-MM-DD day that exists in the calendar and lies
 * within the bounds, otherwise what is wrong with it. Callers word the message.
 */
export function dateProblem(text: string, bounds: DateBounds = {}): DateProblem | null {
  const m = ISO_DATE.exec(text);
  if (!m) return 'format';
  if (!isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return 'calendar';
  if (text < (bounds.min ?? MIN_DATE)) return 'too-early';
  if (bounds.max !== undefined && text > bounds.max) return 'too-late';
  return null;
}

/** True when `text` is a YYYY-MM-DD date that exists in the calendar (no 2026-02-31), from MIN_DATE on. */
export function isIsoDate(text: string): boolean {
  return dateProblem(text) === null;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0-99 as 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The local calendar day of `now` (the TZ of the machine), as YYYY-MM-DD: between midnight and
 * 1 am in Paris, today is already the new day, which the UTC date is not yet.
 */
export function isoDay(now: Date): string {
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `date` moved by whole months, clamped to the end of a shorter month (2026-03-31 - 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The sentence for a date `dateProblem` refused; `what` names it ("The date of birth"), or '' to start with the value. */
export function describeDateProblem(what: string, value: string, problem: DateProblem, bounds: DateBounds = {}): string {
  const lead = (shown: string) => (what ? `${what} ${shown}` : shown);
  switch (problem) {
    case 'format':
      return `${lead(`"${value}"`)} is not a date in YYYY-MM-DD form.`;
    case 'calendar':
      return `${lead(`"${value}"`)} is not a day of the calendar.`;
    case 'too-early':
      return `${lead(value)} is out of range: dates start at ${bounds.min ?? MIN_DATE}.`;
    case 'too-late':
      return bounds.max !== undefined ? `${lead(value)} is in the future (today is ${bounds.max}).` : `${lead(value)} is out of range.`;
  }
}

/** `date` (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The last day of a month (YYYY-MM), as YYYY-MM-DD. Only the month's day count comes from Date
 * (day 0 of the next month), so 9999-12 works: the day before 10000-01-01, no YYYY-MM-DD, threw.
 */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0-99 as 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(y, m, 0);
  return `${month}-${pad2(d.getUTCDate())}`;
}

/** A month (YYYY-MM) moved by whole months. */
export const addMonthsToMonth = (month: string, months: number): string => addMonths(`${month}-01`, months).slice(0, 7);
