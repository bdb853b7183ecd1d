import { closeSync, constants, createWriteStream, fchmodSync, fstatSync, ftruncateSync, openSync } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import { invalidData, usageError } from '../errors.js';
import type { RowError } from './rows.js';

/** The extra column a rejects file carries, after the file's own columns. */
export const REASON_COLUMN = 'Motif du rejet';

/**
 * Writes rejected rows, as they were, plus a reason column, with the source's header and
 * delimiter: fix the rows and import the file again. UTF-8 with a BOM, so French Excel opens it.
 */
export class RejectsWriter {
  private readonly csv: Stringifier;
  private readonly done: Promise<unknown>;

  /** `replace`: an existing regular file may be overwritten; otherwise the file must be new. */
  constructor(private readonly path: string, header: string[], delimiter: string, replace = false) {
    const out = createWriteStream('', { fd: openRejects(path, replace) });
    this.csv = stringify({ delimiter, bom: true, record_delimiter: 'windows' });
    this.csv.pipe(out);
    // once() rejects on 'error', so a write failure surfaces in close() instead of crashing.
    this.done = once(out, 'finish');
    this.done.catch(() => undefined);
    this.csv.write([...header, REASON_COLUMN]);
  }

  add(cells: string[], errors: RowError[]): void {
    const reason = errors.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join(' ; ');
    this.csv.write([...cells, reason]);
  }

  private closed = false;

  /** Finishes the file; a second call does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.csv.end();
    try {
      await this.done;
    } catch (err) {
      throw invalidData(`Could not write the rejects file ${this.path}: ${(err as Error).message}.`);
    }
  }
}

/**
 * Health data: created 0600 in the same step that checks it is new (O_EXCL, no race), never
 * through a symbolic link (O_NOFOLLOW), and when replacing, only a regular file, made 0600.
 */
function openRejects(path: string, replace: boolean): number {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (replace ? 0 : constants.O_EXCL);
  let fd: number;
  try {
    fd = openSync(path, flags, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw usageError(`The rejects file ${path} already exists.`);
    if (code === 'ELOOP') throw usageError(`The rejects file ${path} is a symbolic link; dmp does not write through links.`);
    throw invalidData(`Could not write the rejects file ${path}: ${code ?? (err as Error).message}.`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw usageError(`The rejects file ${path} is not a regular file.`);
    ftruncateSync(fd, 0);
    fchmodSync(fd, 0o600);
    return fd;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}
