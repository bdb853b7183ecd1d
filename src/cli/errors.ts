import { CommanderError } from 'commander';
import { DmpError, type ErrorKind } from '../errors.js';
import { fromSqliteError } from './sqlite-errors.js';

/** The exit codes, documented in the README; this module alone decides them. */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  invalid: 5,
  /** Another process held the record's write lock past the busy timeout. */
  busy: 6,
  /** The record cannot be written: file permissions, a read-only medium, or a closed record. */
  readOnly: 7,
  cancelled: 130,
} as const;

const BY_KIND: Record<ErrorKind, number> = {
  usage: EXIT.usage,
  auth: EXIT.auth,
  'not-found': EXIT.notFound,
  invalid: EXIT.invalid,
  busy: EXIT.busy,
  'read-only': EXIT.readOnly,
  cancelled: EXIT.cancelled,
};

export interface Reported {
  code: number;
  /** Lines for stderr; empty when commander already printed its own message. */
  lines: string[];
}

/** Turns anything thrown by a command into an exit code and the words for stderr. */
export function reportError(thrown: unknown, debug = false): Reported {
  const err = fromSqliteError(thrown) ?? thrown;
  if (err instanceof DmpError) {
    return { code: BY_KIND[err.kind], lines: [`dmp: ${err.message}`, ...(err.hint ? [`  ${err.hint}`] : [])] };
  }
  if (err instanceof CommanderError) {
    // --help and --version end with 0; help shown because a command is missing is a usage error.
    if (err.exitCode === 0) return { code: EXIT.ok, lines: [] };
    if (err.code === 'commander.help') return { code: EXIT.usage, lines: [] };
    return { code: EXIT.usage, lines: ['  Run the command with --help to see its flags and examples.'] };
  }
  if (err instanceof Error && err.name === 'ExitPromptError') {
    return { code: EXIT.cancelled, lines: ['dmp: Cancelled; nothing was changed.'] };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: EXIT.unexpected,
    lines: [
      `dmp: Unexpected error: ${message}`,
      debug && err instanceof Error && err.stack ? err.stack : '  Run again with DMP_DEBUG=1 for details, and report it if it persists.',
    ],
  };
}
