import { describe, expect, it } from 'vitest';
import { changePassword, checkPassword, login } from '../../src/account/account.js';
import { DEFAULT_COST, derivePasswordKeys, type KdfParams, newKdfParams, seal, unseal } from '../../src/account/password.js';
import { totpCode } from '../../src/account/totp.js';
import { DmpError } from '../../src/errors.js';
import { PASSWORD, START, TEST_KDF } from '../helpers/cli.js';
import { memoryAccount } from '../helpers/record.js';

const storedKdf = (db: import('../../src/store/database.js').Db) =>
  JSON.parse((db.prepare('SELECT kdf FROM account').get() as { kdf: string }).kdf) as KdfParams;
const sealedSecret = (db: import('../../src/store/database.js').Db) =>
  (db.prepare('SELECT totp_secret FROM account').get() as { totp_secret: Buffer }).totp_secret;

describe('password hashing', () => {
  it('defaults to at least OWASP scrypt parameters', () => {
    expect(DEFAULT_COST.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(DEFAULT_COST.r).toBeGreaterThanOrEqual(8);
    expect(DEFAULT_COST.p).toBeGreaterThanOrEqual(1);
  });

  it('keeps the cost existing encrypted records were keyed with (a new cost would not open them)', () => {
    expect(DEFAULT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('stores the scrypt parameters and a random salt beside the hash', async () => {
    const { db } = await memoryAccount();
    const kdf = storedKdf(db);
    expect(kdf).toMatchObject({ alg: 'scrypt', ...TEST_KDF });
    expect(Buffer.from(kdf.salt, 'base64')).toHaveLength(16);
    expect(newKdfParams(TEST_KDF).salt).not.toBe(newKdfParams(TEST_KDF).salt);
  });

  it('derives keys from the stored parameters: same params same keys, other cost or salt other keys', async () => {
    const params = newKdfParams(TEST_KDF);
    const a = await derivePasswordKeys(PASSWORD, params);
    const b = await derivePasswordKeys(PASSWORD, { ...params });
    expect(a.check.equals(b.check)).toBe(true);
    const otherCost = await derivePasswordKeys(PASSWORD, { ...params, N: 2 ** 11 });
    expect(otherCost.check.equals(a.check)).toBe(false);
    const otherSalt = await derivePasswordKeys(PASSWORD, newKdfParams(TEST_KDF));
    expect(otherSalt.check.equals(a.check)).toBe(false);
    expect(a.wrapKey.equals(a.check)).toBe(false);
  });

  it('does not store the password or the TOTP secret in clear', async () => {
    const { db, enrolment } = await memoryAccount();
    const row = db.prepare('SELECT * FROM account').get() as Record<string, unknown>;
    const dump = JSON.stringify(row, (_k, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v));
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain(enrolment.totp.secret);
  });

  it('refuses the wrong password', async () => {
    const { db, enrolment } = await memoryAccount();
    const now = new Date(START.getTime() + 60_000);
    await expect(login(db, { username: 'marie', password: 'wrong password!', code: totpCode(enrolment.totp.secret, now) }, now)).rejects.toMatchObject({
      kind: 'auth',
    });
  });

  it('refuses passwords under 10 characters, counting characters not bytes', () => {
    expect(() => checkPassword('short')).toThrow(/5 characters long; it needs at least 10/);
    expect(() => checkPassword('éééééééééé')).not.toThrow();
    expect(() => checkPassword('ééééé')).toThrow(DmpError);
  });
});

describe('sealing the TOTP secret', () => {
  it('unseals with the same key and fails with another', async () => {
    const params = newKdfParams(TEST_KDF);
    const key = (await derivePasswordKeys(PASSWORD, params)).wrapKey;
    const other = (await derivePasswordKeys('another password', params)).wrapKey;
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP');
    expect(unseal(key, sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => unseal(other, sealed)).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => unseal(key, tampered)).toThrow();
  });

  it('is re-wrapped on a password change: the new password opens it, the old one no longer does', async () => {
    const { db, enrolment } = await memoryAccount();
    const before = storedKdf(db);
    await changePassword(db, { current: PASSWORD, next: 'a brand new password' }, START, TEST_KDF);
    const after = storedKdf(db);
    expect(after.salt).not.toBe(before.salt);
    const sealed = sealedSecret(db);
    const newKey = (await derivePasswordKeys('a brand new password', after)).wrapKey;
    expect(unseal(newKey, sealed)).toBe(enrolment.totp.secret);
    const oldKey = (await derivePasswordKeys(PASSWORD, before)).wrapKey;
    expect(() => unseal(oldKey, sealed)).toThrow();
  });

  it('refuses a password change with the wrong current password, and a too short new one', async () => {
    const { db } = await memoryAccount();
    await expect(changePassword(db, { current: 'not the password', next: 'a brand new password' }, START, TEST_KDF)).rejects.toThrow(
      'The current password is wrong.',
    );
    await expect(changePassword(db, { current: PASSWORD, next: 'short' }, START, TEST_KDF)).rejects.toThrow(/needs at least 10/);
  });
});
