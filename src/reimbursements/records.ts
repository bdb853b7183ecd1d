/**
 * Cuts decoded CSV text into records, each with the physical line it starts on.
 *
 * Hand-written rather than csv-parse's stream: on a million-row export that read about 30 MB/s
 * (5 s of the import's 10), where cutting lines with `indexOf` and `String.split` reads
 * 130 MB/s. A line without a quote is split at once (the common case: exports quote little).
 * A line with quotes is scanned quote by quote, as RFC 4180 has it: a quote opens a quoted
 * field only at the start of a field; inside one, `""` is a quote and a lone quote closes it;
 * anywhere else a quote is a character like any other (`Pansement 5"x5"`). A record goes on
 * past a line break only inside a quoted field (the record then spans several physical lines).
 * A record whose quoting is irregular (text after a closing quote: `"x"y`) is handed on as
 * `irregular`, cut at the delimiters as it stands, for the caller to reject as a row.
 *
 * Records end at LF or CRLF (a lone CR is data), as with csv-parse's
 * `record_delimiter: ['\r\n', '\n']`; a row may have any number of cells.
 */
export class RecordSplitter {
  /** Text not yet scanned: the start of the next line (no line break in it). */
  private rest = '';
  /** Whether `rest` starts inside a quoted field (then `open` holds the record's earlier lines). */
  private inQuotes = false;
  /** The complete lines of an unfinished record inside a quoted field (joined once, when it ends). */
  private open: string[] = [];
  /** Characters in `open`. */
  private openLength = 0;
  /** Physical line the next record starts on. */
  private line: number;
  private readonly delimiterCode: number;

  constructor(
    private readonly delimiter: string,
    firstLine: number,
    private readonly onRecord: (cells: string[], line: number, irregular?: boolean) => void,
    /** Turns a fault of the file (a quote never closed, a record past the limit) into the error to throw (`line`: where the record starts). */
    private readonly onError: (err: Error & { code?: string }, line: number) => Error,
    /**
     * Longest record (characters): past it, the file is refused. A quote left open would
     * otherwise pile up the rest of the file in memory, and a line without end the whole file.
     */
    private readonly maxRecord = MAX_RECORD,
  ) {
    this.line = firstLine;
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  push(chunk: string): void {
    const text = this.rest.length === 0 ? chunk : this.rest + chunk;
    this.rest = '';
    let inQuotes = this.inQuotes;
    let from = 0;
    // Quotes are rare: find the next one once, not once per line.
    let quote = text.indexOf('"');
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
      if (!inQuotes && (quote === -1 || quote > nl)) {
        this.plain(text, from, nl);
        from = nl + 1;
        continue;
      }
      for (; quote !== -1 && quote < nl; quote = text.indexOf('"', quote + 1)) {
        if (inQuotes) {
          // text[nl] is the line break, so quote + 1 is inside the text.
          if (text.charCodeAt(quote + 1) === QUOTE) quote++;
          else inQuotes = false;
        } else if (quote === from || text.charCodeAt(quote - 1) === this.delimiterCode) {
          // At a line's start outside quotes, a record starts (a record goes on only inside quotes).
          inQuotes = true;
        }
      }
      const piece = text.slice(from, nl + 1);
      from = nl + 1;
      if (inQuotes) {
        this.keep(piece);
        continue;
      }
      this.quoted(this.open.length > 0 ? this.open.join('') + piece : piece);
      this.open = [];
      this.openLength = 0;
    }
    this.rest = text.slice(from);
    this.inQuotes = inQuotes;
    if (this.openLength + this.rest.length > this.maxRecord) throw this.tooLong();
  }

  /** End of text: the last record may lack its line break; an open quote fails here. */
  end(): void {
    const rest = this.rest;
    this.rest = '';
    if (this.inQuotes) {
      this.inQuotes = false;
      throw this.onError(Object.assign(new Error('quote not closed'), { code: NOT_CLOSED }), this.line);
    }
    const record = this.open.length > 0 ? this.open.join('') + rest : rest;
    this.open = [];
    this.openLength = 0;
    if (record.length === 0) return;
    // No line break ends it, so a CR at its end is data, as csv-parse has it.
    if (record.indexOf('"') === -1) this.onRecord(record.split(this.delimiter), this.line++);
    else this.quoted(record);
  }

  private keep(piece: string): void {
    this.openLength += piece.length;
    if (this.openLength > this.maxRecord) throw this.tooLong();
    this.open.push(piece);
  }

  private tooLong(): Error {
    return this.onError(Object.assign(new Error('record too long'), { code: TOO_LONG }), this.line);
  }

  private plain(text: string, from: number, nl: number): void {
    if (nl - from > this.maxRecord) throw this.tooLong();
    const end = nl > from && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    this.onRecord(text.slice(from, end).split(this.delimiter), this.line++);
  }

  /** One record with quotes (closed), with its line break if any. */
  private quoted(record: string): void {
    const line = this.line;
    this.line += countOf(record, '\n');
    if (!record.endsWith('\n')) this.line++;
    const body = record.endsWith('\r\n') ? record.slice(0, -2) : record.endsWith('\n') ? record.slice(0, -1) : record;
    const cells = splitQuoted(body, this.delimiter);
    if (cells === null) this.onRecord(body.split(this.delimiter), line, true);
    else this.onRecord(cells, line);
  }
}

/** 1 MiB: no row of a reimbursement export comes near it. */
export const MAX_RECORD = 1024 * 1024;
/** The error codes `onError` receives: a record past the limit, a quote never closed. */
export const TOO_LONG = 'DMP_RECORD_TOO_LONG';
export const NOT_CLOSED = 'CSV_QUOTE_NOT_CLOSED';

const CR = 0x0d;
const QUOTE = 0x22;

/**
 * The cells of a record whose quoting is regular, or null when text follows a closing quote.
 * A quote inside a field that does not start with one is kept as it is.
 */
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
      cells.push(text.slice(i, d === -1 ? n : d));
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
