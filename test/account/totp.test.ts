import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpCode, totpUri } from '../../src/account/totp.js';
import { base32 } from '../helpers/base32.js';

// RFC 6238 Appendix B, SHA-1: the seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32(Buffer.from('12345678901234567890', 'ascii'));
const VECTORS = [
  { t: 59, code8: '94287082' },
  { t: 1111111109, code8: '07081804' },
];
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP (RFC 6238)', () => {
  it('matches the Appendix B SHA-1 vectors with 8 digits (same algorithm and secret decoding)', () => {
    for (const v of VECTORS) {
      expect(generateSync({ secret: RFC_SECRET, epoch: v.t, period: 30, digits: 8 })).toBe(v.code8);
    }
  });

  it('gives the last six digits of the vectors as its 6-digit codes', () => {
    for (const v of VECTORS) expect(totpCode(RFC_SECRET, at(v.t))).toBe(v.code8.slice(2));
  });

  it('accepts the vector codes at their time and returns their time step', () => {
    for (const v of VECTORS) expect(checkTotp(RFC_SECRET, v.code8.slice(2), at(v.t), 0)).toBe(Math.floor(v.t / 30));
  });

  it('refuses a wrong code, a code of the wrong length and non-digits', () => {
    const now = at(1111111109);
    const right = totpCode(RFC_SECRET, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(checkTotp(RFC_SECRET, wrong, now, 0)).toBeNull();
    expect(checkTotp(RFC_SECRET, right.slice(1), now, 0)).toBeNull();
    expect(checkTotp(RFC_SECRET, `${right}0`, now, 0)).toBeNull();
    expect(checkTotp(RFC_SECRET, 'abcdef', now, 0)).toBeNull();
    expect(checkTotp(RFC_SECRET, '', now, 0)).toBeNull();
  });

  describe('clock drift', () => {
    // Both at a step boundary and in the middle of a step.
    for (const offset of [0, 15]) {
      const now = at(1_795_000_020 + offset);
      const codeAt = (steps: number) => totpCode(RFC_SECRET, new Date(now.getTime() + steps * 30_000));

      it(`accepts one step either way (${offset}s into the step)`, () => {
        expect(checkTotp(RFC_SECRET, codeAt(-1), now, 0)).not.toBeNull();
        expect(checkTotp(RFC_SECRET, codeAt(1), now, 0)).not.toBeNull();
      });

      it(`refuses two steps either way (${offset}s into the step)`, () => {
        expect(checkTotp(RFC_SECRET, codeAt(-2), now, 0)).toBeNull();
        expect(checkTotp(RFC_SECRET, codeAt(2), now, 0)).toBeNull();
      });
    }
  });

  describe('replay', () => {
    const now = at(1_795_000_035);

    it('refuses a code whose step was already used, and earlier steps', () => {
      const step = checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now, 0);
      expect(step).not.toBeNull();
      expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now, step!)).toBeNull();
      expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, at(1_795_000_005)), now, step!)).toBeNull();
    });

    it('accepts the next step after a used one', () => {
      const step = checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now, 0)!;
      const later = new Date(now.getTime() + 30_000);
      expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, later), later, step)).toBe(step + 1);
    });

    it('refuses (without throwing) when the last used step is ahead of the clock', () => {
      // The clock went back after a login (NTP correction, or a machine restored from sleep).
      const step = checkTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now, 0)!;
      const earlier = new Date(now.getTime() - 10 * 60_000);
      expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, earlier), earlier, step)).toBeNull();
    });
  });

  it('makes base32 secrets of at least 160 bits and an otpauth:// URI that carries them', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
    expect(secret).not.toBe(newTotpSecret());
    const uri = new URL(totpUri('marie', secret));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('dmp');
    expect(decodeURIComponent(uri.pathname)).toContain('marie');
  });
});
