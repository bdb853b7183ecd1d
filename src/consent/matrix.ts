import type { Profession } from './professions.js';

/**
 * The access matrix ("matrice d'habilitation"): which document types a profession may NOT see.
 * Everything not listed here is allowed. The real DMP's matrix is finer; this holds the two
 * published examples (shared/reference/dmp-access-and-consent.md), by national typeCode.
 */
export const DENIED_TYPES: Readonly<Partial<Record<Profession, readonly string[]>>> = {
  // A dentist does not see the advance directives.
  'chirurgien-dentiste': ['EXPPAT_3'],
  // A pedicure-podiatrist does not see a delivery report (CR d'accouchement).
  'pedicure-podologue': ['15508-5'],
};

export function professionMaySee(profession: Profession, typeCode: string): boolean {
  return !(DENIED_TYPES[profession] ?? []).includes(typeCode);
}
