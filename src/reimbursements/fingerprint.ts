import * as crypto from 'node:crypto';
import { OccurrenceCounter } from './occurrences.js';

const SEP = '\x1f';

/** One-shot sha256 to base64: crypto.hash (Node 20.12+, faster for short input), else createHash. */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'base64')
    : (text) => crypto.createHash('sha256').update(text).digest('base64');

/** 22 base64 characters = 132 bits of sha256: collisions are out of reach for any record. */
const FINGERPRINT_CHARS = 22;

/**
 * A row's identity: its normalised content (the person, cents, ISO dates, section key, trimmed
 * text) plus its occurrence number among identical rows of the same file. The same act read
 * from another encoding, delimiter or column order has the same fingerprint, and two
 * identical rows of one file (two boxes of the same drug) are two acts.
 *
 * The content is the act's values in CONTENT_COLUMNS order, joined by U+001F (null as
 * nothing), hashed with sha256 (as fast as md5 or sha1 here: 0.85 s per million rows, with SHA
 * instructions); the fingerprint is the first 22 base64 characters of that digest, or, for
 * the n-th twin (n >= 1), of the sha256 of `digest U+001F #n`. Changing any of this would make
 * the acts already in records look new on their next import. `params[from]` onwards holds the
 * values as ActWriter binds them (its columns put these in this order).
 */
export function contentDigest(params: readonly unknown[], from: number): string {
  return sha256(params.slice(from, from + CONTENT_COLUMNS.length).join(SEP));
}

/** An act's content, in the order it is hashed: what its fingerprint is made of. */
export const CONTENT_COLUMNS = [
  'patient_id', 'care_date', 'section', 'label', 'code', 'quantity', 'professional', 'specialty', 'spent_cents', 'base_cents', 'rate_bp',
  'reimbursed_cents', 'deductible_cents', 'complementary_cents', 'payment_date', 'reference',
] as const;

/** Counts twins in file order; the import's writer runs it on the acts as they arrive. */
export class Fingerprinter {
  /** 60 bits of a content digest -> how many times this file has shown that content. */
  private readonly seen = new OccurrenceCounter();

  /** The fingerprint of the next row whose content has this digest. */
  of(digest: string): string {
    const occurrence = this.seen.next(bits(digest, 0), bits(digest, 5));
    if (occurrence === 0) return digest.slice(0, FINGERPRINT_CHARS);
    return sha256(`${digest}${SEP}#${occurrence}`).slice(0, FINGERPRINT_CHARS);
  }
}

const B64 = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (B64[c.charCodeAt(0)] = i));

/** 30 bits from 5 base64 characters at `from`: two of them key the occurrence counter. */
function bits(digest: string, from: number): number {
  let n = 0;
  for (let i = from; i < from + 5; i++) n = (n << 6) | B64[digest.charCodeAt(i)]!;
  return n;
}
