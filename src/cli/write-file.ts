import { closeSync, fsyncSync, mkdirSync, rmSync, type Stats, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { DmpError, usageError } from '../errors.js';
import { lstatOrNull, notRegularFile, refusal } from '../util/files.js';
import { openTempBeside, publishTemp } from '../util/temp-beside.js';
import type { Context } from './context.js';

/**
 * Writes a file dmp makes (an export, generated test data): 0600, never through a symbolic
 * link, fsynced, written beside the path and given it when complete (a crash or kill -9 leaves
 * the old file or the new one, or none, never half of one); an existing path is refused
 * unless `force`, and then only a regular file is replaced.
 */
export function writeNewFile(ctx: Context, rawPath: string, bytes: Buffer | string, force: boolean, flag: string): string {
  return writeNewFileChunks(ctx, rawPath, [bytes], force, flag);
}

/**
 * The same, from pieces (a large export never sits in memory whole); `beforePublish` runs once
 * the file is complete, before it gets its path (an export's audit row), and a throw there
 * leaves nothing.
 */
export function writeNewFileChunks(ctx: Context, rawPath: string, chunks: Iterable<Buffer | string>, force: boolean, flag: string, beforePublish?: () => void): string {
  const { path, existing } = checkNewFile(ctx, rawPath, force, flag);
  const temp = writeTemp(path, chunks);
  try {
    beforePublish?.();
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  try {
    // With --force, whatever another program put at the path meanwhile is replaced too.
    publishTemp(temp, path, existing !== null || force);
  } catch (err) {
    // The path was free when checked: another program took it while the file was being written.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw usageError(`${path} was created by another program while dmp wrote it; it was left as it is.`, 'Pass --force to replace it, or choose another path.');
    throw cannotWrite(path, err);
  }
  return path;
}

/**
 * Where a file dmp makes may go, checked before anything is written: never through a link, never
 * over a device (--force on /dev/null would otherwise replace it), an existing file only with
 * `force`. Returns the absolute path and what is there now.
 */
export function checkNewFile(ctx: Context, rawPath: string, force: boolean, flag: string): { path: string; existing: Stats | null } {
  if (!rawPath.trim()) throw usageError(`The path given to ${flag} is empty.`, `Pass ${flag} PATH.`);
  const path = resolve(ctx.cwd, rawPath);
  const existing = lstatOrNull(path);
  if (existing?.isSymbolicLink()) throw usageError(`${path} is a symbolic link; dmp does not write through links.`, 'Give the path of the file itself.');
  if (existing && !existing.isFile()) throw usageError(notRegularFile(path, existing), 'Give the path of a file to create or replace.');
  if (existing && !force) throw usageError(`${path} already exists.`, `Pass --force to replace it, or choose another path for ${flag}.`);
  return { path, existing };
}

/** A folder for generated files: created 0700 when missing; an existing one must be a real folder. */
export function ensureFolder(ctx: Context, rawPath: string, flag: string): string {
  const path = checkFolder(ctx, rawPath, flag);
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw cannotWrite(path, err);
  }
  return path;
}

/** The same checks, creating nothing: the folder's absolute path. */
export function checkFolder(ctx: Context, rawPath: string, flag: string): string {
  if (!rawPath.trim()) throw usageError(`The folder given to ${flag} is empty.`, `Pass ${flag} DIR.`);
  const path = resolve(ctx.cwd, rawPath);
  const existing = lstatOrNull(path);
  if (existing && !existing.isDirectory()) throw usageError(`${path} is not a folder${existing.isSymbolicLink() ? ' (a symbolic link)' : ''}.`, `Pass ${flag} with a folder, or a path where one can be made.`);
  return path;
}

function writeTemp(path: string, chunks: Iterable<Buffer | string>): string {
  let opened: { temp: string; fd: number };
  try {
    opened = openTempBeside(path);
  } catch (err) {
    throw err instanceof DmpError ? err : cannotWrite(path, err);
  }
  const { temp, fd } = opened;
  try {
    // Small pieces (one row each) are gathered into ~1 MiB writes.
    let pending: (Buffer | string)[] = [];
    let size = 0;
    const flush = () => {
      const bytes = Buffer.concat(pending.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
      pending = [];
      size = 0;
    };
    for (const chunk of chunks) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= 1 << 20) flush();
    }
    flush();
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    // Only the system's refusals are the file's; an error making the content (a damaged record) is its own.
    throw err instanceof DmpError || typeof (err as NodeJS.ErrnoException).code !== 'string' || (err as Error).name === 'SqliteError' ? err : cannotWrite(path, err);
  }
  closeSync(fd);
  return temp;
}

function cannotWrite(path: string, err: unknown): DmpError {
  const code = (err as NodeJS.ErrnoException).code;
  const hints: Record<string, string> = {
    ENOENT: 'Choose a path in a folder that exists.',
    EACCES: 'Choose a path in a folder you can write to.',
    EPERM: 'Choose a path in a folder you can write to.',
    EROFS: 'Choose a path on a disk you can write to.',
    ENOSPC: 'Free some space, or choose a path on another disk.',
    EISDIR: 'Choose a path to a new file.',
  };
  // The system's code, not its message, which names the temporary file.
  const reason = (code === 'EISDIR' ? 'a directory stands there now' : refusal(code)) ?? code ?? (err as Error).message;
  const hint = (code && hints[code]) || 'Choose another path.';
  return new DmpError(code === 'ENOENT' ? 'usage' : 'read-only', `Cannot write ${path}: ${reason}.`, hint);
}
