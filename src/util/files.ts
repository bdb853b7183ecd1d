import type { Stats } from 'node:fs';

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
