import { appendAudit } from '../audit/log.js';
import { authError, invalidData, usageError } from '../errors.js';
import type { Identity } from '../profile/identity.js';
import { addPatient, type Patient } from '../profile/patients.js';
import type { Db } from '../store/database.js';
import { lockedUntil } from './lockout.js';
import {
  DEFAULT_COST,
  derivePasswordKeys,
  type KdfCost,
  type KdfParams,
  MIN_PASSWORD_LENGTH,
  newKdfParams,
  sameBytes,
  seal,
  unseal,
} from './password.js';
import { consumeRecoveryCode, replaceRecoveryCodes } from './recovery.js';
import { openSession, revokeAllSessions, type SessionInfo } from './sessions.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';

interface AccountRow {
  username: string;
  holder_id: number;
  kdf: string;
  password_check: Buffer;
  totp_secret: Buffer;
  totp_last_step: number;
  failed_count: number;
  locked_until: string | null;
}

export function checkUsername(username: string): string {
  const u = username.trim();
  if (!/^[\p{L}\p{N}._@+-]{3,64}$/u.test(u)) {
    throw invalidData(`The username "${username}" is not usable.`, 'Use 3 to 64 letters, digits or . _ @ + - (no spaces).');
  }
  return u;
}

export function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw invalidData(`The password is ${[...password].length} characters long; it needs at least ${MIN_PASSWORD_LENGTH}.`, 'Choose a longer password (a few words make a good one).');
  }
}

export interface Enrolment {
  holder: Patient;
  username: string;
  totp: { secret: string; uri: string };
  recoveryCodes: string[];
}

