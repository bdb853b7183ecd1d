import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import { invalidData } from '../errors.js';
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

  constructor(private readonly path: string, header: string[], delimiter: string) {
    const out = createWriteStream(path, { mode: 0o600 });
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
      throw invalidData(`Could not write the rejects file ${this.path}: ${(err as Error).message}.`, 'Pass --rejects a path in a directory you can write to.');
    }
  }
}
