import { createHmac } from 'node:crypto';
import { auditMacKey, setAuditKey } from '../audit/key.js';
import type { Db, RecordKey } from '../store/database.js';
import { derivePasswordKeys, type KdfParams, seal, unseal } from './password.js';

/**
 * Everything one scrypt run of the password gives: `check` (stored, proves the password),
 * `wrapKey` (never stored: seals the TOTP and audit secrets) and the record's page key
 * (never stored: derived from wrapKey). For an encrypted record the scrypt salt is the salt at
 * the start of the file, so the key can be derived before the file is opened.
 */
export interface Unlock {
  kdf: KdfParams;
  check: Buffer;
  wrapKey: Buffer;
  recordKey: RecordKey;
}

export async function deriveUnlock(password: string, kdf: KdfParams): Promise<Unlock> {
  const { check, wrapKey } = await derivePasswordKeys(password, kdf);
  const key = createHmac('sha256', wrapKey).update('dmp record key v1').digest();
  return { kdf, check, wrapKey, recordKey: { key, salt: Buffer.from(kdf.salt, 'base64') } };
}

export const parseKdf = (stored: string) => JSON.parse(stored) as KdfParams;

/** The audit secret sealed for the account row. */
export const sealAuditSecret = (wrapKey: Buffer, secret: Buffer, random?: (size: number) => Buffer) => seal(wrapKey, secret.toString('hex'), random);

/** Unseals the audit secret with the password's wrapping key and loads its MAC key for `db`; returns the MAC key. */
export function loadAuditKey(db: Db, wrapKey: Buffer, sealed: Buffer | null): Buffer {
  if (!sealed) throw new Error('this record has a legacy audit chain: it must be encrypted first');
  const key = auditMacKey(Buffer.from(unseal(wrapKey, sealed), 'hex'));
  setAuditKey(db, key);
  return key;
}
