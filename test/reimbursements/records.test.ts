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

  it('keeps a quote inside a field that does not start with one as it is', () => {
    expect(split('a;1\nPansement 5"x5";x"y;z"\nb;3"\nc;4\n', 3)).toEqual([[2, ['a', '1']], [3, ['Pansement 5"x5"', 'x"y', 'z"']], [4, ['b', '3"']], [5, ['c', '4']]]);
  });

  it('hands on a record with text after a closing quote as irregular, cut at the delimiters, and goes on', () => {
    const out: [number, string[], boolean | undefined][] = [];
    const s = new RecordSplitter(';', 2, (cells, line, irregular) => out.push([line, cells, irregular]), (err) => err);
    s.push('a;1\nb;"x"y;2\nc;"multi\nline"z\nd;4\n');
    s.end();
    expect(out).toEqual([[2, ['a', '1'], undefined], [3, ['b', '"x"y', '2'], true], [4, ['c', '"multi\nline"z'], true], [6, ['d', '4'], undefined]]);
  });
});

describe('RecordSplitter and long records', () => {
  const tooLong = 'DMP_RECORD_TOO_LONG';
  const run = (pieces: string[]) => {
    const errors: [string | undefined, number][] = [];
    const out: string[][] = [];
    const s = new RecordSplitter(';', 2, (cells) => out.push(cells), (err, line) => (errors.push([err.code, line]), new Error('refused')), 16);
    try {
      for (const p of pieces) s.push(p);
      s.end();
    } catch (err) {
      return { out, errors, thrown: (err as Error).message };
    }
    return { out, errors, thrown: null };
  };

  it('refuses a record inside quotes that runs past the limit, naming where it opened, without keeping the rest', () => {
    const r = run(['a;1\nb;"open\n', ...Array.from({ length: 50 }, () => 'more text, no quote\n')]);
    expect(r).toEqual({ out: [['a', '1']], errors: [[tooLong, 3]], thrown: 'refused' });
  });

  it('refuses a line without quotes past the limit, whether it arrives whole or in pieces', () => {
    expect(run(['a;1\n', 'x'.repeat(40), '\n'])).toMatchObject({ errors: [[tooLong, 3]] });
    expect(run(['a;1\n' + 'x'.repeat(40) + '\n'])).toMatchObject({ errors: [[tooLong, 3]] });
    expect(run(['a;1\n', ...Array.from({ length: 10 }, () => 'xxxxxx')])).toMatchObject({ errors: [[tooLong, 3]] });
  });

  it('names the line of a quote never closed within the limit', () => {
    expect(run(['a;1\nb;"open\nmore\n'])).toMatchObject({ errors: [['CSV_QUOTE_NOT_CLOSED', 3]] });
  });
});
