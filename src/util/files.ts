import { closeSync, constants, fsyncSync, lstatSync, openSync, type Stats, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a path is when it is not a regular file, in the words every message uses. */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFIFO()) return 'a named pipe (fifo)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'a regular file';
}

/** "PATH is a directory, not a regular file." */
export function notRegularFile(path: string, stat: Stats): string {
  return `${path} is ${kindOf(stat)}, not a regular file.`;
}

/** The path's own stat (a link is itself), or null when there is nothing there (or it cannot be read). */
export function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** The stat of what the path leads to (links followed), or null. */
export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The same file, links followed: same device and inode (a hard link or another spelling of the path is the same file too). */
export function sameFile(a: string, b: string): boolean {
  const [x, y] = [statOrNull(a), statOrNull(b)];
  return x !== null && y !== null && x.dev === y.dev && x.ino === y.ino;
}

/** The file system's refusals (an errno code) in the words every message uses; undefined for others. */
export function refusal(code: string | undefined): string | undefined {
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'ENOENT') return 'its folder does not exist';
  return undefined;
}

/** Flushes the entry of `path` in its folder to the disk (after a create or a rename). */
export function fsyncDir(path: string): void {
  const fd = openSync(dirname(path), constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
