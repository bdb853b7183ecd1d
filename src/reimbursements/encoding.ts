import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { invalidData } from '../errors.js';

export type FileEncoding = 'utf8' | 'win1252';

export interface FileFacts {
  sha256: string;
  encoding: FileEncoding;
  bytes: number;
}

const SAVE_AS = 'Save it again as CSV in UTF-8 (Excel: "CSV UTF-8") or in Windows-1252, and import that.';

/**
 * One streaming pass over the file: its sha256 (to recognise a file already imported) and
 * whether it is valid UTF-8 (else it is read as Windows-1252, what French Excel writes).
 * Refused: UTF-16 (or any text with NUL bytes), and a file that mixes the two encodings
 * (UTF-8 accents, then bytes that are not UTF-8: two exports pasted together), which either
 * reading would garble.
 */
export async function inspectFile(path: string): Promise<FileFacts> {
  const name = basename(path);
  const hash = createHash('sha256');
  let utf8 = true;
  /** Valid UTF-8 beyond ASCII seen (é as C3 A9): with invalid bytes elsewhere, the file is mixed. */
  let utf8Accents = false;
  let carry: Buffer = Buffer.alloc(0);
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (bytes === 0) refuseUtf16(name, chunk);
    if (chunk.indexOf(0) !== -1) throw invalidData(`${name} holds NUL bytes: it is not a text CSV (UTF-16, or a spreadsheet file renamed .csv?).`, SAVE_AS);
    hash.update(chunk);
    bytes += chunk.length;
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeUpTo(data);
    const whole = data.subarray(0, cut);
    if (utf8) {
      utf8 = isUtf8(whole);
      if (utf8) utf8Accents ||= !isAscii(whole);
      else utf8Accents ||= hasUtf8Accents(whole);
    } else if (!utf8Accents) utf8Accents = hasUtf8Accents(whole);
    if (!utf8 && utf8Accents) {
      throw invalidData(`${name} mixes encodings: it has UTF-8 accents and bytes that are not UTF-8 (two exports pasted together?); read either way, some text would be garbled.`, SAVE_AS);
    }
    carry = Buffer.from(data.subarray(cut));
  }
  if (carry.length) utf8 = false;
  return { sha256: hash.digest('hex'), encoding: utf8 ? 'utf8' : 'win1252', bytes };
}

function refuseUtf16(name: string, head: Buffer): void {
  const bom = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  if (bom) throw invalidData(`${name} is UTF-16 text; dmp reads CSV in UTF-8 or Windows-1252.`, SAVE_AS);
}

/**
 * A UTF-8 encoded Latin letter (C3 80-BF: À to ÿ, what French text has) in text that is not
 * UTF-8 as a whole. In Windows-1252 the same bytes read "Ã" and a symbol, which no export writes.
 */
function hasUtf8Accents(data: Buffer): boolean {
  for (let i = data.indexOf(0xc3); i !== -1 && i + 1 < data.length; i = data.indexOf(0xc3, i + 1)) {
    const next = data[i + 1]!;
    if (next >= 0x80 && next <= 0xbf) return true;
  }
  return false;
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
