import { accessSync, chmodSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { readOnlyError } from '../errors.js';
import { kindOf, lstatOrNull, notRegularFile, statOrNull } from '../util/files.js';
import { StoreError } from './errors.js';

export interface RecordAccess {
  /** A record is there (an empty file is not one: `init` may use it). */
  exists: boolean;
  /** It can be read but not written: open it read-only, so read commands still work. */
  readOnly: boolean;
}

/**
 * Decides, before SQLite touches anything, whether a record path can be opened: devices, fifos,
 * sockets, directories and dangling links are refused (SQLite would create `/dev/null-journal`
 * or fail with "disk I/O error"), permissions are read, and a stale `-shm` of ours that lost its
 * write bit is repaired. Every refusal names the path.
 */
export function checkRecordPath(path: string, options: { create?: boolean } = {}): RecordAccess {
  if (path === ':memory:') return { exists: true, readOnly: false };
  const link = lstatOrNull(path);
  const stat = link?.isSymbolicLink() ? statOrNull(path) : link;
  if (link?.isSymbolicLink() && !stat) {
    throw new StoreError('not-a-record', `${path} is a symbolic link to nothing.`, 'Point --record (or DMP_RECORD) to the record file itself, or remove the link.');
  }
  if (!stat) {
    if (!options.create) throw noRecord(path, '');
    refuseUnwritableFolder(path);
    return { exists: false, readOnly: false };
  }
  if (!stat.isFile()) {
    const hint = stat.isDirectory() ? 'Point --record (or DMP_RECORD) to a file, for example record.db inside it.' : 'Point --record (or DMP_RECORD) to a record file; dmp wrote nothing.';
    throw new StoreError('not-a-record', notRegularFile(path, stat), hint);
  }
  if (!can(path, constants.R_OK)) {
    throw readOnlyError(`The record ${path} cannot be read: permission denied.`, `Give yourself read and write access (chmod u+rw "${path}"), or use another --record.`);
  }
  if (stat.size === 0) {
    if (!options.create) throw noRecord(path, ' (the file is empty)');
    if (!can(path, constants.W_OK)) throw readOnlyError(`Cannot create the record in ${path}: the file is read-only.`, `Make it writable (chmod u+w "${path}"), or choose another --record.`);
    chmodSync(path, 0o600);
    return { exists: false, readOnly: false };
  }
  const readOnly = !writable(path);
  if (readOnly && !can(dirname(path), constants.W_OK) && !lstatOrNull(`${path}-shm`)) {
    // A WAL record needs its -shm file even to be read, and SQLite cannot create it there.
    throw readOnlyError(
      `The record ${path} cannot be opened: its folder ${dirname(path)} is read-only, and SQLite needs to create ${path}-shm beside it.`,
      'Make the folder writable, or copy the record to a folder you can write to and use --record.',
    );
  }
  return { exists: true, readOnly };
}

/** Writing needs the file, and the folder or the journal files SQLite keeps beside it. */
function writable(path: string): boolean {
  if (!can(path, constants.W_OK)) return false;
  const shm = lstatOrNull(`${path}-shm`);
  if (shm && !can(`${path}-shm`, constants.W_OK)) {
    // A 0400 -shm left behind (a crash, a copy) would make every later open fail to write:
    // ours is ours to mend; someone else's makes the record read-only for us.
    if (!shm.isFile() || !tryChmod(`${path}-shm`, 0o600)) return false;
  }
  return can(dirname(path), constants.W_OK) || (can(`${path}-wal`, constants.W_OK) && can(`${path}-shm`, constants.W_OK));
}

function refuseUnwritableFolder(path: string): void {
  // The nearest folder that exists: the missing ones below it are created.
  let dir = dirname(path);
  while (!statOrNull(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const stat = statOrNull(dir);
  if (stat && !stat.isDirectory()) throw new StoreError('not-a-record', `Cannot create the record ${path}: ${dir} is ${kindOf(stat)}, not a folder.`, 'Choose another --record path.');
  if (!can(dir, constants.W_OK | constants.X_OK)) {
    throw readOnlyError(`Cannot create the record ${path}: the folder ${dir} is read-only.`, 'Choose a folder you can write to with --record PATH (or DMP_RECORD).');
  }
}

const noRecord = (path: string, why: string) =>
  new StoreError('no-record', `No record at ${path}${why}.`, 'Create one with `dmp init`, or point to it with --record PATH or DMP_RECORD.');

function tryChmod(path: string, mode: number): boolean {
  try {
    chmodSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function can(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
