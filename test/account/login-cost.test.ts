import { beforeEach, describe, expect, it, vi } from 'vitest';

// Counts scrypt runs and their cost: a wrong username must cost what a wrong password costs,
// or the time taken would tell an attacker which part was wrong.
const runs: { N: number }[] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = (password: unknown, salt: unknown, keylen: number, options: { N: number }, callback: unknown) => {
    runs.push({ N: options.N });
    return (real.scrypt as (...a: unknown[]) => void)(password, salt, keylen, options, callback);
  };
  return { ...real, default: { ...real, scrypt }, scrypt };
});

const { login } = await import('../../src/account/account.js');
const { totpCode } = await import('../../src/account/totp.js');
const { memoryAccount } = await import('../helpers/record.js');
const { PASSWORD, START, TEST_KDF } = await import('../helpers/cli.js');

describe('the cost of a login attempt', () => {
  beforeEach(() => {
    runs.length = 0;
  });

  it('is one scrypt run at the stored cost, whatever was wrong', async () => {
    const { db, enrolment } = await memoryAccount();
    let now = new Date(START);
    const attempt = async (username: string, password: string) => {
      now = new Date(now.getTime() + 30_000);
      runs.length = 0;
      await login(db, { username, password, code: totpCode(enrolment.totp.secret, now) }, now).catch(() => undefined);
      return runs.map((r) => r.N);
    };
    expect(await attempt('nobody', PASSWORD)).toEqual([TEST_KDF.N]);
    expect(await attempt('marie', 'wrong password')).toEqual([TEST_KDF.N]);
    expect(await attempt('marie', PASSWORD)).toEqual([TEST_KDF.N]);
  });
});
