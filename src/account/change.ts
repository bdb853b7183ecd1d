import { auditKeyOf, setAuditKey } from '../audit/key.js';
import { appendAudit } from '../audit/log.js';
import { DmpError } from '../errors.js';
import type { Db, RecordKey } from '../store/database.js';
import { rebuildRecord } from '../store/replace.js';
import { type AccountRow, checkPassword, loadAccount } from './account.js';
import { deriveUnlock, parseKdf, sealAuditSecret, type Unlock } from './keys.js';
import { lockedUntil } from './lockout.js';
import { DEFAULT_COST, type KdfCost, newKdfParams, sameBytes, seal, unseal } from './password.js';
import { replaceRecoveryCodes } from './recovery.js';
import { revokeAllSessions } from './sessions.js';

/** Wrong passwords in a row, typed in a live session, after which every session ends. */
export const WRONG_PASSWORDS_END_SESSION = 3;

/** The record file, for changes that rebuild it (an encrypted record gets a new key). */
export interface RecordFile {
  path: string;
  key?: RecordKey;
}

/**
 * New password: new salt and keys; the TOTP and audit secrets re-sealed (the audit key itself
 * stays, so the log is not re-MACed); every session ended. An encrypted record is rebuilt with
 * the new key beside itself and renamed over the old file: a crash leaves one or the other.
 */
export async function changePassword(
  db: Db,
  input: { current: string; next: string },
  now: Date,
  cost: KdfCost = DEFAULT_COST,
  file?: RecordFile,
): Promise<void> {
  const account = loadAccount(db);
  const old = await verifyPassword(db, account, input.current, 'password-change', now);
  checkPassword(input.next);
  const next = await deriveUnlock(input.next, newKdfParams(cost));
  const totp = unseal(old.wrapKey, account.totp_secret);
  const auditSecret = Buffer.from(unseal(old.wrapKey, account.audit_secret!), 'hex');
  const auditKey = auditKeyOf(db)!;
  const apply = (target: Db) => {
    target
      .prepare('UPDATE account SET kdf = ?, password_check = ?, totp_secret = ?, audit_secret = ?, failed_count = 0, locked_until = NULL, updated_at = ? WHERE id = 1')
      .run(JSON.stringify(next.kdf), next.check, seal(next.wrapKey, totp), sealAuditSecret(next.wrapKey, auditSecret), now.toISOString());
    revokeAllSessions(target, now);
    appendAudit(target, { actor: account.username, action: 'account.password-change' }, now);
  };
  if (account.storage !== 'encrypted') return void db.transaction(() => apply(db)).immediate();
  if (!file?.key) throw new Error('changing the password of an encrypted record needs its file and key');
  rebuildRecord(file.path, {
    key: file.key,
    newKey: next.recordKey,
    change: (copy) => {
      setAuditKey(copy, auditKey);
      apply(copy);
    },
  });
}

export async function regenerateRecoveryCodes(db: Db, password: string, now: Date): Promise<string[]> {
  const account = loadAccount(db);
  await verifyPassword(db, account, password, 'recovery-codes', now);
  return db.transaction(() => {
    const codes = replaceRecoveryCodes(db);
    appendAudit(db, { actor: account.username, action: 'account.recovery-codes' }, now);
    return codes;
  }).immediate();
}

/** Checks the account password for a sensitive command (record delete): a wrong one counts as above, exit 3. */
export async function confirmPassword(db: Db, password: string, purpose: string, now: Date): Promise<void> {
  await verifyPassword(db, loadAccount(db), password, purpose, now);
}

/**
 * Verifies the password alone. A wrong one is counted toward the login lockout and audited;
 * after a few in a row every session ends (someone at an unlocked session guessing).
 */
async function verifyPassword(db: Db, account: AccountRow, password: string, purpose: string, now: Date): Promise<Unlock> {
  const unlock = await deriveUnlock(password, parseKdf(account.kdf));
  if (sameBytes(unlock.check, account.password_check)) return unlock;
  const ended = db.transaction(() => {
    const failures = loadAccount(db).failed_count + 1;
    db.prepare('UPDATE account SET failed_count = ?, locked_until = ? WHERE id = 1').run(failures, lockedUntil(failures, now));
    appendAudit(db, { actor: account.username, action: 'account.wrong-password', details: { purpose, consecutiveFailures: failures } }, now);
    if (failures < WRONG_PASSWORDS_END_SESSION) return false;
    revokeAllSessions(db, now);
    appendAudit(db, { actor: account.username, action: 'session.ended', details: { reason: 'wrong-passwords', consecutiveFailures: failures } }, now);
    return true;
  }).immediate();
  if (!ended) throw new DmpError('auth', 'The current password is wrong.', 'Type the password you log in with.');
  throw new DmpError('auth', `The current password is wrong, ${WRONG_PASSWORDS_END_SESSION} or more times in a row: every session was ended.`, 'Log in again.', { sessionsEnded: true });
}
