import { closeSync, constants, linkSync, lstatSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { usageError } from '../errors.js';
import { fsyncDir, lstatOrNull } from './files.js';

/**
 * Files dmp must never leave half-written (the session, a rejects file, an export) are written
 * to a file beside their path (same file system, so the rename is atomic), named for this
 * process (a process writes one at a time), then given their path when complete.
 */
export function tempBeside(path: string): string {
  removeStaleTemps(path);
  return `${path}.${process.pid}.new`;
}

/**
 * Creates that file: 0600 (health data, secrets), exclusively and never through a link. Errors
 * are the system's (each caller names its file), except a temp name taken by something dmp
 * cannot remove (a directory, another user's file), which it names.
 */
export function openTempBeside(path: string): { temp: string; fd: number } {
  const temp = tempBeside(path);
  try {
    return { temp, fd: openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw taken(path, temp);
  }
}

/** The name for a file that another library creates (SQLite, for a new record), checked free. */
export function freeTempBeside(path: string): string {
  const temp = tempBeside(path);
  if (lstatOrNull(temp)) throw taken(path, temp);
  return temp;
}

const taken = (path: string, temp: string) =>
  usageError(`Cannot write ${path}: ${temp}, the file dmp writes it through, is taken by something dmp did not leave there.`, `Remove ${temp}, then try again.`);

/**
 * Gives the finished file its path: `replace` renames it over what is there (replacing a link
 * rather than following it); otherwise it is linked only if the path is still free (EEXIST
 * when not). On a file system without hard links (FAT, exFAT, some network shares) the path is
 * claimed by an exclusive create, then renamed over. The folder is fsynced after. The temp file
 * is gone afterwards, whatever happened; errors are the system's.
 */
export function publishTemp(temp: string, path: string, replace: boolean): void {
  try {
    if (replace) renameSync(temp, path);
    else linkOrClaim(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
  // The new name reaches the disk too: without it a power cut can lose a file reported written.
  fsyncDir(path);
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

function linkOrClaim(temp: string, path: string): void {
  try {
    return linkSync(temp, path);
  } catch (err) {
    if (!NO_HARD_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  }
  closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600));
  try {
    renameSync(temp, path);
  } catch (err) {
    rmSync(path, { force: true }); // the empty file that claimed it
    throw err;
  }
}

/**
 * Removes what earlier writes to `path` left when their process was killed between the write
 * and the rename (`path.<pid>.new` of a process no longer running, or of this one: a pid
 * reused), so that no copy of what they held outlives them. Only what looks like dmp's is
 * removed: a number that can be a pid (a user's `notes.json.20241231.new` cannot) and a regular
 * 0600 file of this user (not a link or a directory); a file of a process still running is left
 * to it (a pid is this machine's: a folder shared with another machine could hold a live temp
 * of a pid not running here). What is in the way of this process's own name is named by
 * openTempBeside.
 */
export function removeStaleTemps(path: string): void {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return; // the folder's own problem is reported by the write itself
  }
  for (const name of names) {
    // A record built under the name has SQLite's -wal and -shm beside it.
    const pid = name.startsWith(prefix) ? /^([1-9]\d{0,6})\.new(-wal|-shm)?$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid === undefined || Number(pid) > PID_MAX || (Number(pid) !== process.pid && running(Number(pid)))) continue;
    const temp = join(dirname(path), name);
    try {
      if (leftByDmp(temp)) rmSync(temp, { force: true });
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
}

/** Linux's largest pid (PID_MAX_LIMIT, 2^22); macOS's is 99,999. */
const PID_MAX = 4_194_304;

/** What dmp's own writes leave: a regular file of this user, 0600. */
function leftByDmp(file: string): boolean {
  const st = lstatSync(file);
  const uid = process.getuid?.() ?? -1;
  return st.isFile() && (uid < 0 || st.uid === uid) && (st.mode & 0o777) === 0o600;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
