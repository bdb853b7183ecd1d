import { lstatSync, renameSync } from 'node:fs';
import { DmpError, fieldError, readOnlyError, usageError } from '../errors.js';
import type { Db } from './database.js';
import { sameFile } from '../util/files.js';
import { fsyncDir, removeQuietly } from './files.js';
import { copyRecord } from './replace.js';

/**
 * Refuses a backup target that is a link, a device, a directory, the record itself, or an
 * existing file without `force`. Returns where to write first (beside the target).
 */
export function prepareBackupTarget(target: string, record: string, force: boolean): string {
  if (target === record) throw usageError(`${target} is the record itself.`, 'Give the backup another path.');
  let st;
  try {
    st = lstatSync(target);
  } catch {
    st = null;
  }
  if (st?.isSymbolicLink()) throw usageError(`${target} is a symbolic link; dmp does not write through links.`, 'Give the path of the file itself, or another path.');
  if (st && !st.isFile()) throw usageError(`${target} is not a regular file.`, 'Give the path of a file to create.');
  // Another name for the record (a hard link, a linked folder): replacing it would leave the record's -wal beside a different file.
  if (st && sameFile(target, record)) throw usageError(`${target} is the record itself.`, 'Give the backup another path.');
  if (st && !force) throw fieldError('usage', `${target} already exists.`, { field: 'backupTarget', value: target, rule: 'exists' });
  const partial = `${target}.dmp-partial`;
  removeQuietly(partial);
  return partial;
}

/** Writes the copy (see copyRecord) to `partial`; `check` opens and verifies it before it takes the target's name. */
export function writeBackup(db: Db, partial: string, target: string, check: (path: string) => void): void {
  try {
    copyRecord(db, partial);
  } catch (err) {
    throw cannotWrite(target, err);
  }
  try {
    check(partial);
    renameSync(partial, target);
    fsyncDir(target);
  } catch (err) {
    removeQuietly(partial);
    throw err;
  }
}

/** The disk's refusal (the system's errno, or SQLite's while it copies) in words, by the backup's path. */
function cannotWrite(target: string, err: unknown): unknown {
  const code = String((err as { code?: unknown }).code ?? '');
  const why: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    SQLITE_FULL: 'the disk is full',
    SQLITE_CANTOPEN: 'the file cannot be created there',
  };
  const reason = why[code] ?? (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') ? 'the disk refused the write' : undefined);
  if (err instanceof DmpError || reason === undefined) return err;
  return code === 'ENOENT' ? usageError(`Cannot write the backup ${target}: ${reason}.`, 'Give a path in a folder that exists.') : readOnlyError(`Cannot write the backup ${target}: ${reason}; nothing was kept.`, 'Free some space or give a path on a disk you can write to.');
}
