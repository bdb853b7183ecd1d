import { invalidData } from '../errors.js';

/**
 * Validators for contact details (the holder's, a person's, a trusted person's). Each takes the
 * raw text and the field it came from (named in the error), and returns the stored form or
 * throws DmpError 'invalid'.
 */

/** Control characters, zero-width and bidirectional marks: never part of a phone or an address. */
const HIDDEN = /[\p{Cc}\p{Cf}]/u;

/**
 * A French number (`06 12 34 56 78`, `06.12.34.56.78`, `+33 6 12 34 56 78`, `0033 6 …`) or any
 * E.164 number (`+44 20 7946 0958`), stored as E.164: `+33612345678`.
 * Separators allowed: spaces, dots, hyphens, and a "(0)" after the country code.
 */
export function normalisePhone(raw: string, field: string): string {
  const text = raw.trim();
  const bad = (rule: string) => invalidData(`The ${field} "${raw}" is not a phone number: ${rule}.`, 'Give a French number such as 06 12 34 56 78, or an international one such as +33 6 12 34 56 78.');
  if (!text) throw bad('it is empty');
  if (HIDDEN.test(text)) throw bad('it holds control or invisible characters');
  if (!/^[+\d][\d .\-()]*$/.test(text)) throw bad('only digits, spaces, dots, hyphens and one leading + are allowed');
  let compact = text.replace(/\(0\)/g, '').replace(/[ .\-()]/g, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (compact.startsWith('+')) {
    const digits = compact.slice(1);
    if (!/^[1-9]\d{6,14}$/.test(digits)) throw bad('an international number is + then 7 to 15 digits, not starting with 0');
    if (digits.startsWith('33') && !/^33[1-9]\d{8}$/.test(digits)) throw bad('a French number (+33) has 9 digits after the country code');
    return compact;
  }
  if (!/^0[1-9]\d{8}$/.test(compact)) throw bad('a French number has 10 digits starting with 0');
  return `+33${compact.slice(1)}`;
}

/**
 * An e-mail address as people type one (`local@domain.tld`), trimmed, domain lower-cased (the
 * local part is kept as given: it may be case-sensitive). Deliberately simple: no quoted local
 * parts, no IP literals; at most 254 characters.
 */
export function normaliseEmail(raw: string, field: string): string {
  const text = raw.trim();
  const bad = (rule: string) => invalidData(`The ${field} "${raw}" is not an e-mail address: ${rule}.`, 'Give an address such as marie.dupont@example.fr.');
  if (!text) throw bad('it is empty');
  if (HIDDEN.test(text) || /\s/.test(text)) throw bad('it holds spaces, control or invisible characters');
  if (text.length > 254) throw bad('it is longer than 254 characters');
  const at = text.lastIndexOf('@');
  if (at < 1 || text.indexOf('@') !== at) throw bad('it needs exactly one @ with something before it');
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local.length > 64 || !/^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u.test(local)) {
    throw bad('the part before @ has characters an address cannot have, or misplaced dots');
  }
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => /^[\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(l)) || !/^\p{L}{2,}$/u.test(labels[labels.length - 1]!)) {
    throw bad('the part after @ must be a domain such as example.fr');
  }
  return `${local}@${domain}`;
}
