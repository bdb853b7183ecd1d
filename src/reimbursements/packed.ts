import { CONTENT_COLUMNS, contentDigest, type Fingerprinter } from './fingerprint.js';
import type { Act } from './rows.js';
import { ROWS_PER_INSERT, VALUES_PER_ACT } from './repo.js';

/**
 * Acts packed to cross from the reader thread to the writer: per insert, the text values in
 * one string and the numbers in one Float64Array. A structured clone of that is two copies;
 * of an array of 19 values per act it walked and rebuilt 19 million values for a million
 * acts (a second of the reader's time and half a second of the writer's).
 */
export interface PackedActs {
  rows: number;
  /** TEXT_FIELDS of each act, in order, joined by SEP; '' stands for null (cells are never ''). */
  text: string;
  /** NUMBER_FIELDS of each act, in order; NaN stands for null. */
  numbers: Float64Array;
}

/**
 * A lone surrogate: decoded text never holds one (UTF-8 and Windows-1252 decoders produce
 * whole characters or U+FFFD), so no cell can contain the separator.
 */
const SEP = '\ud800';
const TEXTS = 8;
const NUMBERS = 9;

/** Packs acts, in file order, into groups of ROWS_PER_INSERT. */
export class ActPacker {
  private texts: string[] = [];
  private numbers = new Float64Array(ROWS_PER_INSERT * NUMBERS);
  private rows = 0;

  get pending(): number {
    return this.rows;
  }

  add(act: Act, line: number): void {
    const n = this.numbers;
    let k = this.rows * NUMBERS;
    n[k++] = line;
    n[k++] = act.patientId;
    n[k++] = act.quantity;
    n[k++] = act.spentCents;
    n[k++] = act.baseCents ?? NaN;
    n[k++] = act.rateBp ?? NaN;
    n[k++] = act.reimbursedCents;
    n[k++] = act.deductibleCents ?? NaN;
    n[k] = act.complementaryCents ?? NaN;
    this.texts.push(act.careDate, act.section, act.label, act.code ?? '', act.professional ?? '', act.specialty ?? '', act.paymentDate ?? '', act.reference ?? '');
    this.rows++;
  }

  /** The acts added since the last take (at most ROWS_PER_INSERT). */
  take(): PackedActs {
    const packed = { rows: this.rows, text: this.texts.join(SEP), numbers: this.numbers.slice(0, this.rows * NUMBERS) };
    this.texts = [];
    this.rows = 0;
    return packed;
  }
}

/**
 * The insert parameters of packed acts, in the order of `ActWriter`'s columns, with their
 * fingerprints. Hashing here, on the writer's thread, rather than in the reader: the reader
 * is the import's critical path (~5 s per million rows), while the writer waited for it
 * about 2 s of that time.
 */
export function unpackActs(packed: PackedActs, importId: number, fingerprints: Fingerprinter): unknown[] {
  const texts = packed.text.split(SEP);
  const n = packed.numbers;
  const params = new Array<unknown>(packed.rows * VALUES_PER_ACT);
  const num = (k: number) => (Number.isNaN(n[k]!) ? null : n[k]!);
  const str = (k: number) => (texts[k] === '' ? null : texts[k]!);
  for (let r = 0, p = 0, t = 0, k = 0; r < packed.rows; r++, t += TEXTS, k += NUMBERS) {
    params[p++] = importId;
    params[p++] = n[k]!;
    params[p++] = n[k + 1]!;
    params[p++] = texts[t]!;
    params[p++] = texts[t + 1]!;
    params[p++] = texts[t + 2]!;
    params[p++] = str(t + 3);
    params[p++] = n[k + 2]!;
    params[p++] = str(t + 4);
    params[p++] = str(t + 5);
    params[p++] = n[k + 3]!;
    params[p++] = num(k + 4);
    params[p++] = num(k + 5);
    params[p++] = n[k + 6]!;
    params[p++] = num(k + 7);
    params[p++] = num(k + 8);
    params[p++] = str(t + 6);
    params[p++] = str(t + 7);
    // The content columns come just before the fingerprint in ActWriter's columns.
    params[p] = fingerprints.of(contentDigest(params, p - CONTENT_COLUMNS.length));
    p++;
  }
  return params;
}
