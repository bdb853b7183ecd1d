import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost, stored beside the hash so it can be raised later. */
export interface KdfParams {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string; // base64
}

/**
 * OWASP's minimum for scrypt: N=2^17, r=8, p=1 (128 MiB, a few hundred ms). An encrypted
 * record's key is derived with it before anything in the file can be read (only the salt is in
 * the clear): changing it would lock every existing record out, unless the cost first goes into
 * the clear header beside the salt.
 */
export const DEFAULT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
export type KdfCost = { N: number; r: number; p: number };

export const MIN_PASSWORD_LENGTH = 10;

/** Where random bytes come from: crypto's, or a seeded generator's (dmp seed: reproducible test records). */
export type RandomSource = (size: number) => Buffer;

export function newKdfParams(cost: KdfCost = DEFAULT_COST, random: RandomSource = randomBytes): KdfParams {
  return { alg: 'scrypt', ...cost, salt: random(16).toString('base64') };
}

export interface PasswordKeys {
  /** Stored to check the password. */
  check: Buffer;
  /** Never stored: encrypts the TOTP secret. */
  wrapKey: Buffer;
}

/** One scrypt run gives 64 bytes: the first half checks the password, the second wraps secrets. */
export function derivePasswordKeys(password: string, params: KdfParams): Promise<PasswordKeys> {
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), Buffer.from(params.salt, 'base64'), 64, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => {
      if (err) reject(err);
      else resolve({ check: key.subarray(0, 32), wrapKey: key.subarray(32) });
    });
  });
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** AES-256-GCM: iv (12) | tag (16) | ciphertext. */
export function seal(key: Buffer, plaintext: string, random: RandomSource = randomBytes): Buffer {
  const iv = random(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unseal(key: Buffer, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
