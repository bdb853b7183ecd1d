import { invalidData } from '../errors.js';

const HIDDEN = /[\p{Cc}\p{Cf}]/u;

/** Free text a person types for a name or a relation: trimmed, one space between words, no control characters. */
export function cleanText(raw: string, field: string, max: number): string {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!text) throw invalidData(`The ${field} is empty.`, `Give the ${field}.`);
  if (HIDDEN.test(text)) throw invalidData(`The ${field} "${raw}" holds control or invisible characters.`, `Type the ${field} again without them.`);
  if ([...text].length > max) throw invalidData(`The ${field} is ${[...text].length} characters long; at most ${max} are kept.`, `Shorten the ${field}.`);
  return text;
}

/** A person's given or family name: letters, spaces, hyphens, apostrophes and dots. */
export function cleanName(raw: string, field: string): string {
  const name = cleanText(raw, field, 100);
  if (!/^[\p{L}][\p{L}\p{M}' .-]*$/u.test(name)) {
    throw invalidData(`The ${field} "${name}" has characters a name cannot have.`, 'Use letters, spaces, hyphens and apostrophes.');
  }
  return name;
}
