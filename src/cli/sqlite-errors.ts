import { busyError, type DmpError, invalidData, readOnlyError } from '../errors.js';

/**
 * The SQLite failures a user can meet, in words with their documented exit code (never exit 1):
 * a record locked by another process past the busy timeout, a file that cannot be written, a
 * damaged file. Anything else is left as it is.
 */
export function fromSqliteError(err: unknown): DmpError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return busyError('The record is busy: another dmp process held it longer than the wait allows.', 'Wait for the other command to finish, then run this one again; nothing was changed.');
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return readOnlyError('The record cannot be written (the file, its directory or its -wal/-shm files are read-only).', 'Check the permissions of the record file and its directory; read commands still work.');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return invalidData('This record is damaged: SQLite reports that the file is corrupt.', 'Restore it from a backup (`dmp backup` makes one); `dmp record check` names what is wrong.');
  }
  return undefined;
}
