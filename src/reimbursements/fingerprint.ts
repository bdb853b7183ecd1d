import { hash } from 'node:crypto';
import type { Act } from './rows.js';

const SEP = '\x1f';

/**
 * A row's identity: its normalised content (cents, ISO dates, section key, trimmed text, the
 * person) plus its occurrence number among identical rows of the same file. The same act read
 * from another encoding, delimiter or column order has the same fingerprint, and two
 * identical rows of one file (two boxes of the same drug) are two acts.
 */
export class Fingerprinter {
  /** Content hash prefix (48 bits) -> how many times this file has shown that content. */
  private readonly seen = new Map<number, number>();

  of(act: Act): Buffer {
    const content = contentKey(act);
    const digest = hash('sha256', content, 'buffer') as unknown as Buffer;
    const key = digest.readUIntBE(0, 6);
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    if (occurrence === 0) return digest.subarray(0, 16);
    return (hash('sha256', `${content}${SEP}#${occurrence}`, 'buffer') as unknown as Buffer).subarray(0, 16);
  }
}

export function contentKey(a: Act): string {
  return (
    a.patientId + SEP + a.careDate + SEP + a.section + SEP + a.label + SEP + (a.code ?? '') + SEP + a.quantity + SEP +
    (a.professional ?? '') + SEP + (a.specialty ?? '') + SEP + a.spentCents + SEP + (a.baseCents ?? '') + SEP +
    (a.rateBp ?? '') + SEP + a.reimbursedCents + SEP + (a.deductibleCents ?? '') + SEP + (a.complementaryCents ?? '') + SEP +
    (a.paymentDate ?? '') + SEP + (a.reference ?? '')
  );
}
