import { invalidData } from '../errors.js';

/** Luhn: from the right, double every second digit (subtracting 9 above 9); the sum ends in 0. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * An RPPS number (the professional's national number): 11 digits, spaces allowed between them,
 * the last one a Luhn check digit (common practice rather than a published rule, so the
 * message says only that the check digit fails).
 */
export function validateRpps(raw: string, field = 'RPPS number'): string {
  const compact = raw.trim().replace(/[ .]/g, '');
  const hint = 'An RPPS number has 11 digits; copy it from the professional\'s card, prescription or the annuaire santé.';
  if (!/^\d+$/.test(compact)) throw invalidData(`The ${field} "${raw}" is not a number: it must be 11 digits.`, hint);
  if (compact.length !== 11) throw invalidData(`The ${field} "${raw}" has ${compact.length} digits; an RPPS number has 11.`, hint);
  if (!luhnValid(compact)) throw invalidData(`The ${field} "${raw}" fails its check digit (the last digit does not match the others).`, 'Check each digit: one is probably mistyped.');
  return compact;
}
