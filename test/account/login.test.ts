import { describe, expect, it } from 'vitest';
import { login } from '../../src/account/account.js';
import { defaultLedger, passwordFailures } from '../../src/account/ledger.js';
import { lockDuration } from '../../src/account/lockout.js';
import { unusedRecoveryCodes } from '../../src/account/recovery.js';
import { totpCode } from '../../src/account/totp.js';
import { listAudit } from '../../src/audit/log.js';
import type { Db } from '../../src/store/database.js';
import { PASSWORD, START } from '../helpers/cli.js';
import { memoryAccount } from '../helpers/record.js';

const BAD = 'Login failed: the username, password or code is wrong.';

/** A clock for one test, and the right or wrong secrets at its time. */
async function setup() {
  const { db, enrolment } = await memoryAccount();
  let now = new Date(START);
  const advance = (ms: number) => (now = new Date(now.getTime() + ms));
  const code = () => totpCode(enrolment.totp.secret, now);
  const attempt = (password = PASSWORD, c?: string, username = 'marie') => login(db, { username, password, code: c ?? code() }, now);
  return { db, enrolment, attempt, advance, code, get now() { return now; } };
}

/** Wrong passwords are counted outside the record (an encrypted one stays shut for them): here beside the connection. */
const failures = (db: Db) => passwordFailures(defaultLedger(db).events());

describe('login', () => {
  it('opens a session with the right password and code', async () => {
    const t = await setup();
    const { token, session } = await t.attempt();
    expect(token).toMatch(/^[\w-]{40,}$/);
    expect(session.createdAt).toBe(t.now.toISOString());
    expect(listAudit(t.db).map((r) => r.action)).toContain('login');
  });

  it('says the same thing for a wrong username, password or code', async () => {
    const t = await setup();
    const wrongCode = String((Number(t.code()) + 1) % 1e6).padStart(6, '0');
    await expect(t.attempt(PASSWORD, undefined, 'pierre')).rejects.toThrow(BAD);
    await expect(t.attempt('wrong password')).rejects.toThrow(BAD);
    await expect(t.attempt(PASSWORD, wrongCode)).rejects.toThrow(BAD);
    // The wrong username and code are counted in the record at once; the wrong password, which
    // cannot open an encrypted record, beside it until the next successful login.
    const failed = listAudit(t.db).filter((r) => r.action === 'login.failed');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ actor: '(unknown)', details: { usernameMatched: false } });
    expect(failures(t.db)).toBe(1);
    await t.attempt(PASSWORD, t.code());
    expect(listAudit(t.db).filter((r) => r.action === 'login.failed')).toHaveLength(3);
    expect(JSON.stringify(listAudit(t.db))).not.toContain('pierre');
  });

  it('accepts a code once: the same code again is a replay', async () => {
    const t = await setup();
    const code = t.code();
    await t.attempt(PASSWORD, code);
    t.advance(5_000);
    await expect(t.attempt(PASSWORD, code)).rejects.toThrow(BAD);
    t.advance(30_000);
    await expect(t.attempt()).resolves.toBeTruthy();
  });

  it('keeps working (refusing replays) when the clock went back after a login', async () => {
    const t = await setup();
    t.advance(10 * 60_000);
    await t.attempt();
    t.advance(-5 * 60_000);
    await expect(t.attempt()).rejects.toThrow(BAD);
  });

  describe('lockout', () => {
    it('locks after five failures in a row, even for the right secrets, and says until when', async () => {
      const t = await setup();
      for (let i = 1; i <= 4; i++) await expect(t.attempt('wrong password')).rejects.toThrow(BAD);
      const lockedAt = t.now;
      const until = new Date(lockedAt.getTime() + lockDuration(5)).toISOString().replace(/\.\d+Z$/, 'Z');
      await expect(t.attempt('wrong password')).rejects.toThrow(`Login is locked until ${until} after repeated failures.`);
      t.advance(lockDuration(5) - 1_000);
      await expect(t.attempt()).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining(`locked until ${until}`) });
      t.advance(2_000);
      await expect(t.attempt()).resolves.toBeTruthy();
      expect(listAudit(t.db).map((r) => r.action)).toEqual(expect.arrayContaining(['login.locked', 'login.refused-locked']));
    });

    it('makes the delay grow with each further failure', async () => {
      const t = await setup();
      for (let i = 1; i <= 4; i++) await expect(t.attempt('wrong password')).rejects.toThrow(BAD);
      const waits: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = t.now.getTime();
        const err = await t.attempt('wrong password').catch((e: Error) => e);
        const until = Date.parse(/until (\S+Z)/.exec((err as Error).message)![1]!);
        waits.push(until - start);
        t.advance(until - start + 1_000);
      }
      expect(waits[0]).toBeGreaterThan(0);
      expect(waits[1]).toBeGreaterThan(waits[0]!);
      expect(waits[2]).toBeGreaterThan(waits[1]!);
      expect(lockDuration(100)).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
    });

    it('resets the count after a success', async () => {
      const t = await setup();
      for (let i = 1; i <= 4; i++) await expect(t.attempt('wrong password')).rejects.toThrow(BAD);
      expect(failures(t.db)).toBe(4);
      await t.attempt();
      expect(failures(t.db)).toBe(0);
      t.advance(30_000);
      for (let i = 1; i <= 4; i++) await expect(t.attempt('wrong password')).rejects.toThrow(BAD);
    });
  });

  describe('concurrent logins (two processes on one record)', () => {
    it('count every failure, so parallel guesses cannot dodge the lockout', async () => {
      const t = await setup();
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => t.attempt('wrong password')));
      const messages = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'logged in'));
      expect(messages.filter((m) => m === BAD)).toHaveLength(4);
      expect(messages.filter((m) => m.startsWith('Login is locked until'))).toHaveLength(2);
      expect(failures(t.db)).toBe(6);
      await expect(t.attempt()).rejects.toThrow(/Login is locked until/);
    });

    it('accept one code only once, even at the same moment', async () => {
      const t = await setup();
      const code = t.code();
      const results = await Promise.allSettled([t.attempt(PASSWORD, code), t.attempt(PASSWORD, code)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });
  });

  describe('recovery codes', () => {
    it('log in once each, in place of the 6-digit code', async () => {
      const t = await setup();
      const [first] = t.enrolment.recoveryCodes;
      expect(t.enrolment.recoveryCodes).toHaveLength(10);
      expect(new Set(t.enrolment.recoveryCodes).size).toBe(10);
      expect(unusedRecoveryCodes(t.db)).toBe(10);
      await login(t.db, { username: 'marie', password: PASSWORD, recoveryCode: first!.toUpperCase() }, t.now);
      expect(unusedRecoveryCodes(t.db)).toBe(9);
      await expect(login(t.db, { username: 'marie', password: PASSWORD, recoveryCode: first! }, t.now)).rejects.toThrow(BAD);
    });

    it('are not used up by a login with the wrong password', async () => {
      const t = await setup();
      const code = t.enrolment.recoveryCodes[1]!;
      await expect(login(t.db, { username: 'marie', password: 'wrong password', recoveryCode: code }, t.now)).rejects.toThrow(BAD);
      await expect(login(t.db, { username: 'marie', password: PASSWORD, recoveryCode: code }, t.now)).resolves.toBeTruthy();
    });
  });
});
