import { busyError, DmpError, invalidData, readOnlyError } from '../errors.js';

/**
 * SQLite's own failures that are the user's situation, not a bug, in the user's words: a record
 * that cannot be written, one another process holds, a damaged file. Anything else is left as is.
 */
export function fromDriverError(err: unknown, recordPath: string): unknown {
  if (err instanceof DmpError || !(err instanceof Error) || err.name !== 'SqliteError') return err;
  const code = String((err as Error & { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_READONLY')) {
    return readOnlyError(
      `The record ${recordPath} cannot be written: it is read-only (file or folder permissions, or a read-only disk).`,
      `Make it writable (chmod u+w "${recordPath}" and its folder); read commands work as it is.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY')) {
    return busyError(`The record ${recordPath} is busy: another dmp is writing to it.`, 'Wait for the other command to finish, then run this one again.');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return invalidData(`The record ${recordPath} is damaged (${err.message}).`, 'Restore it from a backup; dmp changed nothing.');
  }
  return err;
}
