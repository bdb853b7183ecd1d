import { basename } from 'node:path';
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import { invalidData } from '../errors.js';
import { type HeaderMap, HEADER_NAMES, matchCount, matchHeader, REQUIRED } from './columns.js';
import type { FileEncoding } from './encoding.js';

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
  /** One data row: its cells and the physical line it starts on. */
  record(cells: string[], line: number): void;
  /** Bytes of the file read so far. */
  progress?(bytes: number): void;
}

/** A preamble longer than this is not a preamble: the file has no header row. */
const MAX_PREAMBLE_LINES = 200;

/**
 * Streams the data rows of a CSV export: decodes it (UTF-8, BOM stripped, or Windows-1252),
 * skips the preamble, finds the header row and its delimiter, then hands each record to the
 * sink as csv-parse produces it. Memory stays flat whatever the file size.
 */
export async function streamRecords(path: string, encoding: FileEncoding, sink: RecordSink): Promise<void> {
  const name = basename(path);
  const decoder = iconv.getDecoder(encoding === 'utf8' ? 'utf8' : 'win1252', { stripBOM: true });
  const finder = new HeaderFinder(name);
  let parser: ReturnType<typeof parse> | undefined;
  let lineOffset = 0;
  let crlfInQuotes = 0;
  /** Physical line the last record ended on (an unclosed quote opens after it). */
  let lastEnd = 0;
  let failure: unknown;
  let done: Promise<void> = Promise.resolve();
  let bytes = 0;

  const start = (layout: Layout) => {
    sink.layout(layout);
    lineOffset = layout.headerLine;
    parser = parse({
      delimiter: layout.delimiter,
      record_delimiter: ['\r\n', '\n'],
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
    const p = parser;
    p.on('readable', () => {
      let item: { record: string[]; info: { lines: number } } | null;
      try {
        while ((item = p.read() as typeof item) !== null) {
          // csv-parse counts a CRLF inside a quoted field as two lines; undo that, then step
          // back over the field's own line breaks to the line the record starts on.
          let breaks = 0;
          for (const cell of item.record) {
            if (cell.length > 0 && cell.indexOf('\n') !== -1) {
              breaks += countOf(cell, '\n');
              crlfInQuotes += countOf(cell, '\r\n');
            }
          }
          lastEnd = lineOffset + item.info.lines - crlfInQuotes;
          sink.record(item.record, lastEnd - breaks);
        }
      } catch (err) {
        failure ??= err;
        p.destroy();
      }
    });
    done = new Promise<void>((resolve) => {
      p.on('end', resolve);
      p.on('close', resolve);
      p.on('error', (err: Error & { lines?: number }) => {
        failure ??= csvError(name, err, lineOffset, lastEnd);
        resolve();
      });
    });
  };

  const feed = async (text: string) => {
    if (!parser) {
      const found = finder.push(text);
      if (!found) return;
      start(found.layout);
      text = found.rest;
    }
    if (text && !parser!.write(text)) await waitDrain(parser!);
  };

  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (failure) break;
      bytes += chunk.length;
      await feed(decoder.write(chunk));
      sink.progress?.(bytes);
    }
    if (!failure) {
      await feed(decoder.end() ?? '');
      if (!parser) start(finder.finish());
      parser!.end();
      await done;
    }
  } finally {
    stream.destroy();
  }
  if (failure) throw failure;
}

function waitDrain(p: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const go = () => {
      p.off('drain', go);
      p.off('close', go);
      resolve();
    };
    p.on('drain', go);
    p.on('close', go);
  });
}

function countOf(text: string, what: string): number {
  let n = 0;
  for (let i = text.indexOf(what); i !== -1; i = text.indexOf(what, i + what.length)) n++;
  return n;
}

function csvError(name: string, err: Error & { lines?: number; code?: string }, lineOffset: number, lastEnd: number) {
  const hint = 'Fix the quoting (a quote inside a field is written "") and import again.';
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return invalidData(`${name}:${Math.max(lastEnd, lineOffset) + 1}: a quoted field opened on this line is never closed.`, hint);
  }
  return invalidData(`${name}:${(err.lines ?? 0) + lineOffset}: the file is not valid CSV (${err.message.replace(/\.$/, '')}).`, hint);
}

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

  push(text: string): { layout: Layout; rest: string } | undefined {
    this.pending += text;
    let from = 0;
    for (let nl = this.pending.indexOf('\n'); nl !== -1; nl = this.pending.indexOf('\n', from)) {
      const layout = this.examine(this.pending.slice(from, nl));
      if (layout) return { layout, rest: this.pending.slice(nl + 1) };
      from = nl + 1;
    }
    this.pending = this.pending.slice(from);
    if (this.line >= MAX_PREAMBLE_LINES) throw this.noHeader();
    return undefined;
  }

  /** End of file before a header row was found (the last line may lack its line break). */
  finish(): Layout {
    const layout = this.pending ? this.examine(this.pending) : undefined;
    if (layout) return layout;
    if (!this.sawText) throw invalidData(`${this.name} is empty.`, 'Export the file again; it has no header row and no data.');
    throw this.noHeader();
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
      if (header.missing.length === 0) return { delimiter, headerLine: this.line, header };
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
