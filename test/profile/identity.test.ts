import { describe, expect, it } from 'vitest';
import { validateIdentity } from '../../src/profile/identity.js';

const TODAY = '2026-11-26';
const base = { givenName: ' Jean ', familyName: 'DUPONT', birthDate: '1980-01-15', sex: 'm', nir: '1 80 01 75 056 001 03' };
const check = (over: Record<string, string | undefined>) => () => validateIdentity({ ...base, ...over }, TODAY);

describe('identity checks', () => {
  it('cleans a valid identity', () => {
    expect(validateIdentity(base, TODAY)).toEqual({ givenName: 'Jean', familyName: 'DUPONT', birthDate: '1980-01-15', sex: 'M', nir: '180017505600103' });
    expect(validateIdentity({ ...base, nir: '' }, TODAY).nir).toBeNull();
  });

  it('refuses dates that do not exist, and other forms', () => {
    expect(check({ birthDate: '2023-02-29', nir: undefined })).toThrow(expect.objectContaining({ kind: 'usage', message: 'The date of birth "2023-02-29" is not a day of the calendar.' }));
    expect(check({ birthDate: '1980-13-01', nir: undefined })).toThrow(/not a day of the calendar/);
    expect(check({ birthDate: '15/01/1980', nir: undefined })).toThrow('The date of birth "15/01/1980" is not a date in YYYY-MM-DD form.');
    expect(check({ birthDate: '1850-01-01', nir: undefined })).toThrow('The date of birth 1850-01-01 is out of range: dates start at 1900-01-01.');
    expect(validateIdentity({ ...base, birthDate: '2024-02-29', nir: undefined }, TODAY).birthDate).toBe('2024-02-29');
  });

  it('refuses a birth date in the future, but accepts today', () => {
    expect(check({ birthDate: '2026-11-27', nir: undefined })).toThrow('The date of birth 2026-11-27 is in the future (today is 2026-11-26).');
    expect(validateIdentity({ ...base, birthDate: TODAY, nir: undefined }, TODAY).birthDate).toBe(TODAY);
  });

  it('names the field of a missing trait (usage errors), never a flag: the CLI words that', () => {
    expect(check({ givenName: '' })).toThrow(expect.objectContaining({ kind: 'usage', message: 'Missing the given name.', hint: undefined, data: { field: 'givenName', rule: 'required' } }));
    expect(check({ familyName: undefined })).toThrow(expect.objectContaining({ kind: 'usage', data: { field: 'familyName', rule: 'required' } }));
    expect(check({ birthDate: undefined })).toThrow(expect.objectContaining({ kind: 'usage', data: { field: 'birthDate', rule: 'required' } }));
    expect(check({ sex: undefined })).toThrow(expect.objectContaining({ kind: 'usage', data: { field: 'sex', rule: 'required' } }));
  });

  it('refuses names over 100 characters, naming the limit', () => {
    expect(check({ familyName: 'A'.repeat(5000) })).toThrow(expect.objectContaining({ kind: 'invalid', message: 'The family name is 5000 characters long; the limit is 100.' }));
    expect(validateIdentity({ ...base, givenName: 'A'.repeat(100), nir: undefined }, TODAY).givenName).toHaveLength(100);
  });

  it('refuses a sex other than F or M and names with digits or symbols', () => {
    expect(check({ sex: 'X' })).toThrow(expect.objectContaining({ kind: 'invalid', message: 'The sex "X" is not F or M.' }));
    expect(check({ givenName: 'J3an' })).toThrow('The name "J3an" has characters a name cannot have (letters, spaces, hyphens and apostrophes only).');
    expect(validateIdentity({ ...base, givenName: "Jean-Édouard d'Arc", nir: undefined }, TODAY).givenName).toBe("Jean-Édouard d'Arc");
  });

  it('refuses an invalid NIR with the reason', () => {
    expect(check({ nir: '180017505600104' })).toThrow(
      expect.objectContaining({ kind: 'invalid', message: 'The NIR "180017505600104" is not valid: its key is 04 but the first 13 characters give key 03.' }),
    );
  });

  it('refuses a NIR that disagrees with the sex, the year or the month of birth', () => {
    expect(check({ sex: 'F' })).toThrow('The NIR "1 80 01 75 056 001 03" is that of a man (first digit 1) but the sex given is F.');
    expect(check({ birthDate: '1981-01-15' })).toThrow('The NIR "1 80 01 75 056 001 03" gives a birth year ending in 80 but the date of birth is 1981-01-15.');
    expect(check({ birthDate: '1980-02-15' })).toThrow('The NIR "1 80 01 75 056 001 03" gives birth month 01 but the date of birth is 1980-02-15.');
  });
});
