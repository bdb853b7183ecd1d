import { lstatSync, type Stats, statSync } from 'node:fs';

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
