import { lstatSync, renameSync } from 'node:fs';
import { usageError } from '../errors.js';
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
  if (st && !force) throw usageError(`${target} already exists.`, 'Pass --force to replace it, or give another path.');
  const partial = `${target}.dmp-partial`;
  removeQuietly(partial);
  return partial;
}

/** Writes the copy (see copyRecord) to `partial`; `check` opens and verifies it before it takes the target's name. */
export function writeBackup(db: Db, partial: string, target: string, check: (path: string) => void): void {
  copyRecord(db, partial);
  try {
    check(partial);
    renameSync(partial, target);
    fsyncDir(target);
  } catch (err) {
    removeQuietly(partial);
    throw err;
  }
}
