import { auditMacKey, newAuditSecret, setAuditKey } from '../audit/key.js';
import { appendAudit } from '../audit/log.js';
import { remacAudit, verifyLegacyAudit } from '../audit/verify.js';
import type { Db } from '../store/database.js';
import { rebuildRecord } from '../store/replace.js';
import { loadAccount } from './account.js';
import { deriveUnlock, parseKdf, sealAuditSecret, type Unlock } from './keys.js';
import { DEFAULT_COST, type KdfCost, newKdfParams, sameBytes, seal, unseal } from './password.js';

/**
 * Encrypts a record written by a dmp without encryption, at a login with the right password:
 * its unkeyed audit chain is checked, then every row re-MACed under a new audit key, with a
 * row saying so. Built beside the record and renamed over it (a crash leaves the plain record
 * or the encrypted one, each whole). Returns the new keys, or null for a wrong password
 * (nothing touched).
 */
export async function encryptLegacyRecord(db: Db, path: string, password: string, now: Date, cost: KdfCost = DEFAULT_COST): Promise<Unlock | null> {
  const account = loadAccount(db);
  const old = await deriveUnlock(password, parseKdf(account.kdf));
  if (!sameBytes(old.check, account.password_check)) return null;
  const next = await deriveUnlock(password, newKdfParams(cost));
  const legacy = verifyLegacyAudit(db);
  const totp = unseal(old.wrapKey, account.totp_secret);
  const secret = newAuditSecret();
  const key = auditMacKey(secret);
  rebuildRecord(path, {
    newKey: next.recordKey,
    change: (copy) => {
      copy
        .prepare("UPDATE account SET kdf = ?, password_check = ?, totp_secret = ?, audit_secret = ?, storage = 'encrypted', updated_at = ? WHERE id = 1")
        .run(JSON.stringify(next.kdf), next.check, seal(next.wrapKey, totp), sealAuditSecret(next.wrapKey, secret), now.toISOString());
      const rows = remacAudit(copy, key);
      setAuditKey(copy, key);
      const chain = legacy.intact ? 'intact' : `broken at row ${legacy.brokenId}: ${legacy.reason}`;
      appendAudit(copy, { actor: account.username, action: 'record.encrypted', details: { auditRowsReMACed: rows, legacyChain: chain } }, now);
    },
  });
  return next;
}
