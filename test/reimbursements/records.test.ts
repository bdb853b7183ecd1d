import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { RecordSplitter } from '../../src/reimbursements/records.js';

/** Cuts `text` fed in pieces of `size` characters; returns [line, cells] per record, or the error message. */
function split(text: string, size: number, delimiter = ';'): [number, string[]][] | string {
  const out: [number, string[]][] = [];
  const s = new RecordSplitter(delimiter, 2, (cells, line) => out.push([line, cells]), (err, line) => new Error(`${line}: ${err.code ?? err.message}`));
  try {
    for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size));
    s.end();
  } catch (err) {
    return (err as Error).message;
  }
  return out;
}

/** What csv-parse alone makes of the same text, with each record's physical line. */
function reference(text: string, delimiter = ';'): [number, string[]][] {
  const records = parse(text, { delimiter, record_delimiter: ['\r\n', '\n'], relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  let line = 2;
  return records.map(({ record }) => {
    const at = line;
    line += 1 + record.reduce((n, c) => n + (c.split('\n').length - 1), 0);
    return [at, record];
  });
}

const SAMPLES = [
  'a;b;c\n1;2;3\n',
  'a;b;c\r\n1;2;3\r\nx;;z',
  'a;"b;c";d\n"multi\nline\r\nvalue";2;3\nlast;"with ""quotes""";\n',
  '"";"";\n;;\n\n"x"\n',
  'a\rb;c\n"q"\r\n"open\n\nstill";end\n',
  'é;€;"ü\n"\n',
  'a;b\n\r',
  'a;b\r',
  'x\n\n\n"a\r\nb"\r\n',
];

describe('RecordSplitter', () => {
  it.each(SAMPLES)('cuts %j as csv-parse does, with the same lines, however the text arrives', (text) => {
    const expected = reference(text);
    for (const size of [1, 2, 3, 5, 7, 64]) expect(split(text, size)).toEqual(expected);
  });

  it('cuts tab- and comma-delimited text too', () => {
    expect(split('a\t"b\tc"\n1,2\t3\n', 4, '\t')).toEqual(reference('a\t"b\tc"\n1,2\t3\n', '\t'));
    expect(split('a,"1,5",c\n', 2, ',')).toEqual([[2, ['a', '1,5', 'c']]]);
  });

  it('names the line where a never-closed quote opened', () => {
    for (const size of [1, 3, 100]) expect(split('ok;1\nbad;"open\nmore;2\n', size)).toBe('3: CSV_QUOTE_NOT_CLOSED');
  });

  it('leaves irregular quoting to csv-parse, which refuses it', () => {
    expect(split('a;1\nb;"x"y;2\n', 3)).toBe('3: CSV_INVALID_CLOSING_QUOTE');
    expect(split('a;1\nb;x"y;2\n', 3)).toBe('3: INVALID_OPENING_QUOTE');
  });
});

describe('RecordSplitter with a quote left open', () => {
  const tooLong = 'DMP_QUOTED_RECORD_TOO_LONG';
  it('keeps only the start of a record that runs on inside quotes, and still names where it opened', () => {
    const out: string[][] = [];
    const errors: [string | undefined, number][] = [];
    const s = new RecordSplitter(';', 2, (cells) => out.push(cells), (err, line) => (errors.push([err.code, line]), new Error('refused')), 16);
    s.push('a;1\nb;"open\n');
    for (let i = 0; i < 50; i++) s.push('more text, no quote\n');
    expect(() => s.end()).toThrow('refused');
    expect(errors).toEqual([['CSV_QUOTE_NOT_CLOSED', 3]]);
    expect(out).toEqual([['a', '1']]);
  });

  it('refuses a quoted record that closes only past the limit', () => {
    for (const ending of ['"\nnext;2\n', '"']) {
      const errors: [string | undefined, number][] = [];
      const s = new RecordSplitter(';', 2, () => {}, (err, line) => (errors.push([err.code, line]), new Error('refused')), 16);
      const run = () => {
        s.push('a;1\nb;"open\n');
        for (let i = 0; i < 5; i++) s.push('more text\n');
        s.push(ending);
        s.end();
      };
      expect(run).toThrow('refused');
      expect(errors).toEqual([[tooLong, 3]]);
    }
  });
});
