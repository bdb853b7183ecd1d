
/*
 * Cell parsers for the hot loop of an import: hand-written scanners rather than regular
 * expressions, and integer arithmetic only (amounts are cents, never floating point).
 * Each returns NaN / null for text it refuses; the caller names the rule.
 */

const SPACE = 0x20;
const TAB = 0x09;
const NBSP = 0xa0;
const NNBSP = 0x202f;
const EURO = 0x20ac;
const ZERO = 0x30;
const NINE = 0x39;

const isBlank = (c: number) => c === SPACE || c === NBSP || c === NNBSP || c === TAB;
const isDigit = (c: number) => c >= ZERO && c <= NINE;

/**
 * A French amount in integer cents: `12,50`, `12,50 €`, `€12,50`, `1 234,56` (grouped by a
 * space, a no-break space or a narrow no-break space), `-3,00`; `12.50` only when
 * `dotDecimal` (the file's delimiter is not a comma). NaN for anything else.
 */
export function parseAmount(text: string, dotDecimal: boolean): number {
  const end = trimEnd(text);
  let i = trimStart(text, end);
  let negative = false;
  let euro = false;
  if (i < end && text.charCodeAt(i) === EURO) {
    euro = true;
    i = skipBlank(text, i + 1, end);
  }
  const sign = text.charCodeAt(i);
  if (sign === 0x2d || sign === 0x2212) {
    negative = true;
    i = skipBlank(text, i + 1, end);
  }
  if (!euro && i < end && text.charCodeAt(i) === EURO) {
    euro = true;
    i = skipBlank(text, i + 1, end);
  }
  let units = 0;
  let digits = 0;
  let group = 0;
  let grouped = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      units = units * 10 + (c - ZERO);
      digits++;
      group++;
    } else if (isBlank(c) && i + 1 < end && isDigit(text.charCodeAt(i + 1))) {
      // A thousands separator: the group before it has 1-3 digits (3 unless it is the first).
      if (group === 0 || group > 3 || (grouped && group !== 3)) return NaN;
      grouped = true;
      group = 0;
    } else break;
  }
  if (digits === 0 || (grouped && group !== 3) || digits > 13) return NaN;
  let cents = units * 100;
  if (i < end) {
    const mark = text.charCodeAt(i);
    if (mark === 0x2c || (mark === 0x2e && dotDecimal)) {
      i++;
      let decimals = 0;
      while (i < end && isDigit(text.charCodeAt(i))) {
        decimals++;
        if (decimals === 1) cents += (text.charCodeAt(i) - ZERO) * 10;
        else if (decimals === 2) cents += text.charCodeAt(i) - ZERO;
        i++;
      }
      if (decimals === 0 || decimals > 2) return NaN;
    }
  }
  i = skipBlank(text, i, end);
  if (!euro && i < end && text.charCodeAt(i) === EURO) i = skipBlank(text, i + 1, end);
  if (i !== end) return NaN;
  return negative ? -cents : cents;
}

/** A rate in hundredths of a percent: `70`, `70 %`, `70%`, `70,0`. NaN for anything else (range checked by the caller). */
export function parseRate(text: string, dotDecimal: boolean): number {
  let end = trimEnd(text);
  if (end > 0 && text.charCodeAt(end - 1) === 0x25) end = trimEnd(text, end - 1);
  const start = trimStart(text, end);
  if (start >= end || !isDigit(text.charCodeAt(start))) return NaN;
  // Same grammar as an amount, without grouping or a euro sign.
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) && c !== 0x2c && c !== 0x2e) return NaN;
  }
  return parseAmount(text.slice(start, end), dotDecimal);
}

/** A positive whole number (`1`, `12`); NaN for `0`, `-1`, `1,5` or text. */
export function parseQuantity(text: string): number {
  const end = trimEnd(text);
  const start = trimStart(text, end);
  if (start === end || end - start > 9) return NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return NaN;
    n = n * 10 + (c - ZERO);
  }
  return n >= 1 ? n : NaN;
}

/** `dd/mm/yyyy` (day and month may have one digit) or `yyyy-mm-dd`, as YYYY-MM-DD; null when not a real date. */
export function parseDate(text: string): string | null {
  const end = trimEnd(text);
  const start = trimStart(text, end);
  const s = start === 0 && end === text.length ? text : text.slice(start, end);
  let day: number;
  let month: number;
  let year: number;
  if (s.length === 10 && s.charCodeAt(4) === 0x2d && s.charCodeAt(7) === 0x2d) {
    year = digitsAt(s, 0, 4);
    month = digitsAt(s, 5, 2);
    day = digitsAt(s, 8, 2);
  } else {
    const first = s.indexOf('/');
    const second = first < 0 ? -1 : s.indexOf('/', first + 1);
    if (first < 1 || first > 2 || second - first < 2 || second - first > 3 || s.length - second !== 5) return null;
    day = digitsAt(s, 0, first);
    month = digitsAt(s, first + 1, second - first - 1);
    year = digitsAt(s, second + 1, 4);
  }
  if (Number.isNaN(day) || Number.isNaN(month) || Number.isNaN(year) || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  // Four year digits always (year 0 is `0000`, never `0`): the range check is the caller's.
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days in a month, by arithmetic (no Date object per cell: this runs for every row). */
function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return NaN;
    n = n * 10 + (c - ZERO);
  }
  return n;
}

function trimEnd(text: string, end = text.length): number {
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end--;
  return end;
}

function trimStart(text: string, end: number): number {
  return skipBlank(text, 0, end);
}

function skipBlank(text: string, i: number, end: number): number {
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return i;
}
