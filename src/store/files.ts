import { closeSync, constants, fsyncSync, openSync, rmSync } from 'node:fs';

/** Creates an empty file for dmp to fill: 0600, failing if anything (even a link) is there. */
export function createExclusive(path: string): void {
  closeSync(openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW, 0o600));
}

/** Flushes a file's data to the disk, then its directory's entry (after a create or rename). */
export function fsyncFile(path: string): void {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export { fsyncDir } from '../util/files.js';

export function removeQuietly(path: string): void {
  rmSync(path, { force: true });
}
