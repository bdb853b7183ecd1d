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
    expect(check({ birthDate: '2023-02-29', nir: undefined })).toThrow('The date of birth "2023-02-29" is not a real date in YYYY-MM-DD form.');
    expect(check({ birthDate: '1980-13-01', nir: undefined })).toThrow(/not a real date/);
    expect(check({ birthDate: '15/01/1980', nir: undefined })).toThrow(/not a real date/);
    expect(validateIdentity({ ...base, birthDate: '2024-02-29', nir: undefined }, TODAY).birthDate).toBe('2024-02-29');
  });

  it('refuses a birth date in the future, but accepts today', () => {
    expect(check({ birthDate: '2026-11-27', nir: undefined })).toThrow('The date of birth 2026-11-27 is in the future.');
    expect(validateIdentity({ ...base, birthDate: TODAY, nir: undefined }, TODAY).birthDate).toBe(TODAY);
  });

  it('names the flag of a missing trait (usage errors)', () => {
    expect(check({ givenName: '' })).toThrow(expect.objectContaining({ kind: 'usage', message: 'Missing the given name.', hint: 'Pass --given-name NAME.' }));
    expect(check({ familyName: undefined })).toThrow(expect.objectContaining({ kind: 'usage', hint: 'Pass --family-name NAME.' }));
    expect(check({ birthDate: undefined })).toThrow(expect.objectContaining({ kind: 'usage', hint: 'Pass --birth-date YYYY-MM-DD.' }));
    expect(check({ sex: undefined })).toThrow(expect.objectContaining({ kind: 'usage', hint: 'Pass --sex F or --sex M.' }));
  });

  it('refuses a sex other than F or M and names with digits or symbols', () => {
    expect(check({ sex: 'X' })).toThrow(expect.objectContaining({ kind: 'invalid', message: 'The sex "X" is not F or M.' }));
    expect(check({ givenName: 'J3an' })).toThrow('The name "J3an" has characters a name cannot have.');
    expect(validateIdentity({ ...base, givenName: "Jean-Édouard d'Arc", nir: undefined }, TODAY).givenName).toBe("Jean-Édouard d'Arc");
  });

  it('refuses an invalid NIR with the reason', () => {
    expect(check({ nir: '180017505600104' })).toThrow(
      expect.objectContaining({ kind: 'invalid', message: 'The NIR "180017505600104" is not valid: its key is 04 but the first 13 characters give key 03.' }),
    );
  });

  it('refuses a NIR that disagrees with the sex, the year or the month of birth', () => {
    expect(check({ sex: 'F' })).toThrow('The NIR "1 80 01 75 056 001 03" is that of a man (first digit 1) but --sex is F.');
    expect(check({ birthDate: '1981-01-15' })).toThrow('The NIR "1 80 01 75 056 001 03" gives a birth year ending in 80 but --birth-date is 1981-01-15.');
    expect(check({ birthDate: '1980-02-15' })).toThrow('The NIR "1 80 01 75 056 001 03" gives birth month 01 but --birth-date is 1980-02-15.');
  });
});
