import { afterEach } from 'vitest';
import { createAccount, type Enrolment } from '../../src/account/account.js';
import { validateIdentity } from '../../src/profile/identity.js';
import { type Db, openMemoryRecord } from '../../src/store/database.js';
import { PASSWORD, START, TEST_KDF } from './cli.js';

export const HOLDER = { givenName: 'Marie', familyName: 'DUPONT', birthDate: '1980-01-15', sex: 'F' };

/** An in-memory record with an account (cheap scrypt), closed after the test. */
export async function memoryAccount(now: Date = START): Promise<{ db: Db; enrolment: Enrolment }> {
  const db = openMemoryRecord();
  afterEach(() => db.close());
  const enrolment = await createAccount(db, { username: 'marie', password: PASSWORD, identity: validateIdentity(HOLDER, '2026-11-26') }, now, TEST_KDF);
  return { db, enrolment };
}
