import { describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_MS, inspectSession, LIFETIME_MS, openSession, revokeAllSessions, revokeSession, touchSession } from '../../src/account/sessions.js';
import { openMemoryRecord } from '../../src/store/database.js';
import { START } from '../helpers/cli.js';

const at = (ms: number) => new Date(START.getTime() + ms);
const MIN = 60_000;

describe('sessions', () => {
  it('store only a hash of the token', () => {
    const db = openMemoryRecord();
    const { token } = openSession(db, START);
    const row = db.prepare('SELECT token_hash FROM session').get() as { token_hash: string };
    expect(row.token_hash).not.toContain(token);
    expect(inspectSession(db, token, START).live).toBe(true);
    expect(inspectSession(db, `${token}x`, START)).toEqual({ live: false, reason: 'unknown' });
  });

  it('end after the idle timeout unless used', () => {
    const db = openMemoryRecord();
    const { token, session } = openSession(db, START);
    expect(inspectSession(db, token, at(IDLE_TIMEOUT_MS - MIN)).live).toBe(true);
    touchSession(db, session.id, at(IDLE_TIMEOUT_MS - MIN));
    expect(inspectSession(db, token, at(2 * IDLE_TIMEOUT_MS - 2 * MIN)).live).toBe(true);
    expect(inspectSession(db, token, at(2 * IDLE_TIMEOUT_MS))).toEqual({ live: false, reason: 'expired' });
  });

  it('end at the absolute lifetime however often they are used', () => {
    const db = openMemoryRecord();
    const { token, session } = openSession(db, START);
    for (let t = 0; t < LIFETIME_MS; t += IDLE_TIMEOUT_MS / 2) touchSession(db, session.id, at(t));
    const last = inspectSession(db, token, at(LIFETIME_MS - MIN));
    expect(last.live && last.session.expiresAt).toBe(at(LIFETIME_MS).toISOString());
    expect(inspectSession(db, token, at(LIFETIME_MS))).toEqual({ live: false, reason: 'expired' });
  });

  it('can be revoked, once', () => {
    const db = openMemoryRecord();
    const a = openSession(db, START);
    const b = openSession(db, START);
    expect(revokeSession(db, a.token, START)).toBe(true);
    expect(revokeSession(db, a.token, START)).toBe(false);
    expect(inspectSession(db, a.token, START)).toEqual({ live: false, reason: 'revoked' });
    expect(inspectSession(db, b.token, START).live).toBe(true);
    revokeAllSessions(db, START);
    expect(inspectSession(db, b.token, START)).toEqual({ live: false, reason: 'revoked' });
  });
});
