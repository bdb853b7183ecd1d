import type { Db } from '../store/database.js';
import { lockedUntil } from './lockout.js';

/**
 * Where wrong passwords are counted. A wrong password cannot open an encrypted record, so it
 * cannot be counted (or audited) inside it: the CLI keeps these in a small file beside the
 * session (per record), and the next successful login writes them into the audit log.
 * Failures that happen once the password opened the record (wrong code, wrong username) are
 * counted in the record itself.
 */
export interface FailureEvent {
  at: string;
  kind: 'password' | 'refused-locked';
  /** Whether the username typed was the account's; null when it could not be known (the record stayed shut). */
  usernameMatched: boolean | null;
}

export interface FailureLedger {
  events(): FailureEvent[];
  add(event: FailureEvent): void;
  clear(): void;
}

export function memoryLedger(): FailureLedger {
  let list: FailureEvent[] = [];
  return { events: () => [...list], add: (e) => void list.push(e), clear: () => void (list = []) };
}

/** Records opened without a ledger (tests, in-memory records) keep one beside the connection. */
const defaults = new WeakMap<Db, FailureLedger>();
export function defaultLedger(db: Db): FailureLedger {
  let ledger = defaults.get(db);
  if (!ledger) defaults.set(db, (ledger = memoryLedger()));
  return ledger;
}

export function passwordFailures(events: FailureEvent[]): number {
  return events.filter((e) => e.kind === 'password').length;
}

/** The end of the lock the counted wrong passwords impose, if it is still running. */
export function ledgerLockedUntil(events: FailureEvent[], now: Date): string | null {
  const failures = events.filter((e) => e.kind === 'password');
  const last = failures[failures.length - 1];
  if (!last) return null;
  const until = lockedUntil(failures.length, new Date(last.at));
  return until && until > now.toISOString() ? until : null;
}
