import { DmpError } from '../errors.js';

export type StoreErrorKind = 'no-record' | 'newer-record' | 'not-a-record' | 'locked' | 'wrong-key' | 'damaged';

const KIND: Record<StoreErrorKind, DmpError['kind']> = {
  'no-record': 'not-found',
  'newer-record': 'invalid',
  'not-a-record': 'invalid',
  locked: 'auth',
  'wrong-key': 'auth',
  damaged: 'invalid',
};

/** A problem with the record file itself. */
export class StoreError extends DmpError {
  constructor(
    readonly problem: StoreErrorKind,
    message: string,
    hint: string,
  ) {
    super(KIND[problem], message, hint);
    this.name = 'StoreError';
  }
}

export const notSqliteError = () =>
  new StoreError('not-a-record', 'This file is not a dmp record (not an SQLite database).', 'Check the --record path.');

/** An encrypted record opened without its key. */
export const lockedRecordError = () =>
  new StoreError('locked', 'This record is encrypted and you are not logged in to it.', 'Run `dmp login` first.');

/** The key given does not open the record (a wrong password, or a key from before a password change). */
export const wrongKeyError = () => new StoreError('wrong-key', 'This key does not open the record.', 'Log in again.');

export const damagedRecordError = (what: string) =>
  new StoreError('damaged', `This record is damaged: ${what}.`, 'Restore it from a backup (`dmp backup` makes one); `dmp record check` names what is wrong.');
