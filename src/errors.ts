/**
 * What went wrong, in the user's terms. Areas throw these; src/cli/errors.ts alone turns a
 * kind into an exit code.
 */
export type ErrorKind = 'usage' | 'auth' | 'not-found' | 'invalid' | 'busy' | 'read-only' | 'cancelled';

export class DmpError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** The next step, shown on a second line. */
    readonly hint?: string,
    /** Structured detail for --json consumers (for example the rejected rows). */
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'DmpError';
  }
}

export const usageError = (message: string, hint?: string) => new DmpError('usage', message, hint);
export const authError = (message: string, hint?: string) => new DmpError('auth', message, hint);
export const notFound = (message: string, hint?: string) => new DmpError('not-found', message, hint);
export const busyError = (message: string, hint?: string) => new DmpError('busy', message, hint);
export const readOnlyError = (message: string, hint?: string) => new DmpError('read-only', message, hint);
export const invalidData = (message: string, hint?: string, data?: unknown) =>
  new DmpError('invalid', message, hint, data);

/** Which input field an error is about, so the CLI can name the flag (areas never do). */
export interface FieldData {
  field: string;
  value?: string;
  rule?: string;
}

/** An error about one input field: the message says what is wrong, the CLI adds the flag to use. */
export const fieldError = (kind: ErrorKind, message: string, data: FieldData) => new DmpError(kind, message, undefined, data);
