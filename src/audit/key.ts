import { createHmac, randomBytes } from 'node:crypto';

export { auditKeyOf, setAuditKey } from '../store/audit-key.js';

/** A new random secret for a record's audit chain (stored sealed with the password's key). */
export function newAuditSecret(random: (size: number) => Buffer = randomBytes): Buffer {
  return random(32);
}

/** The MAC key, derived from the secret so the secret itself never leaves the record's account row. */
export function auditMacKey(secret: Buffer): Buffer {
  return createHmac('sha256', secret).update('dmp audit chain v1').digest();
}
