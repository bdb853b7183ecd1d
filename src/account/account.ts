import { auditMacKey, newAuditSecret, setAuditKey } from '../audit/key.js';
import { appendAudit } from '../audit/log.js';
import { fieldError, invalidData } from '../errors.js';
import type { Identity } from '../profile/identity.js';
import { addPatient, type Patient } from '../profile/patients.js';
import type { Db } from '../store/database.js';
import { deriveUnlock, sealAuditSecret, type Unlock } from './keys.js';
import { DEFAULT_COST, type KdfCost, MIN_PASSWORD_LENGTH, newKdfParams, seal } from './password.js';
import { replaceRecoveryCodes } from './recovery.js';
import { newTotpSecret, totpUri } from './totp.js';

/** How the record file is kept (see migration 004). */
export type Storage = 'legacy' | 'encrypted' | 'unencrypted';

export interface AccountRow {
  username: string;
  holder_id: number;
  kdf: string;
  password_check: Buffer;
  totp_secret: Buffer;
  totp_last_step: number;
  failed_count: number;
  locked_until: string | null;
  audit_secret: Buffer | null;
  storage: Storage;
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

export interface CreateOptions {
  /** Keys already derived (an encrypted record: its file was created with unlock.recordKey). */
  unlock?: Unlock;
  storage?: Storage;
  /** Random bytes for the account's secrets (default crypto's): dmp seed passes a seeded generator's. */
  random?: (size: number) => Buffer;
}

/** Creates the holder and the account in one transaction; loads the new audit key for `db`. */
export async function createAccount(
  db: Db,
  input: { username: string; password: string; identity: Identity },
  now: Date,
  cost: KdfCost = DEFAULT_COST,
  options: CreateOptions = {},
): Promise<Enrolment> {
  const username = checkUsername(input.username);
  checkPassword(input.password);
  const unlock = options.unlock ?? (await deriveUnlock(input.password, newKdfParams(cost, options.random)));
  const secret = newTotpSecret(options.random);
  const auditSecret = newAuditSecret(options.random);
  setAuditKey(db, auditMacKey(auditSecret));
  return db.transaction(() => {
    const holder = addPatient(db, input.identity, now, true);
    db.prepare(
      `INSERT INTO account (id, username, holder_id, kdf, password_check, totp_secret, audit_secret, storage, created_at, updated_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      username,
      holder.id,
      JSON.stringify(unlock.kdf),
      unlock.check,
      seal(unlock.wrapKey, secret, options.random),
      sealAuditSecret(unlock.wrapKey, auditSecret, options.random),
      options.storage ?? 'unencrypted',
      now.toISOString(),
      now.toISOString(),
    );
    const recoveryCodes = replaceRecoveryCodes(db, options.random);
    appendAudit(db, { actor: username, action: 'account.create', target: `patient:${holder.id}`, details: { storage: options.storage ?? 'unencrypted' } }, now);
    return { holder, username, totp: { secret, uri: totpUri(username, secret) }, recoveryCodes };
  }).immediate();
}

export function accountUsername(db: Db): string | null {
  const row = db.prepare('SELECT username FROM account WHERE id = 1').get() as { username: string } | undefined;
  return row?.username ?? null;
}

export function accountStorage(db: Db): Storage | null {
  const row = db.prepare('SELECT storage FROM account WHERE id = 1').get() as { storage: Storage } | undefined;
  return row?.storage ?? null;
}

export function loadAccount(db: Db): AccountRow {
  const row = db.prepare('SELECT * FROM account WHERE id = 1').get() as AccountRow | undefined;
  if (!row) throw fieldError('usage', 'This record has no account.', { field: 'account', rule: 'missing' });
  return row;
}

export { login, type LoginInput, type LoginResult } from './login.js';
export { changePassword, confirmPassword, regenerateRecoveryCodes } from './change.js';
