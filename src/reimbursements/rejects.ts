import { constants, createWriteStream, linkSync, lstatSync, openSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import { DmpError, invalidData, usageError } from '../errors.js';
import { tempBeside } from '../util/temp-beside.js';
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
  /** Written here, beside the path, and given the path at close(): a file it replaces stays whole until then. */
  private readonly temp: string;

  /** `replace`: an existing regular file may be overwritten; otherwise the file must be new. */
  constructor(private readonly path: string, header: string[], delimiter: string, private readonly replace = false) {
    checkTarget(path, replace);
    this.temp = tempBeside(path);
    const out = createWriteStream('', { fd: openTemp(this.temp, path) });
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

  /** Finishes the file and gives it its path; a second call does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.csv.end();
    try {
      await this.done;
      publish(this.temp, this.path, this.replace);
    } catch (err) {
      rmSync(this.temp, { force: true });
      if (err instanceof DmpError) throw err;
      throw invalidData(`Could not write the rejects file ${this.path}: ${(err as Error).message}.`);
    }
  }
}

/** Refuses, before anything is written, a path that is taken (without `replace`), a link, or not a regular file. */
function checkTarget(path: string, replace: boolean): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // new
  }
  if (st.isSymbolicLink()) throw usageError(`The rejects file ${path} is a symbolic link; dmp does not write through links.`);
  if (!replace) throw usageError(`The rejects file ${path} already exists.`);
  if (!st.isFile()) throw usageError(`The rejects file ${path} is not a regular file.`);
}

/** Health data: created 0600 in the same step that checks it is new (O_EXCL), never through a link. */
function openTemp(temp: string, path: string): number {
  try {
    return openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (err) {
    throw invalidData(`Could not write the rejects file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}

/** Gives the finished file its path: over the old one (rename replaces a link, never follows it), or only if still free. */
function publish(temp: string, path: string, replace: boolean): void {
  if (replace) return renameSync(temp, path);
  try {
    linkSync(temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw usageError(`The rejects file ${path} already exists.`);
    throw err;
  }
  rmSync(temp, { force: true });
}
