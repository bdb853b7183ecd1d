import { basename } from 'node:path';
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { invalidData } from '../errors.js';
import { type HeaderMap, HEADER_NAMES, matchCount, matchHeader, REQUIRED } from './columns.js';
import type { FileEncoding } from './encoding.js';
import { MAX_RECORD, NOT_CLOSED, RecordSplitter, TOO_LONG } from './records.js';

export type Delimiter = ';' | ',' | '\t';
const DELIMITERS: Delimiter[] = [';', '\t', ','];

/** Where the data starts and how it is cut. */
export interface Layout {
  delimiter: Delimiter;
  /** Physical line number of the header row (1-based; preamble lines count). */
  headerLine: number;
  header: HeaderMap;
}

export interface RecordSink {
  /** Called once, before any record. */
  layout(layout: Layout): void;
  /** One data row: its cells and the physical line it starts on; `irregular`: its quoting is broken (cut at the delimiters as it stands). */
  record(cells: string[], line: number, irregular?: boolean): void;
  /** Bytes of the file read so far, after each chunk; a returned promise pauses reading (back-pressure). */
  progress?(bytes: number): void | Promise<void>;
}

/** Read size: also the size of the batches the reader hands over (a few thousand rows). */
const CHUNK_BYTES = 256 * 1024;

/** A preamble longer than this is not a preamble: the file has no header row. */
const MAX_PREAMBLE_LINES = 200;

/**
 * Streams the data rows of a CSV export: decodes it (UTF-8, BOM stripped, or Windows-1252),
 * skips the preamble, finds the header row and its delimiter, then hands each record to the
 * sink as `RecordSplitter` cuts it. Memory stays flat whatever the file size.
 */
export async function streamRecords(path: string, encoding: FileEncoding, sink: RecordSink): Promise<void> {
  const name = basename(path);
  const decoder = iconv.getDecoder(encoding === 'utf8' ? 'utf8' : 'win1252', { stripBOM: true });
  const finder = new HeaderFinder(name);
  let records: RecordSplitter | undefined;
  let bytes = 0;

  const start = (layout: Layout) => {
    sink.layout(layout);
    records = new RecordSplitter(layout.delimiter, layout.headerLine + 1, (cells, line, irregular) => sink.record(cells, line, irregular), (err, line) => csvError(name, err, line));
  };
  // Until the header row is found, the decoded text goes to the finder; after it, to the splitter.
  const feed = (chunk: Buffer | null) => {
    const text = chunk ? decoder.write(chunk) : (decoder.end() ?? '');
    if (records) return records.push(text);
    const found = finder.push(text);
    if (!found) return;
    start(found.layout);
    records!.push(found.rest);
  };

  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      feed(chunk);
      await sink.progress?.(bytes);
    }
    feed(null);
    if (!records) start(finder.finish());
    records!.end();
  } finally {
    stream.destroy();
  }
}

/** A fault of the file's structure at the record starting at `line`, as a refusal of the file naming the line. */
function csvError(name: string, err: Error & { code?: string }, line: number) {
  const hint = 'Fix the quoting (a quote inside a quoted field is written "") and import again.';
  if (err.code === NOT_CLOSED) return invalidData(`${name}:${line}: a quoted field opened on this line is never closed.`, hint);
  if (err.code === TOO_LONG) {
    return invalidData(
      `${name}:${line}: the row starting on this line runs on for more than ${MIB} MiB, the most a row may hold (a quote left open?).`,
      'Check that this is a reimbursement export: no row of one comes near that size.',
    );
  }
  return err;
}

const MIB = MAX_RECORD / (1024 * 1024);

/**
 * Reads decoded text until the header row: the first line whose cells, cut by `;`, tab or
 * `,`, name every required column. Lines before it are the preamble.
 */
class HeaderFinder {
  private pending = '';
  private line = 0;
  private best: { cells: string[]; line: number; score: number } | undefined;
  private sawText = false;

  constructor(private readonly name: string) {}

  /** The layout and the decoded text that follows the header line. */
  push(text: string): { layout: Layout; rest: string } | undefined {
    this.pending += text;
    let from = 0;
    for (let nl = this.pending.indexOf('\n'); nl !== -1; nl = this.pending.indexOf('\n', from)) {
      const layout = this.examine(this.pending.slice(from, nl));
      if (layout) return { layout, rest: this.pending.slice(nl + 1) };
      from = nl + 1;
    }
    this.pending = this.pending.slice(from);
    if (this.line >= MAX_PREAMBLE_LINES || this.pending.length > MAX_RECORD) throw this.crOnly() ?? this.noHeader();
    return undefined;
  }

  /** End of file before a header row was found (the last line may lack its line break). */
  finish(): Layout {
    const crOnly = this.crOnly();
    if (crOnly) throw crOnly;
    const layout = this.pending ? this.examine(this.pending) : undefined;
    if (layout) return layout;
    if (!this.sawText) throw invalidData(`${this.name} is empty.`, 'Export the file again; it has no header row and no data.');
    throw this.noHeader();
  }

  /** Lines ended by CR alone (classic Mac OS): the whole file reads as one line. */
  private crOnly() {
    const cr = this.pending.indexOf('\r');
    if (this.line > 0 || cr === -1 || cr === this.pending.length - 1) return undefined;
    return invalidData(`${this.name} ends its lines with CR alone (as classic Mac OS did); dmp reads lines ended by LF or CRLF.`, 'Save it again with Windows or Unix line ends, and import that.');
  }

  private examine(raw: string): Layout | undefined {
    this.line++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return undefined;
    this.sawText = true;
    for (const delimiter of DELIMITERS) {
      if (!line.includes(delimiter)) continue;
      const cells = splitLine(line, delimiter);
      const header = matchHeader(cells);
      if (header.missing.length === 0) {
        const dup = header.duplicates[0];
        if (dup) {
          const [a, b] = dup.columns;
          throw invalidData(
            `${this.name}:${this.line}: the header row has two columns for ${HEADER_NAMES[dup.field][0]}: "${header.names[a]}" (column ${a + 1}) and "${header.names[b]}" (column ${b + 1}).`,
            'Remove or rename one of them, then import again.',
          );
        }
        return { delimiter, headerLine: this.line, header };
      }
      const score = matchCount(cells);
      if (score > (this.best?.score ?? 1)) this.best = { cells, line: this.line, score };
    }
    return undefined;
  }

  private noHeader() {
    if (!this.best) {
      return invalidData(
        `${this.name} has no header row naming the required columns (${requiredNames()}).`,
        'Check that this is a reimbursement export; the header row must name those columns.',
      );
    }
    const missing = matchHeader(this.best.cells).missing.map((f) => HEADER_NAMES[f][0]);
    return invalidData(
      `${this.name}:${this.best.line}: the header row lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
      `Add ${missing.length > 1 ? 'them' : 'it'} (any of the names in the CSV format page) and import again.`,
    );
  }
}

function requiredNames(): string {
  return REQUIRED.map((f) => HEADER_NAMES[f][0]).join(', ');
}

/** Cuts one header line into cells, honouring RFC 4180 quotes (header cells rarely have them). */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
