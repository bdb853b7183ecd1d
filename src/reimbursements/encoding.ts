import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export type FileEncoding = 'utf8' | 'win1252';

export interface FileFacts {
  sha256: string;
  encoding: FileEncoding;
  bytes: number;
}

/**
 * One streaming pass over the file: its sha256 (to recognise a file already imported) and
 * whether it is valid UTF-8 (else it is read as Windows-1252, what French Excel writes).
 */
export async function inspectFile(path: string): Promise<FileFacts> {
  const hash = createHash('sha256');
  let utf8 = true;
  let carry: Buffer = Buffer.alloc(0);
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    if (!utf8) continue;
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeUpTo(data);
    utf8 = isUtf8(data.subarray(0, cut));
    carry = Buffer.from(data.subarray(cut));
  }
  if (carry.length) utf8 = false;
  return { sha256: hash.digest('hex'), encoding: utf8 ? 'utf8' : 'win1252', bytes };
}

/** The length of `data` without a UTF-8 sequence cut off by the chunk boundary. */
function completeUpTo(data: Buffer): number {
  for (let back = 1; back <= 4 && back <= data.length; back++) {
    const byte = data[data.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? data.length - back : data.length;
  }
  return data.length;
}
