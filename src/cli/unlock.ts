import { accountStorage } from '../account/account.js';
import { encryptLegacyRecord } from '../account/encrypt.js';
import { deriveUnlock, type Unlock } from '../account/keys.js';
import type { FailureLedger } from '../account/ledger.js';
import { passwordFailed, refuseIfLedgerLocked } from '../account/login.js';
import { DEFAULT_COST } from '../account/password.js';
import type { Db } from '../store/database.js';
import { StoreError } from '../store/errors.js';
import { readRecordHeader } from '../store/format.js';
import type { Context } from './context.js';
import { fileLedger } from './failure-file.js';

export interface Unlocked {
  db: Db;
  /** The keys derived from the password (absent for an unencrypted record: login derives them). */
  unlock?: Unlock;
  ledger: FailureLedger;
}

/**
 * Opens the record with the password, the one place the slow KDF runs at login. An encrypted
 * record's salt is read from its first bytes; a wrong password does not open it and is
 * counted outside it. A record from a dmp without encryption is encrypted in place first.
 */
export async function unlockRecord(ctx: Context, password: string): Promise<Unlocked> {
  if (!ctx.recordExists()) ctx.openStore(undefined); // throws "No record at ..."
  const header = readRecordHeader(ctx.recordPath);
  const cost = ctx.kdfCost ?? DEFAULT_COST;
  if (header.format === 'encrypted') {
    const ledger = fileLedger(ctx, header.salt);
    refuseIfLedgerLocked(ledger, ctx.now());
    const unlock = await deriveUnlock(password, { alg: 'scrypt', ...cost, salt: header.salt!.toString('base64') });
    try {
      return { db: ctx.openStore(unlock.recordKey), unlock, ledger };
    } catch (err) {
      if (err instanceof StoreError && err.problem === 'wrong-key') throw passwordFailed(ledger, ctx.now(), null);
      throw err;
    }
  }
  const db = ctx.openStore(undefined);
  const ledger = fileLedger(ctx, undefined);
  refuseIfLedgerLocked(ledger, ctx.now());
  if (accountStorage(db) !== 'legacy') return { db, ledger };
  const next = await encryptLegacyRecord(db, ctx.recordPath, password, ctx.now(), cost);
  if (!next) throw passwordFailed(ledger, ctx.now(), null);
  ctx.out.note('This record was written unencrypted by an older dmp; it is now encrypted, and only your password opens it.');
  return { db: ctx.openStore(next.recordKey), unlock: next, ledger };
}
