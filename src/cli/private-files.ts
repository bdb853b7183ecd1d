import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { usageError } from '../errors.js';
import { refusal } from '../util/files.js';
import { openTempBeside, publishTemp, removeStaleTemps } from '../util/temp-beside.js';

/**
 * Files that hold secrets (the session, the failure count) live in a directory only the user
 * can enter: created 0700; refused if it is a link, belongs to someone else or is open to
 * others. Files are created exclusively (0600, never through a link) and read without
 * following links, so a link planted in the directory cannot redirect a write or a read.
 */
export function privateDir(file: string): string {
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw cannotMake(dir, (err as NodeJS.ErrnoException).code);
  }
  const st = lstatSync(dir);
  const uid = userInfo().uid;
  if (st.isSymbolicLink()) throw usageError(`The directory ${dir}, where dmp keeps sessions, is a symbolic link; dmp does not keep secrets through links.`, OWN_DIRECTORY);
  if (!st.isDirectory()) throw cannotMake(dir, 'ENOTDIR');
  if (uid >= 0 && st.uid !== uid) throw unsafe(dir, 'belongs to another user');
  if ((st.mode & 0o077) !== 0) throw unsafe(dir, `is open to other users (mode ${(st.mode & 0o777).toString(8)})`);
  return dir;
}

const OWN_DIRECTORY = 'Set DMP_STATE_DIR to a directory of your own, or a path where dmp can create one.';

function cannotMake(dir: string, code: string | undefined) {
  // EEXIST, ENOTDIR: a file (or a device) stands where the directory, or one above it, goes.
  const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : (refusal(code) ?? code);
  return usageError(`The directory ${dir}, where dmp keeps sessions, cannot be made: ${why}.`, OWN_DIRECTORY);
}

function unsafe(dir: string, why: string) {
  return usageError(`The directory ${dir}, where dmp keeps sessions, ${why}.`, `Make it yours and private (chmod 700 ${dir}), or set DMP_STATE_DIR to a private directory.`);
}

/**
 * Replaces `file` with `body` in one step: written to a new file beside it (created
 * exclusively, never through a link), then renamed over it, which replaces a link planted there
 * rather than follow it. Another process reads the old file or the new one, never none (a
 * command run during a login), and two logins at once each finish (removing the old file, then
 * creating the new one exclusively, made the second fail with a crash).
 */
export function writePrivate(file: string, body: string): void {
  privateDir(file);
  const { temp, fd } = openTempBeside(file);
  try {
    writeSync(fd, body);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    publishTemp(temp, file, true);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR' || (err as NodeJS.ErrnoException).code === 'ENOTEMPTY') throw notOurs(file);
    throw err;
  }
}

const notOurs = (file: string) => usageError(`${file} is not a file dmp wrote.`, 'Remove it; dmp will create it again.');

/**
 * Appends one line (O_APPEND: lines from concurrent processes do not interleave). What is not a
 * regular file of the user's is refused by name: O_NONBLOCK, so that a FIFO planted there fails
 * at once (ENXIO without a reader; with one, the fstat check) instead of waiting for a reader.
 */
export function appendPrivate(file: string, line: string): void {
  privateDir(file);
  let fd: number;
  try {
    fd = openSync(file, constants.O_CREAT | constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
  } catch (err) {
    // ENXIO: a FIFO nobody reads; ELOOP: a link (O_NOFOLLOW); EISDIR: a directory.
    if (['ENXIO', 'ELOOP', 'EISDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) throw notOurs(file);
    throw err;
  }
  try {
    if (!ownedRegular(fd)) throw notOurs(file);
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's text, or null when it is missing, a link, not a regular file, or not the user's.
 * O_NONBLOCK: opening a FIFO planted there returns at once (it would wait for a writer), and
 * the fstat check then refuses it unread.
 */
export function readPrivate(file: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    return ownedRegular(fd) ? readFileSync(fd, 'utf8') : null;
  } finally {
    closeSync(fd);
  }
}

/** A regular file (not a FIFO, device, socket or directory), the user's, closed to others. (O_NONBLOCK has no effect on a regular file's reads and writes.) */
function ownedRegular(fd: number): boolean {
  const st = fstatSync(fd);
  const uid = userInfo().uid;
  return st.isFile() && (uid < 0 || st.uid === uid) && (st.mode & 0o077) === 0;
}

/** Removes the file, and what a write to it killed midway left beside it (a logout leaves no copy of a token). */
export function removePrivate(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch (err) {
    // ENOTDIR: the directory is a file, so there is nothing in it (privateDir names it at the next write).
    if ((err as NodeJS.ErrnoException).code !== 'ENOTDIR') throw err;
  }
  removeStaleTemps(file);
}
