import { appendAudit } from '../audit/log.js';
import { authError } from '../errors.js';
import type { Db } from '../store/database.js';
import { type AccountRow, loadAccount } from './account.js';
import { deriveUnlock, loadAuditKey, parseKdf, type Unlock } from './keys.js';
import { defaultLedger, type FailureLedger, ledgerLockedUntil, passwordFailures } from './ledger.js';
import { lockedUntil } from './lockout.js';
import { sameBytes, unseal } from './password.js';
import { consumeRecoveryCode } from './recovery.js';
import { openSession, type SessionInfo } from './sessions.js';
import { checkTotp } from './totp.js';

export interface LoginInput {
  username: string;
  password: string;
  code?: string;
  recoveryCode?: string;
}

export interface LoginOptions {
  /** Keys already derived from the password (the CLI did, to open an encrypted record). */
  unlock?: Unlock;
  /** Where wrong passwords are counted (default: beside the connection). */
  ledger?: FailureLedger;
}

export interface LoginResult {
  token: string;
  session: SessionInfo;
  /** The audit MAC key, for the session to carry. */
  auditKey: Buffer;
}

export const BAD_CREDENTIALS = 'Login failed: the username, password or code is wrong.';
const BAD_HINT = 'Check them and try again; after 5 failures in a row login is locked for a while.';

/** Refuses at once (no scrypt) while the counted wrong passwords keep login locked. */
export function refuseIfLedgerLocked(ledger: FailureLedger, now: Date): void {
  const until = ledgerLockedUntil(ledger.events(), now);
  if (!until) return;
  ledger.add({ at: now.toISOString(), kind: 'refused-locked', usernameMatched: null });
  throw lockedError(until);
}

/** Counts a wrong password in the ledger; the error to show (a lock once there are too many). */
export function passwordFailed(ledger: FailureLedger, now: Date, usernameMatched: boolean | null): Error {
  ledger.add({ at: now.toISOString(), kind: 'password', usernameMatched });
  const until = ledgerLockedUntil(ledger.events(), now);
  return until ? lockedError(until) : authError(BAD_CREDENTIALS, BAD_HINT);
}

/** Checks both factors; on success opens a session, on failure counts it and may lock. */
export async function login(db: Db, input: LoginInput, now: Date, options: LoginOptions = {}): Promise<LoginResult> {
  const ledger = options.ledger ?? defaultLedger(db);
  refuseIfLedgerLocked(ledger, now);
  const before = loadAccount(db);
  const unlock = options.unlock ?? (await deriveUnlock(input.password, parseKdf(before.kdf)));
  const usernameOk = input.username.trim() === before.username;
  if (!sameBytes(unlock.check, before.password_check)) throw passwordFailed(ledger, now, usernameOk);
  const auditKey = loadAuditKey(db, unlock.wrapKey, before.audit_secret);
  const outcome = db.transaction(() => {
    // Read again under the write lock: another login may have counted a failure or used a
    // code while scrypt ran, and decisions on the stale row would lose that.
    const account = loadAccount(db);
    if (isLocked(account, now)) return { error: refuseLocked(db, account, usernameOk, now) };
    const step = usernameOk ? secondFactor(db, account, unlock.wrapKey, input, now) : null;
    if (step === null) return { error: recordFailure(db, account, usernameOk, now) };
    writeLedger(db, ledger, account.username, now);
    db.prepare('UPDATE account SET failed_count = 0, locked_until = NULL, totp_last_step = ? WHERE id = 1').run(step);
    const opened = openSession(db, now);
    appendAudit(db, { actor: account.username, action: 'login', details: { factor: input.recoveryCode ? 'recovery-code' : 'totp' } }, now);
    return { opened };
  }).immediate();
  // The failure is committed (counted, audited) before it is reported.
  if ('error' in outcome) throw outcome.error;
  ledger.clear();
  return { ...outcome.opened, auditKey };
}

/** The wrong passwords counted outside the record, written into its log now that it is open. */
function writeLedger(db: Db, ledger: FailureLedger, username: string, now: Date): void {
  const events = ledger.events();
  let failures = passwordFailures(events.slice(0, -MAX_LEDGER_ROWS));
  for (const e of events.slice(-MAX_LEDGER_ROWS)) {
    const actor = e.usernameMatched ? username : UNKNOWN_ACTOR;
    if (e.kind === 'refused-locked') {
      appendAudit(db, { actor, action: 'login.refused-locked', details: { refusedAt: e.at } }, now);
      continue;
    }
    appendAudit(db, { actor, action: 'login.failed', details: { failedAt: e.at, factor: 'password', usernameMatched: e.usernameMatched } }, now);
    const until = lockedUntil(++failures, new Date(e.at));
    if (until) appendAudit(db, { actor, action: 'login.locked', details: { lockedUntil: until } }, now);
  }
  if (events.length > MAX_LEDGER_ROWS) {
    appendAudit(db, { actor: UNKNOWN_ACTOR, action: 'login.failed', details: { omitted: events.length - MAX_LEDGER_ROWS, passwordFailures: passwordFailures(events) } }, now);
  }
}
const MAX_LEDGER_ROWS = 100;
/** Who a failed attempt is logged as when the username typed was not the account's: never what was typed. */
export const UNKNOWN_ACTOR = '(unknown)';

function isLocked(account: AccountRow, now: Date): boolean {
  return account.locked_until !== null && account.locked_until > now.toISOString();
}

function refuseLocked(db: Db, account: AccountRow, usernameOk: boolean, now: Date): Error {
  appendAudit(db, { actor: usernameOk ? account.username : UNKNOWN_ACTOR, action: 'login.refused-locked', details: { lockedUntil: account.locked_until, usernameMatched: usernameOk } }, now);
  return lockedError(account.locked_until!);
}

/** The TOTP step to remember (unchanged for a recovery code), or null when the factor fails. */
function secondFactor(db: Db, account: AccountRow, wrapKey: Buffer, input: LoginInput, now: Date): number | null {
  if (input.recoveryCode) return consumeRecoveryCode(db, input.recoveryCode, now) ? account.totp_last_step : null;
  const secret = unseal(wrapKey, account.totp_secret);
  // Apps show codes as "123 456"; the space is not part of the code.
  return checkTotp(secret, (input.code ?? '').replace(/\s/g, ''), now, account.totp_last_step);
}

/** Counts and audits a failure after the password was right; returns the error to show. */
export function recordFailure(db: Db, account: AccountRow, usernameOk: boolean, now: Date): Error {
  const failures = account.failed_count + 1;
  const until = lockedUntil(failures, now);
  db.prepare('UPDATE account SET failed_count = ?, locked_until = ? WHERE id = 1').run(failures, until);
  const actor = usernameOk ? account.username : UNKNOWN_ACTOR;
  appendAudit(db, { actor, action: 'login.failed', details: { consecutiveFailures: failures, usernameMatched: usernameOk } }, now);
  if (!until) return authError(BAD_CREDENTIALS, BAD_HINT);
  appendAudit(db, { actor, action: 'login.locked', details: { lockedUntil: until } }, now);
  return lockedError(until);
}

export function lockedError(until: string) {
  return authError(`Login is locked until ${until.replace(/\.\d+Z$/, 'Z')} after repeated failures.`, 'Wait until then; the right password and code will not work before.');
}
