import { fieldError } from '../errors.js';
import { dateProblem, describeDateProblem } from '../util/dates.js';
import { checkNir } from './nir.js';

export interface IdentityInput {
  givenName?: string;
  familyName?: string;
  birthDate?: string;
  sex?: string;
  nir?: string;
}

export interface Identity {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'F' | 'M';
  nir: string | null;
}

/** Longest given or family name accepted (the civil registry's longest run well under it). */
export const MAX_NAME_LENGTH = 100;

/**
 * Checks every identity trait and returns them cleaned; `today` bounds the birth date. Errors
 * name the field (givenName, birthDate...) in their data; the caller words the way to fix it.
 */
export function validateIdentity(input: IdentityInput, today: string): Identity {
  const givenName = requireName(input.givenName, 'givenName', 'the given name');
  const familyName = requireName(input.familyName, 'familyName', 'the family name');
  const birthDate = validateBirthDate(input.birthDate, today);
  const sex = (input.sex ?? '').trim().toUpperCase();
  if (!sex) throw fieldError('usage', 'Missing the sex.', { field: 'sex', rule: 'required' });
  if (sex !== 'F' && sex !== 'M') throw fieldError('invalid', `The sex "${input.sex}" is not F or M.`, { field: 'sex', value: String(input.sex), rule: 'F or M' });
  const nir = input.nir?.trim() ? checkedNir(input.nir, sex, birthDate) : null;
  return { givenName, familyName, birthDate, sex, nir };
}

/** A date of birth: a real day from 1900 on, not after today. A malformed one is a usage error like any other date. */
export function validateBirthDate(value: string | undefined, today: string): string {
  const birthDate = (value ?? '').trim();
  if (!birthDate) throw fieldError('usage', 'Missing the date of birth.', { field: 'birthDate', rule: 'required' });
  const problem = dateProblem(birthDate, { max: today });
  if (problem) throw fieldError('usage', describeDateProblem('The date of birth', birthDate, problem, { max: today }), { field: 'birthDate', value: birthDate, rule: problem });
  return birthDate;
}

function requireName(value: string | undefined, field: 'givenName' | 'familyName', what: string): string {
  const name = (value ?? '').trim().replace(/\s+/g, ' ');
  if (!name) throw fieldError('usage', `Missing ${what}.`, { field, rule: 'required' });
  if (name.length > MAX_NAME_LENGTH) {
    throw fieldError('invalid', `${capitalise(what)} is ${name.length} characters long; the limit is ${MAX_NAME_LENGTH}.`, { field, rule: 'max-length' });
  }
  if (!/^[\p{L}][\p{L}\p{M}' .-]*$/u.test(name)) {
    throw fieldError('invalid', `The name "${name}" has characters a name cannot have (letters, spaces, hyphens and apostrophes only).`, { field, value: name, rule: 'characters' });
  }
  return name;
}

const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** A NIR must be valid and agree with the sex and, where it carries them, the year and month of birth. */
function checkedNir(raw: string, sex: 'F' | 'M', birthDate: string): string {
  const check = checkNir(raw);
  const shown = raw.trim();
  const fail = (message: string, rule: string) => fieldError('invalid', message, { field: 'nir', value: shown, rule });
  if (!check.ok) throw fail(`The NIR "${shown}" is not valid: ${check.problem}.`, 'checksum');
  if (check.parts.sex !== sex) {
    throw fail(`The NIR "${shown}" is that of a ${check.parts.sex === 'M' ? 'man' : 'woman'} (first digit ${check.nir[0]}) but the sex given is ${sex}.`, 'sex');
  }
  if (check.parts.year !== birthDate.slice(2, 4)) {
    throw fail(`The NIR "${shown}" gives a birth year ending in ${check.parts.year} but the date of birth is ${birthDate}.`, 'birth-year');
  }
  const month = Number(check.parts.month);
  if (month <= 12 && check.parts.month !== birthDate.slice(5, 7)) {
    throw fail(`The NIR "${shown}" gives birth month ${check.parts.month} but the date of birth is ${birthDate}.`, 'birth-month');
  }
  return check.nir;
}
