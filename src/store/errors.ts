import { DmpError } from '../errors.js';

export type StoreErrorKind = 'no-record' | 'newer-record' | 'not-a-record';

/** A problem with the record file itself. */
export class StoreError extends DmpError {
  constructor(
    readonly problem: StoreErrorKind,
    message: string,
    hint: string,
  ) {
    super(problem === 'no-record' ? 'not-found' : 'invalid', message, hint);
    this.name = 'StoreError';
  }
}

export const notSqliteError = () =>
  new StoreError('not-a-record', 'This file is not a dmp record (not an SQLite database).', 'Check the --record path.');
