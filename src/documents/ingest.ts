import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fieldError, invalidData, notFound, usageError } from '../errors.js';
import { notRegularFile } from '../util/files.js';
import { decodeText, type ExtractedText, pdfText } from './text.js';

/** What a document's content is once read: exact bytes, their hash, type and searchable text. */
export interface Content {
  bytes: Buffer;
  sha256: string;
  mimeType: string;
  text: ExtractedText;
}

export const DEFAULT_MAX_SIZE = 50 * 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** "50MiB", "200k", "1048576" -> bytes (binary units). */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m && Object.hasOwn(UNITS, m[2]!.toLowerCase()) ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) {
    throw fieldError('usage', `"${text}" is not a size.`, { field: 'maxSize', value: text, rule: 'format' });
  }
  return Math.floor(Number(m[1]) * unit);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** Reads a file for `docs add --file`: every way a path can be wrong is a clear error. */
export function readDocumentFile(path: string, maxSize: number): { bytes: Buffer; fileName: string } {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw notFound(`There is no file at ${path}.`, 'Check the path (relative paths start from the current directory).');
  }
  // One wording for every path that is not a file (directory, fifo, device), as for the record itself.
  if (stat.isDirectory()) throw usageError(notRegularFile(path, stat), 'Give the path of one file; add each file of a folder on its own.');
  if (!stat.isFile()) throw usageError(notRegularFile(path, stat), 'Give the path of a file on disk.');
  checkSize(path, stat.size, maxSize);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw invalidData(`${path} cannot be read (${code}).`, 'Check its permissions, or copy it somewhere readable.');
  }
  checkSize(path, bytes.length, maxSize);
  return { bytes, fileName: basename(path) };
}

/**
 * Empty and oversized content is refused, whatever its source. `stopped`: the content was read
 * only up to the limit and one byte more, so its real size is unknown.
 */
export function checkSize(what: string, size: number, maxSize: number, stopped = false): void {
  if (size === 0) throw invalidData(`${what} is empty.`, 'Give a document with some content.');
  if (size > maxSize) {
    const message = stopped
      ? `${what} is over the ${formatSize(maxSize)} limit (reading stopped there).`
      : `${what} is ${formatSize(size)}, over the ${formatSize(maxSize)} limit.`;
    throw fieldError('invalid', message, { field: 'maxSize', rule: 'over' });
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Typed text: UTF-8 bytes, searchable as they are. */
export function typedContent(text: string): Content {
  const bytes = Buffer.from(text, 'utf8');
  return { bytes, sha256: sha256(bytes), mimeType: 'text/plain; charset=utf-8', text: { source: 'bytes', text: null } };
}

/** A file's content: MIME type from its bytes (file-type, loaded on demand), then its text. */
export async function fileContent(bytes: Buffer): Promise<Content> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  const hash = sha256(bytes);
  if (detected?.mime === 'application/pdf') return { bytes, sha256: hash, mimeType: detected.mime, text: await pdfText(bytes) };
  // XML (a CDA document, for one) is text too: its words, tags included, are searchable.
  if (detected?.mime === 'application/xml') return { bytes, sha256: hash, mimeType: detected.mime, text: (await decodeText(bytes)) ?? { source: 'none', text: null } };
  if (detected) return { bytes, sha256: hash, mimeType: detected.mime, text: { source: 'none', text: null } };
  const text = await decodeText(bytes);
  if (!text) return { bytes, sha256: hash, mimeType: 'application/octet-stream', text: { source: 'none', text: null } };
  const charset = text.source === 'bytes' || isUtf8WithBom(bytes) ? 'utf-8' : 'windows-1252';
  return { bytes, sha256: hash, mimeType: `text/plain; charset=${charset}`, text };
}

function isUtf8WithBom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
