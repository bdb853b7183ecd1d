import { invalidData } from '../errors.js';

/**
 * Measured values stay decimal strings as entered (never floats that drift): a comma becomes a
 * dot, a leading "+" and redundant leading zeros go, the digits after the mark are kept ("5.40"
 * stays "5.40": the lab's precision).
 */
const DECIMAL = /^([+-]?)(\d+)(?:[.,](\d+))?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/** The normalised decimal, or null when `text` is not a plain decimal number. */
export function normaliseDecimal(text: string): string | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const whole = m[2]!.replace(/^0+(?=\d)/, '');
  const sign = m[1] === '-' && !/^0+$/.test(whole + (m[3] ?? '')) ? '-' : '';
  return `${sign}${whole}${m[3] !== undefined ? `.${m[3]}` : ''}`;
}

/** A decimal the field must hold, or an 'invalid' error naming the field and the value. */
export function requireDecimal(text: string, field: string): string {
  const value = normaliseDecimal(text);
  if (value === null) throw invalidData(`The ${field} "${text}" is not a number.`, 'Write it with digits and one decimal comma or point, such as 5,4 or 5.4.');
  return value;
}

/** Exact comparison of two normalised decimals (scaled to integers: no rounding anywhere). */
export function compareDecimals(a: string, b: string): number {
  const scale = Math.max(fraction(a).length, fraction(b).length);
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

const fraction = (d: string) => d.split('.')[1] ?? '';
function scaled(d: string, scale: number): bigint {
  const [whole, frac = ''] = d.split('.');
  return BigInt(`${whole}${frac.padEnd(scale, '0')}`.replace(/^(-?)$/, '$10'));
}

export type Flag = 'high' | 'low' | null;

/** high above the range, low below it, null inside it or when there is no range or number. */
export function flagFor(value: string | null, low: string | null, high: string | null): Flag {
  if (value === null || normaliseDecimal(value) !== value) return null;
  if (high !== null && compareDecimals(value, high) > 0) return 'high';
  if (low !== null && compareDecimals(value, low) < 0) return 'low';
  return null;
}

/**
 * LOINC codes: up to 7 digits, a hyphen and the mod-10 check digit (Luhn on the digits, the
 * rightmost doubled), e.g. 2345-7 (glucose).
 */
export function checkLoinc(raw: string): string {
  const code = raw.trim();
  const m = /^(\d{1,7})-(\d)$/.exec(code);
  if (!m) throw invalidData(`The LOINC code "${raw}" is not in NNNNN-N form.`, 'Copy the code from the lab report, such as 2345-7.');
  const expected = loincCheckDigit(m[1]!);
  if (expected !== Number(m[2])) {
    throw invalidData(`The LOINC code "${raw}" has check digit ${m[2]}, but ${m[1]} needs ${expected}.`, 'Check the code on the lab report.');
  }
  return code;
}

export function loincCheckDigit(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return (10 - (sum % 10)) % 10;
}
