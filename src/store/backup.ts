import { lstatSync } from 'node:fs';
import { DmpError, fieldError, readOnlyError, usageError } from '../errors.js';
import type { Db } from './database.js';
import { refusal, sameFile } from '../util/files.js';
import { freeTempBeside, publishTemp } from '../util/temp-beside.js';
import { removeQuietly } from './files.js';
import { copyRecord } from './replace.js';

/**
 * Refuses a backup target that is a link, a device, a directory, the record itself, or an
 * existing file without `force`. Returns where to write first (beside the target, named for
 * this process, so two backups to one path never share it) and whether the target may be replaced.
 */
export function prepareBackupTarget(target: string, record: string, force: boolean): { partial: string; replace: boolean } {
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
  return { partial: freeTempBeside(target), replace: st !== null || force };
}

/** Writes the copy (see copyRecord) to `partial`; `check` opens and verifies it before it takes the target's name. */
export function writeBackup(db: Db, to: { partial: string; replace: boolean }, target: string, check: (path: string) => void): void {
  try {
    copyRecord(db, to.partial);
  } catch (err) {
    throw cannotWrite(target, err);
  }
  try {
    check(to.partial);
  } catch (err) {
    removeQuietly(to.partial);
    throw err;
  }
  try {
    // Linked when it must be new: a backup to the same path that finished first keeps it.
    publishTemp(to.partial, target, to.replace);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw fieldError('usage', `${target} was created by another program (or another backup) while this backup was written; it was left as it is.`, { field: 'backupTarget', value: target, rule: 'exists' });
    throw cannotWrite(target, err);
  }
}

/** The disk's refusal (the system's errno, or SQLite's while it copies) in words, by the backup's path. */
function cannotWrite(target: string, err: unknown): unknown {
  const code = String((err as { code?: unknown }).code ?? '');
  const sqlite = code === 'SQLITE_FULL' ? 'the disk is full' : code === 'SQLITE_CANTOPEN' ? 'the file cannot be created there' : code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') ? 'the disk refused the write' : undefined;
  const reason = refusal(code) ?? sqlite;
  if (err instanceof DmpError || reason === undefined) return err;
  return code === 'ENOENT' ? usageError(`Cannot write the backup ${target}: ${reason}.`, 'Give a path in a folder that exists.') : readOnlyError(`Cannot write the backup ${target}: ${reason}; nothing was kept.`, 'Free some space or give a path on a disk you can write to.');
}
