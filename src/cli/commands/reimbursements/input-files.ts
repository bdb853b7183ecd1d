import { closeSync, constants, openSync, statSync } from 'node:fs';
import { notFound, usageError } from '../../../errors.js';

/**
 * Checks every file to import before any is read: each exists, is a regular file (not a
 * directory, a fifo or a device: a fifo would be read once for its digest and be empty
 * after) and can be opened for reading. Returns their sizes.
 */
export function checkInputs(given: string[], paths: string[]): number[] {
  return paths.map((path, i) => {
    const shown = given[i]!;
    let size: number;
    try {
      const stats = statSync(path);
      if (stats.isDirectory()) throw usageError(`${shown} is a directory, not a file.`, 'Give the CSV files themselves (a shell glob such as dir/*.csv lists them); nothing was imported.');
      if (!stats.isFile()) throw usageError(`${shown} is not a regular file.`, 'Give the path of a CSV file on disk; nothing was imported.');
      size = stats.size;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw notFound(`No file at ${shown}.`, 'Check the path; nothing was imported.');
      throw err;
    }
    try {
      closeSync(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw usageError(`${shown} cannot be read (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (err as Error).message)}).`, 'Check its permissions (chmod u+r), or copy it somewhere you can read it; nothing was imported.');
    }
    return size;
  });
}
