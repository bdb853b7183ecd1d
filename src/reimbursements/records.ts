import { parse as parseCsv } from 'csv-parse/sync';

/**
 * Cuts decoded CSV text into records, each with the physical line it starts on.
 *
 * Why not csv-parse's stream for everything: on a million-row export it read about 30 MB/s
 * (5 s of the import's 10), where cutting lines with `indexOf` and `String.split` reads
 * 130 MB/s. So a line without a quote is split here (the common case: exports quote little);
 * a record with quotes is cut here too when its quoting is regular (each quoted field closed,
 * `""` inside, a delimiter or the end after it), and anything else goes to csv-parse, whose
 * result or error stands. Line breaks inside quoted fields (the record then spans several
 * physical lines) are followed by counting quotes: inside a field, the count so far is odd.
 *
 * Records end at LF or CRLF (a lone CR is data), as with csv-parse's
 * `record_delimiter: ['\r\n', '\n']`; a row may have any number of cells (`relax_column_count`).
 */
export class RecordSplitter {
  /** The start of an unfinished record without an open quote (at most a line). */
  private rest = '';
  /** An unfinished record inside a quoted field, in pieces (joined once, when it ends). */
  private open: string[] = [];
  /** Quotes in `open`. */
  private openQuotes = 0;
  /** Characters kept in `open`; past `maxOpen`, the rest of the record is only counted. */
  private openLength = 0;
  private overflow = false;
  /** Physical line the next record starts on. */
  private line: number;

  constructor(
    private readonly delimiter: string,
    firstLine: number,
    private readonly onRecord: (cells: string[], line: number) => void,
    /** Turns csv-parse's error for a record into the error to throw (`line`: where the record starts). */
    private readonly onError: (err: Error & { code?: string; lines?: number }, line: number) => Error,
    /**
     * Longest record inside quotes kept whole (characters). A quote left open would otherwise
     * pile up the rest of the file in memory; the start of it is enough to judge it.
     */
    private readonly maxOpen = MAX_OPEN_RECORD,
  ) {
    this.line = firstLine;
  }

  push(chunk: string): void {
    const text = this.open.length > 0 || this.rest.length === 0 ? chunk : this.rest + chunk;
    this.rest = '';
    /** Quotes of the current record up to `quote`. */
    let quotes = this.openQuotes;
    let from = 0;
    // Quotes are rare: find the next one once, not once per line.
    let quote = text.indexOf('"');
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
      if (quotes === 0 && (quote === -1 || quote > nl)) {
        this.plain(text, from, nl);
        from = nl + 1;
        continue;
      }
      for (; quote !== -1 && quote < nl; quote = text.indexOf('"', quote + 1)) quotes++;
      if (quotes % 2 === 1) continue;
      if (this.overflow) throw this.onError(Object.assign(new Error('quoted field too long'), { code: TOO_LONG }), this.line);
      const piece = text.slice(from, nl + 1);
      this.quoted(this.open.length > 0 ? this.open.join('') + piece : piece);
      this.open = [];
      this.openLength = 0;
      from = nl + 1;
      quotes = 0;
    }
    for (; quote !== -1; quote = text.indexOf('"', quote + 1)) quotes++;
    const tail = text.slice(from);
    if (this.open.length > 0 || quotes % 2 === 1) {
      if (this.openLength <= this.maxOpen) this.open.push(tail);
      else this.overflow = true;
      this.openLength += tail.length;
      this.openQuotes = quotes;
    } else {
      this.rest = tail;
      this.openQuotes = 0;
    }
  }

  /** End of text: the last record may lack its line break; an open quote fails here. */
  end(): void {
    if (this.overflow && this.openQuotes % 2 === 0) throw this.onError(Object.assign(new Error('quoted field too long'), { code: TOO_LONG }), this.line);
    const rest = this.open.length > 0 ? this.open.join('') : this.rest;
    this.open = [];
    this.rest = '';
    this.openQuotes = 0;
    this.openLength = 0;
    if (rest.length === 0) return;
    // Cut short, the record fails as csv-parse judges its start: a quote never closed, or
    // irregular quoting before that.
    // No line break ends it, so a CR at its end is data, as csv-parse has it.
    if (rest.indexOf('"') === -1) this.onRecord(rest.split(this.delimiter), this.line++);
    else this.quoted(rest);
  }

  private plain(text: string, from: number, nl: number): void {
    const end = nl > from && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    this.onRecord(text.slice(from, end).split(this.delimiter), this.line++);
  }

  /** One record with quotes, with its line break if any. */
  private quoted(record: string): void {
    const line = this.line;
    this.line += countOf(record, '\n');
    if (!record.endsWith('\n')) this.line++;
    const body = record.endsWith('\r\n') ? record.slice(0, -2) : record.endsWith('\n') ? record.slice(0, -1) : record;
    let cells = splitQuoted(body, this.delimiter);
    if (cells === null) {
      let parsed: string[][];
      try {
        parsed = parseCsv(record, { delimiter: this.delimiter, record_delimiter: ['\r\n', '\n'], relax_column_count: true }) as string[][];
      } catch (err) {
        throw this.onError(err as Error, line);
      }
      cells = parsed[0] ?? [''];
    }
    this.onRecord(cells, line);
  }
}

/** 8 MiB: no cell of a reimbursement export comes near it. */
const MAX_OPEN_RECORD = 8 * 1024 * 1024;
/** The error code `onError` receives for a quoted record that ends past `maxOpen`. */
export const TOO_LONG = 'DMP_QUOTED_RECORD_TOO_LONG';

const CR = 0x0d;
const QUOTE = 0x22;

/** The cells of a record whose quoting is regular (RFC 4180), or null when csv-parse must judge it. */
function splitQuoted(text: string, delimiter: string): string[] | null {
  const cells: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return null;
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        cells.push(value);
        if (q + 1 === n) return cells;
        if (text[q + 1] !== delimiter) return null;
        i = q + 2;
        break;
      }
    } else {
      const d = text.indexOf(delimiter, i);
      const cell = text.slice(i, d === -1 ? n : d);
      if (cell.indexOf('"') !== -1) return null;
      cells.push(cell);
      if (d === -1) return cells;
      i = d + 1;
    }
  }
}

export function countOf(text: string, what: string): number {
  let n = 0;
  for (let i = text.indexOf(what); i !== -1; i = text.indexOf(what, i + what.length)) n++;
  return n;
}
