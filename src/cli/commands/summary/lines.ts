import { formatEuros } from '../../../reimbursements/money.js';
import type { HealthEntry } from '../../../health/types.js';
import { entryDetail, entryName } from '../health/render.js';

export { formatEuros };

/** One health entry as text: name, detail, day. */
export function entryText(e: HealthEntry): string {
  const day = 'date' in e ? e.date : e.since ? `since ${e.since}` : '';
  return [entryName(e), entryDetail(e), day].filter(Boolean).join(' · ');
}

/** Control characters in stored text (a document title) shown escaped, never sent raw. */
export function shown(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
