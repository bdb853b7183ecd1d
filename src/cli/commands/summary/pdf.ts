import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DmpError, usageError } from '../../../errors.js';
import type { Lang } from '../../../summary/pdf-labels.js';
import { summaryPdf } from '../../../summary/pdf.js';
import type { Summary } from '../../../summary/summary.js';
import type { Context } from '../../context.js';

/**
 * Writes the PDF: made in memory first (nothing half-written), then created 0600 exclusively,
 * never through a symbolic link; with --force an existing regular file is replaced by renaming
 * a fresh file over it (a link there is replaced, not followed).
 */
export async function writeSummaryPdf(ctx: Context, summary: Summary, rawPath: string, lang: Lang, force: boolean): Promise<{ path: string; bytes: number }> {
  if (!rawPath.trim()) throw usageError('The PDF path is empty.', 'Pass --pdf PATH, for example --pdf recap.pdf.');
  const path = resolve(ctx.cwd, rawPath);
  const existing = statOrNull(path);
  if (existing && !force) throw new DmpError('usage', `${path} already exists.`, 'Pass --force to replace it, or choose another path.');
  if (existing && !existing.isFile()) throw new DmpError('usage', `${path} is not a regular file (${existing.isSymbolicLink() ? 'a symbolic link' : existing.isDirectory() ? 'a directory' : 'a device or socket'}); dmp will not write there.`, 'Choose a path to a new file.');
  const bytes = await summaryPdf(summary, lang, ctx.now());
  const target = existing ? join(dirname(path), `.${randomBytes(6).toString('hex')}.dmp-tmp`) : path;
  writeNew(target, bytes);
  if (existing) {
    try {
      renameSync(target, path);
    } catch (err) {
      rmSync(target, { force: true });
      throw cannotWrite(path, err);
    }
  }
  return { path, bytes: bytes.length };
}

function statOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function writeNew(path: string, bytes: Buffer): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (err) {
    throw cannotWrite(path, err);
  }
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw cannotWrite(path, err);
  }
  closeSync(fd);
}

function cannotWrite(path: string, err: unknown): DmpError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new DmpError('usage', `${path} already exists.`, 'Pass --force to replace it, or choose another path.');
  const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : (err as Error).message;
  return new DmpError(code === 'ENOENT' ? 'usage' : 'read-only', `Cannot write ${path}: ${why}.`, 'Choose a path in a folder you can write to.');
}
