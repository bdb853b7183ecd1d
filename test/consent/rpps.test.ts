import { describe, expect, it } from 'vitest';
import { luhnValid, validateRpps } from '../../src/consent/rpps.js';

describe('RPPS numbers', () => {
  it('accepts 11 digits whose last is the Luhn key, with spaces between', () => {
    expect(validateRpps('10003456786')).toBe('10003456786');
    expect(validateRpps(' 100 0345 6786 ')).toBe('10003456786');
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it('refuses a wrong check digit, saying so', () => {
    expect(() => validateRpps('10003456787')).toThrow(
      expect.objectContaining({ kind: 'invalid', message: 'The RPPS number "10003456787" fails its check digit (the last digit does not match the others).' }),
    );
  });

  it('refuses the wrong length or non-digits, naming the value', () => {
    expect(() => validateRpps('1000345678')).toThrow(expect.objectContaining({ kind: 'invalid', message: 'The RPPS number "1000345678" has 10 digits; an RPPS number has 11.' }));
    expect(() => validateRpps('1000345678A')).toThrow(expect.objectContaining({ message: 'The RPPS number "1000345678A" is not a number: it must be 11 digits.' }));
    expect(() => validateRpps('')).toThrow(expect.objectContaining({ message: 'The RPPS number "" is not a number: it must be 11 digits.' }));
  });
});
