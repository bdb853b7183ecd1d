import { closeSync, constants, openSync, readSync } from 'node:fs';

/**
 * What a record file is, judged from its first bytes without opening it (no key needed):
 * - `plain`: an ordinary SQLite file ("SQLite format 3").
 * - `encrypted`: an SQLite3 Multiple Ciphers file. Its first 16 bytes are the cipher salt in
 *   clear (dmp uses them as the scrypt salt too); bytes 16-23 stay in clear so SQLite can read
 *   the page size before decrypting: we check they look like an SQLite header.
 * - `empty`: a zero-length file; `other`: anything else.
 */
export type RecordFormat = 'plain' | 'encrypted' | 'empty' | 'other';

export interface RecordHeader {
  format: RecordFormat;
  /** The 16-byte salt of an encrypted record. */
  salt?: Buffer;
  /** True when the header says WAL (file format versions 2). */
  wal?: boolean;
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function readRecordHeader(path: string): RecordHeader {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  const head = Buffer.alloc(100);
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (n === 0) return { format: 'empty' };
  if (n >= 24 && head.subarray(0, 16).equals(MAGIC)) return { format: 'plain', wal: head[18] === 2 };
  if (n >= 24 && plausibleHeaderTail(head)) return { format: 'encrypted', salt: Buffer.from(head.subarray(0, 16)), wal: head[18] === 2 };
  return { format: 'other' };
}

/** Bytes 16-23 of an SQLite header: page size, format versions, payload fractions 64/32/32. */
function plausibleHeaderTail(h: Buffer): boolean {
  const pageSize = h.readUInt16BE(16);
  const validSize = pageSize === 1 || (pageSize >= 512 && pageSize <= 32768 && (pageSize & (pageSize - 1)) === 0);
  return validSize && [1, 2].includes(h[18]!) && [1, 2].includes(h[19]!) && h[21] === 64 && h[22] === 32 && h[23] === 32;
}
