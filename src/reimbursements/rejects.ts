import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
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

  constructor(path: string, header: string[], delimiter: string) {
    const out = createWriteStream(path, { mode: 0o600 });
    this.csv = stringify({ delimiter, bom: true, record_delimiter: 'windows' });
    this.csv.pipe(out);
    this.done = once(out, 'finish');
    this.csv.write([...header, REASON_COLUMN]);
  }

  add(cells: string[], errors: RowError[]): void {
    const reason = errors.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join(' ; ');
    this.csv.write([...cells, reason]);
  }

  async close(): Promise<void> {
    this.csv.end();
    await this.done;
  }
}
