/** Five failures in a row lock login; each further failure doubles the wait, up to a day. */
export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 60 * 1000;
const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

/** How long login stays locked after the `failures`-th consecutive failure (0 while under the limit). */
export function lockDuration(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_LOCK_MS);
}

export function lockedUntil(failures: number, now: Date): string | null {
  const ms = lockDuration(failures);
  return ms === 0 ? null : new Date(now.getTime() + ms).toISOString();
}