/** Creates the holder and the account in the caller's transaction. */
export async function createAccount(
  db: Db,
  input: { username: string; password: string; identity: Identity },
  now: Date,
  cost: KdfCost = DEFAULT_COST,
): Promise<Enrolment> {
  const username = checkUsername(input.username);
  checkPassword(input.password);
  const kdf = newKdfParams(cost);
  const keys = await derivePasswordKeys(input.password, kdf);
  const secret = newTotpSecret();
  return db.transaction(() => {
    const holder = addPatient(db, input.identity, now, true);
    db.prepare(
      `INSERT INTO account (id, username, holder_id, kdf, password_check, totp_secret, created_at, updated_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(username, holder.id, JSON.stringify(kdf), keys.check, seal(keys.wrapKey, secret), now.toISOString(), now.toISOString());
    const recoveryCodes = replaceRecoveryCodes(db);
    appendAudit(db, { actor: username, action: 'account.create', target: `patient:${holder.id}` }, now);
    return { holder, username, totp: { secret, uri: totpUri(username, secret) }, recoveryCodes };
  })();
}

export function accountUsername(db: Db): string | null {
  const row = db.prepare('SELECT username FROM account WHERE id = 1').get() as { username: string } | undefined;
  return row?.username ?? null;
}

function loadAccount(db: Db): AccountRow {
  const row = db.prepare('SELECT * FROM account WHERE id = 1').get() as AccountRow | undefined;
  if (!row) throw usageError('This record has no account.', 'Create it with `dmp init`.');
  return row;
}

export interface LoginInput {
  username: string;
  password: string;
  code?: string;
  recoveryCode?: string;
}

const BAD_CREDENTIALS = 'Login failed: the username, password or code is wrong.';

/** Checks both factors; on success opens a session, on failure counts it and may lock. */
export async function login(db: Db, input: LoginInput, now: Date): Promise<{ token: string; session: SessionInfo }> {
  const actor = input.username;
  // Refuse early while locked, without spending scrypt time.
  const before = loadAccount(db);
  if (isLocked(before, now)) throw db.transaction(() => refuseLocked(db, before, actor, now)).immediate();
  const keys = await derivePasswordKeys(input.password, JSON.parse(before.kdf) as KdfParams);
  const outcome = db.transaction(() => {
    // Read again under the write lock: another login may have counted a failure or used a
    // code while scrypt ran, and decisions on the stale row would lose that.
    const account = loadAccount(db);
    if (isLocked(account, now)) return { error: refuseLocked(db, account, actor, now) };
    const passwordOk = input.username.trim() === account.username && sameBytes(keys.check, account.password_check);
    const step = passwordOk ? secondFactor(db, account, keys.wrapKey, input, now) : null;
    if (step === null) return { error: recordFailure(db, account, actor, now) };
    db.prepare('UPDATE account SET failed_count = 0, locked_until = NULL, totp_last_step = ? WHERE id = 1').run(step);
    const opened = openSession(db, now);
    appendAudit(db, { actor: account.username, action: 'login', details: { factor: input.recoveryCode ? 'recovery-code' : 'totp' } }, now);
    return { opened };
  }).immediate();
  // The failure is committed (counted, audited) before it is reported.
  if ('error' in outcome) throw outcome.error;
  return outcome.opened;
}

function isLocked(account: AccountRow, now: Date): boolean {
  return account.locked_until !== null && account.locked_until > now.toISOString();
}

function refuseLocked(db: Db, account: AccountRow, actor: string, now: Date): Error {
  appendAudit(db, { actor, action: 'login.refused-locked', details: { lockedUntil: account.locked_until } }, now);
  return lockedError(account.locked_until!);
}

/** The TOTP step to remember (unchanged for a recovery code), or null when the factor fails. */
function secondFactor(db: Db, account: AccountRow, wrapKey: Buffer, input: LoginInput, now: Date): number | null {
  if (input.recoveryCode) return consumeRecoveryCode(db, input.recoveryCode, now) ? account.totp_last_step : null;
  const secret = unseal(wrapKey, account.totp_secret);
  // Apps show codes as "123 456"; the space is not part of the code.
  return checkTotp(secret, (input.code ?? '').replace(/\s/g, ''), now, account.totp_last_step);
}

/** Counts and audits a failed login; returns the error to show (a lock once there are too many). */
function recordFailure(db: Db, account: AccountRow, actor: string, now: Date): Error {
  const failures = account.failed_count + 1;
  const until = lockedUntil(failures, now);
  db.prepare('UPDATE account SET failed_count = ?, locked_until = ? WHERE id = 1').run(failures, until);
  appendAudit(db, { actor, action: 'login.failed', details: { consecutiveFailures: failures } }, now);
  if (!until) return authError(BAD_CREDENTIALS, 'Check them and try again; after 5 failures in a row login is locked for a while.');
  appendAudit(db, { actor, action: 'login.locked', details: { lockedUntil: until } }, now);
  return lockedError(until);
}

function lockedError(until: string) {
  return authError(`Login is locked until ${until.replace(/\.\d+Z$/, 'Z')} after repeated failures.`, 'Wait until then; the right password and code will not work before.');
}

/** Verifies the password alone (a failure is audited); returns the wrapping key so callers can re-wrap secrets. */
async function verifyPassword(db: Db, account: AccountRow, password: string, purpose: string, now: Date): Promise<Buffer> {
  const keys = await derivePasswordKeys(password, JSON.parse(account.kdf) as KdfParams);
  if (!sameBytes(keys.check, account.password_check)) {
    appendAudit(db, { actor: account.username, action: 'account.wrong-password', details: { purpose } }, now);
    throw authError('The current password is wrong.', 'Type the password you log in with.');
  }
  return keys.wrapKey;
}

/** Checks the account password for a sensitive command (a wrong one is audited, exit 3). */
export async function confirmPassword(db: Db, password: string, purpose: string, now: Date): Promise<void> {
  await verifyPassword(db, loadAccount(db), password, purpose, now);
}

/** New password: new salt and keys, the TOTP secret re-wrapped, every other session ended. */
export async function changePassword(
  db: Db,
  input: { current: string; next: string },
  now: Date,
  cost: KdfCost = DEFAULT_COST,
): Promise<void> {
  const account = loadAccount(db);
  const oldKey = await verifyPassword(db, account, input.current, 'password-change', now);
  checkPassword(input.next);
  const kdf = newKdfParams(cost);
  const keys = await derivePasswordKeys(input.next, kdf);
  const secret = unseal(oldKey, account.totp_secret);
  db.transaction(() => {
    db.prepare('UPDATE account SET kdf = ?, password_check = ?, totp_secret = ?, updated_at = ? WHERE id = 1').run(
      JSON.stringify(kdf),
      keys.check,
      seal(keys.wrapKey, secret),
      now.toISOString(),
    );
    revokeAllSessions(db, now);
    appendAudit(db, { actor: account.username, action: 'account.password-change' }, now);
  })();
}

export async function regenerateRecoveryCodes(db: Db, password: string, now: Date): Promise<string[]> {
  const account = loadAccount(db);
  await verifyPassword(db, account, password, 'recovery-codes', now);
  return db.transaction(() => {
    const codes = replaceRecoveryCodes(db);
    appendAudit(db, { actor: account.username, action: 'account.recovery-codes' }, now);
    return codes;
  })();
}
