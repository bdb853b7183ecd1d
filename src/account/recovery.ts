import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../store/database.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i
export const RECOVERY_CODE_COUNT = 10;

/** "xxxx-xxxx-xxxx": about 59 bits, single use. */
export function newRecoveryCode(random?: (size: number) => Buffer): string {
  // A seeded generator's bytes (test records only) are folded with a slight modulo bias.
  const pick = random ? () => random(1)[0]! % ALPHABET.length : () => randomInt(ALPHABET.length);
  const chars = Array.from({ length: 12 }, () => ALPHABET[pick()]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

export function hashRecoveryCode(code: string): string {
  const normalized = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHash('sha256').update(`dmp-recovery:${normalized}`).digest('hex');
}

/** Replaces every recovery code with ten new ones; returns them in clear, once. */
export function replaceRecoveryCodes(db: Db, random?: (size: number) => Buffer): string[] {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode(random));
  db.prepare('DELETE FROM recovery_code').run();
  const insert = db.prepare('INSERT INTO recovery_code (code_hash) VALUES (?)');
  for (const code of codes) insert.run(hashRecoveryCode(code));
  return codes;
}

/** Marks the code used if it is a live one. */
export function consumeRecoveryCode(db: Db, code: string, now: Date): boolean {
  const info = db
    .prepare('UPDATE recovery_code SET used_at = ? WHERE code_hash = ? AND used_at IS NULL')
    .run(now.toISOString(), hashRecoveryCode(code));
  return info.changes === 1;
}

export function unusedRecoveryCodes(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM recovery_code WHERE used_at IS NULL').get() as { n: number }).n;
}
