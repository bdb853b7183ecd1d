import { Chalk, type ChalkInstance } from 'chalk';
import { createRequire } from 'node:module';

// cli-table3 is needed only on a terminal; loading it lazily keeps piped runs quick.
const require = createRequire(import.meta.url);
const loadTable = () => require('cli-table3') as typeof import('cli-table3');

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  align?: 'left' | 'right';
}

export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * How a command shows its result: one JSON document with --json, a table on a terminal,
 * tab-separated rows (with a header line) when piped. Notes and progress go to stderr.
 */
export class Output {
  readonly color: ChalkInstance;

  constructor(
    private readonly streams: OutputStreams,
    readonly json: boolean,
    colorAllowed: boolean,
  ) {
    this.color = new Chalk({ level: colorAllowed && streams.stdout.isTTY ? 1 : 0 });
  }

  get isTTY(): boolean {
    return Boolean(this.streams.stdout.isTTY);
  }

  get stderrIsTTY(): boolean {
    return Boolean(this.streams.stderr.isTTY);
  }

  /** Writes one line to stdout. */
  line(text = ''): void {
    this.streams.stdout.write(`${text}\n`);
  }

  /** Raw bytes or text to stdout, unchanged. */
  write(chunk: string | Uint8Array): void {
    this.streams.stdout.write(chunk);
  }

  /** A note for the person, on stderr, so stdout stays clean for pipes. */
  note(text: string): void {
    this.streams.stderr.write(`${text}\n`);
  }

  /** Writes to stderr without a newline (progress bars). */
  progress(text: string): void {
    this.streams.stderr.write(text);
  }

  jsonValue(value: unknown): void {
    this.line(JSON.stringify(value, null, 2));
  }

  /** With --json the value, otherwise whatever `human` prints. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.jsonValue(value);
    else human();
  }

  table<T>(columns: Column<T>[], rows: T[]): void {
    const cells = rows.map((row) => columns.map((c) => text(c.value(row))));
    if (!this.isTTY) {
      this.line(columns.map((c) => c.header).join('\t'));
      for (const r of cells) this.line(r.map((v) => v.replace(/[\t\r\n]+/g, ' ')).join('\t'));
      return;
    }
    const Table = loadTable();
    const table = new Table({
      head: columns.map((c) => this.color.bold(c.header)),
      colAligns: columns.map((c) => c.align ?? 'left'),
      style: { head: [], border: [] },
      wordWrap: true,
    });
    for (const r of cells) table.push(r);
    this.line(table.toString());
  }

  /** "key: value" lines on a terminal, "key<TAB>value" when piped. */
  fields(pairs: [string, string | number | null | undefined][]): void {
    const width = Math.max(...pairs.map(([k]) => k.length));
    for (const [k, v] of pairs) {
      if (this.isTTY) this.line(`${this.color.bold(k.padEnd(width))}  ${text(v)}`);
      else this.line(`${k}\t${text(v).replace(/[\t\r\n]+/g, ' ')}`);
    }
  }
}

function text(v: string | number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}
