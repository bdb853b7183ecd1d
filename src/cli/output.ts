import { Chalk, type ChalkInstance } from 'chalk';
import { createRequire } from 'node:module';
import { escapeControls } from '../util/escape.js';

// cli-table3 is needed only on a terminal; loading it lazily keeps piped runs quick.
const require = createRequire(import.meta.url);
const loadTable = () => require('cli-table3') as typeof import('cli-table3');

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  /** The value in TSV, when it differs from what a person reads (sizes in bytes, not "1.2 MiB"). */
  raw?: (row: T) => string | number | null | undefined;
  align?: 'left' | 'right';
  /** On a terminal, the value is already made safe by the command (it adds colour of its own). */
  safe?: boolean;
}

export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * How a command shows its result: one JSON document with --json, a table on a terminal,
 * tab-separated rows (with a header line) when piped. Notes and progress go to stderr.
 * Control characters in values are shown escaped (`\x1b`) everywhere but in JSON and raw bytes.
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

  /** Writes one line to stdout, as it is: values from the record go through safe() first. */
  line(text = ''): void {
    this.streams.stdout.write(`${text}\n`);
  }

  /** A stored value made safe for the terminal or a pipe: control characters escaped (tab and newlines kept in a body). */
  safe(value: string, body = false): string {
    return escapeControls(value, { tab: body, newline: body });
  }

  /** Raw bytes or text to stdout, unchanged. */
  write(chunk: string | Uint8Array): void {
    this.streams.stdout.write(chunk);
  }

  /** A note for the person, on stderr, so stdout stays clean for pipes; control characters in it are escaped. */
  note(text: string): void {
    this.streams.stderr.write(`${escapeControls(text, { newline: true })}\n`);
  }

  /** Writes to stderr without a newline (progress bars). */
  progress(text: string): void {
    this.streams.stderr.write(text);
  }

  /** JSON keeps the exact values; its own escaping makes control characters safe. */
  jsonValue(value: unknown): void {
    this.streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** With --json the value, otherwise whatever `human` prints. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.jsonValue(value);
    else human();
  }

  table<T>(columns: Column<T>[], rows: T[]): void {
    if (!this.isTTY) {
      this.line(columns.map((c) => c.header).join('\t'));
      for (const row of rows) this.line(columns.map((c) => tsvCell((c.raw ?? c.value)(row))).join('\t'));
      return;
    }
    const cells = rows.map((row) => columns.map((c) => (c.safe ? text(c.value(row)) : escapeControls(text(c.value(row))))));
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

  /**
   * "key: value" lines on a terminal, "key<TAB>value" when piped. A pair marked safe holds dmp's
   * own words, styled with this.color: shown as they are on a terminal (colour is already off when piped).
   */
  fields(pairs: [string, string | number | null | undefined, 'safe'?][]): void {
    const width = Math.max(...pairs.map(([k]) => k.length));
    for (const [k, v, safe] of pairs) {
      if (this.isTTY) this.line(`${this.color.bold(k.padEnd(width))}  ${safe ? text(v) : escapeControls(text(v))}`);
      else this.line(`${k}\t${tsvCell(v)}`);
    }
  }
}

/** A TSV cell: tabs and line breaks would split it, so they become spaces; other controls are escaped. */
export function tsvCell(v: string | number | null | undefined): string {
  return escapeControls(text(v).replace(/[\t\r\n]+/g, ' '));
}

function text(v: string | number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}
