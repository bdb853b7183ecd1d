import { describe, expect, it } from 'vitest';
import { checkNir, formatNir, nirKey, normalizeNir } from '../../src/profile/nir.js';

/** The 13 characters followed by the key they give. */
const withKey = (first13: string) => `${first13}${String(nirKey(first13)).padStart(2, '0')}`;
const problem = (nir: string) => {
  const c = checkNir(nir);
  return c.ok ? '' : c.problem;
};

describe('NIR key (worked examples from the reference page)', () => {
  it('accepts 180017505600103 (key 03)', () => {
    const c = checkNir('180017505600103');
    expect(c.ok).toBe(true);
    expect(nirKey('1800175056001')).toBe(3);
  });

  it('gives key 64 for 2061275111005', () => {
    expect(nirKey('2061275111005')).toBe(64);
    expect(checkNir('206127511100564').ok).toBe(true);
  });

  it('gives key 56 for 1 90 01 2A 001 001 (Corsica, 2A read as 19)', () => {
    expect(nirKey('190012A001001')).toBe(56);
    expect(checkNir('1 90 01 2A 001 001 56').ok).toBe(true);
    expect(checkNir('1 90 01 2a 001 001 56').ok).toBe(true);
  });

  it('reads 2B as 18', () => {
    expect(nirKey('190012B001001')).toBe(nirKey('1900118001001'));
    expect(nirKey('190012B001001')).not.toBe(nirKey('190012A001001'));
  });

  it('says which key was expected when the key is wrong', () => {
    expect(problem('180017505600104')).toBe('its key is 04 but the first 13 characters give key 03');
  });
});

describe('NIR form', () => {
  it('allows the spaces, dots and dashes people type', () => {
    expect(normalizeNir('1 80 01 75 056 001 03')).toBe('180017505600103');
    expect(checkNir('1.80.01.75.056.001-03').ok).toBe(true);
    expect(formatNir('180017505600103')).toBe('1 80 01 75 056 001 03');
  });

  it('refuses a wrong length and says how many characters it has', () => {
    expect(problem('18001750560010')).toMatch(/^it has 14 characters where a NIR has 15/);
    expect(problem('1800175056001030')).toMatch(/^it has 16 characters/);
  });

  it('refuses a sex digit other than 1, 2, 7 or 8', () => {
    expect(problem(withKey('3800175056001'))).toMatch(/first digit \(sex\) must be 1 or 2/);
    expect(checkNir(withKey('7800175056001')).ok).toBe(true);
    expect(checkNir(withKey('8800175056001')).ok).toBe(true);
  });

  it('refuses months that cannot be (00, 13-19, 43-49) and accepts the incomplete-record ones', () => {
    for (const m of ['00', '13', '19', '43', '49']) expect(problem(withKey(`180${m}75056001`))).toMatch(new RegExp(`month of birth "${m}"`));
    for (const m of ['01', '12', '20', '42', '50', '99']) expect(checkNir(withKey(`180${m}75056001`)).ok).toBe(true);
  });

  it('refuses letters other than 2A/2B in the Corsica position, and letters elsewhere', () => {
    expect(problem('1 90 01 2C 001 001 56')).toMatch(/only digits are allowed, except 2A or 2B/);
    expect(problem('1 90 01 3A 001 001 56')).toMatch(/only digits are allowed/);
    expect(problem('1 80 01 75 05A 001 03')).toMatch(/only digits are allowed/);
  });

  it('splits a valid NIR into its parts', () => {
    const c = checkNir('2 06 12 75 111 005 64');
    expect(c.ok && c.parts).toEqual({ sex: 'F', provisional: false, year: '06', month: '12', place: '75111', order: '005', key: '64' });
  });
});
