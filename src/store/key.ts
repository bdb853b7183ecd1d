/**
 * What opens an encrypted record: the 32-byte page key and the 16-byte salt stored in clear at
 * the start of the file. dmp derives the key itself (scrypt of the password with that salt), so
 * it is handed to SQLite3 Multiple Ciphers raw (`x'…'`), bypassing the cipher's own KDF.
 */
export interface RecordKey {
  key: Buffer;
  salt: Buffer;
}

/** The PRAGMA value for a raw key followed by its salt (the salt is written into a new file). */
export function keyPragma(k: RecordKey): string {
  if (k.key.length !== 32 || k.salt.length !== 16) throw new Error('a record key is 32 bytes and its salt 16');
  return `key = "x'${k.key.toString('hex')}${k.salt.toString('hex')}'"`;
}

export function rekeyPragma(k: RecordKey): string {
  return `re${keyPragma(k)}`;
}
