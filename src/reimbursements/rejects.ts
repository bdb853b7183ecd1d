import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import { DmpError, fieldError } from '../errors.js';
import { refusal } from '../util/files.js';
import { openTempBeside, publishTemp } from '../util/temp-beside.js';
import type { RowError } from './rows.js';

/** The extra column a rejects file carries, after the file's own columns. */
export const REASON_COLUMN = 'Motif du rejet';

/**
 * Writes rejected rows, as they were, plus a reason column, with the source's header and
 * delimiter: fix the rows and import the file again. UTF-8 with a BOM, so French Excel opens it.
 * The rows go to a file beside the path, which gets the path only once the file was read to
 * its end (close): a file it replaces stays whole until then, and an import that fails or is
 * interrupted midway leaves it as it was (discard).
 */
export class RejectsWriter {
  private readonly csv: Stringifier;
  private readonly done: Promise<unknown>;
  private readonly temp: string;
  private ended = false;

  /** `replace`: what is at the path is replaced; otherwise the path must still be free at the end. */
  constructor(private readonly path: string, header: string[], delimiter: string, private readonly replace = false) {
    let fd: number;
    try {
      ({ temp: this.temp, fd } = openTempBeside(path));
    } catch (err) {
      throw err instanceof DmpError ? err : cannotWrite(path, err);
    }
    const out = createWriteStream('', { fd });
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

  /** Finishes the file and gives it its path. */
  async close(): Promise<void> {
    await this.end();
    try {
      publishTemp(this.temp, this.path, this.replace);
    } catch (err) {
      throw cannotWrite(this.path, err);
    }
  }

  /** Drops what was written; the path keeps what it held. Does nothing after close(). */
  async discard(): Promise<void> {
    if (this.ended) return;
    await this.end().catch(() => undefined);
    rmSync(this.temp, { force: true });
  }

  private async end(): Promise<void> {
    if (this.ended) throw new Error('the rejects file was already closed');
    this.ended = true;
    this.csv.end();
    try {
      await this.done;
    } catch (err) {
      rmSync(this.temp, { force: true });
      throw cannotWrite(this.path, err);
    }
  }
}

/**
 * Taken, a directory, gone, unwritable: another program changed the path while the import ran
 * (the CLI checked it first), or the disk refused. The CLI words the next step (field `rejects`).
 */
function cannotWrite(path: string, err: unknown): DmpError {
  const code = (err as NodeJS.ErrnoException).code;
  const facts = (rule: string) => ({ field: 'rejects', value: path, rule });
  if (code === 'EEXIST') return fieldError('usage', `The rejects file ${path} was created by another program during the import.`, facts('taken'));
  if (code === 'EISDIR' || code === 'ENOTEMPTY') return fieldError('usage', `The rejects file ${path} became a directory during the import.`, facts('directory'));
  // Its folder was there when the import began.
  const why = code === 'ENOENT' ? 'its directory is gone' : (refusal(code) ?? code ?? (err as Error).message);
  return fieldError('read-only', `Could not write the rejects file ${path}: ${why}.`, facts('unwritable'));
}
