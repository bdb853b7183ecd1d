import { describe, expect, it } from 'vitest';
import { DmpError } from '../../src/errors.js';
import { normaliseEmail, normalisePhone } from '../../src/profile/contact-fields.js';

function failure(fn: () => unknown): DmpError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DmpError) return err;
    throw err;
  }
  throw new Error('expected a DmpError');
}

describe('normalisePhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 1 23 45 67 89', '+33123456789'],
    ['  01 23 45 67 89 ', '+33123456789'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 (415) 555-0100', '+14155550100'],
  ])('stores %s as %s', (raw, e164) => {
    expect(normalisePhone(raw, 'phone')).toBe(e164);
  });

  it.each([
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    ['06 12 34 56', 'a French number has 10 digits starting with 0'],
    ['6 12 34 56 78', 'a French number has 10 digits starting with 0'],
    ['06 12 34 56 78 9', 'a French number has 10 digits starting with 0'],
    ['+33 6 12 34 56', 'a French number (+33) has 9 digits after the country code'],
    ['+0 123 4567', 'an international number is + then 7 to 15 digits, not starting with 0'],
    ['+1234567890123456', 'an international number is + then 7 to 15 digits, not starting with 0'],
    ['06 12 ab 56 78', 'only digits, spaces, dots, hyphens and one leading + are allowed'],
    ['06 12 34 56 78\u001b[2J', 'it holds control or invisible characters'],
    ['06\u200b12345678', 'it holds control or invisible characters'],
  ])('refuses %j: %s', (raw, rule) => {
    const err = failure(() => normalisePhone(raw, 'trusted person phone'));
    expect(err.kind).toBe('invalid');
    expect(err.message).toBe(`The trusted person phone "${raw}" is not a phone number: ${rule}.`);
    expect(err.hint).toContain('06 12 34 56 78');
  });
});

describe('normaliseEmail', () => {
  it.each([
    ['marie.dupont@example.fr', 'marie.dupont@example.fr'],
    ['  Marie.Dupont@Example.FR ', 'Marie.Dupont@example.fr'],
    ['m+dmp@mail.example.co.uk', 'm+dmp@mail.example.co.uk'],
    ['élodie@exemple.fr', 'élodie@exemple.fr'],
  ])('stores %s as %s', (raw, stored) => {
    expect(normaliseEmail(raw, 'e-mail')).toBe(stored);
  });

  it.each([
    ['', 'it is empty'],
    ['marie', 'it needs exactly one @ with something before it'],
    ['@example.fr', 'it needs exactly one @ with something before it'],
    ['a@b@example.fr', 'it needs exactly one @ with something before it'],
    ['marie dupont@example.fr', 'it holds spaces, control or invisible characters'],
    ['marie@exa\u0007mple.fr', 'it holds spaces, control or invisible characters'],
    ['marie..dupont@example.fr', 'the part before @ has characters an address cannot have, or misplaced dots'],
    ['.marie@example.fr', 'the part before @ has characters an address cannot have, or misplaced dots'],
    ['marie@localhost', 'the part after @ must be a domain such as example.fr'],
    ['marie@-example.fr', 'the part after @ must be a domain such as example.fr'],
    ['marie@example.f', 'the part after @ must be a domain such as example.fr'],
    ['marie@example..fr', 'the part after @ must be a domain such as example.fr'],
    [`${'a'.repeat(250)}@example.fr`, 'it is longer than 254 characters'],
  ])('refuses %j: %s', (raw, rule) => {
    const err = failure(() => normaliseEmail(raw, 'e-mail'));
    expect(err.kind).toBe('invalid');
    expect(err.message).toBe(`The e-mail "${raw}" is not an e-mail address: ${rule}.`);
    expect(err.hint).toContain('example.fr');
  });
});
