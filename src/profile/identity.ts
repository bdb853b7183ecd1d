import { invalidData, usageError } from '../errors.js';
import { isIsoDate } from '../util/dates.js';
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

/** Checks every identity trait and returns them cleaned; `today` bounds the birth date. */
export function validateIdentity(input: IdentityInput, today: string): Identity {
  const givenName = requireName(input.givenName, '--given-name');
  const familyName = requireName(input.familyName, '--family-name');
  const birthDate = (input.birthDate ?? '').trim();
  if (!birthDate) throw usageError('Missing the date of birth.', 'Pass --birth-date YYYY-MM-DD.');
  if (!isIsoDate(birthDate)) {
    throw invalidData(`The date of birth "${birthDate}" is not a real date in YYYY-MM-DD form.`, 'Pass --birth-date YYYY-MM-DD, for example 1980-01-31.');
  }
  if (birthDate > today) throw invalidData(`The date of birth ${birthDate} is in the future.`, 'Check --birth-date.');
  const sex = (input.sex ?? '').trim().toUpperCase();
  if (!sex) throw usageError('Missing the sex.', 'Pass --sex F or --sex M.');
  if (sex !== 'F' && sex !== 'M') throw invalidData(`The sex "${input.sex}" is not F or M.`, 'Pass --sex F or --sex M.');
  const nir = input.nir?.trim() ? checkedNir(input.nir, sex, birthDate) : null;
  return { givenName, familyName, birthDate, sex, nir };
}

function requireName(value: string | undefined, flag: string): string {
  const name = (value ?? '').trim().replace(/\s+/g, ' ');
  if (!name) throw usageError(`Missing ${flag === '--given-name' ? 'the given name' : 'the family name'}.`, `Pass ${flag} NAME.`);
  if (!/^[\p{L}][\p{L}\p{M}' .-]*$/u.test(name)) {
    throw invalidData(`The name "${name}" has characters a name cannot have.`, `Use letters, spaces, hyphens and apostrophes in ${flag}.`);
  }
  return name;
}

/** A NIR must be valid and agree with the sex and, where it carries them, the year and month of birth. */
function checkedNir(raw: string, sex: 'F' | 'M', birthDate: string): string {
  const check = checkNir(raw);
  const fix = 'Check the number on the carte Vitale and pass it with --nir.';
  if (!check.ok) throw invalidData(`The NIR "${raw.trim()}" is not valid: ${check.problem}.`, fix);
  if (check.parts.sex !== sex) {
    throw invalidData(`The NIR "${raw.trim()}" is that of a ${check.parts.sex === 'M' ? 'man' : 'woman'} (first digit ${check.nir[0]}) but --sex is ${sex}.`, fix);
  }
  if (check.parts.year !== birthDate.slice(2, 4)) {
    throw invalidData(`The NIR "${raw.trim()}" gives a birth year ending in ${check.parts.year} but --birth-date is ${birthDate}.`, fix);
  }
  const month = Number(check.parts.month);
  if (month <= 12 && check.parts.month !== birthDate.slice(5, 7)) {
    throw invalidData(`The NIR "${raw.trim()}" gives birth month ${check.parts.month} but --birth-date is ${birthDate}.`, fix);
  }
  return check.nir;
}
