import { invalidData } from '../errors.js';

/** The three separate lists of the Registre national des refus. */
export const DONATION_USES = ['transplantation', 'research', 'autopsy'] as const;
export type DonationUse = (typeof DONATION_USES)[number];

export type DonationPosition = 'no-objection' | 'refuse';

/** Shown with every display of the donation position: the record's note has no legal force. */
export const DONATION_NOTICE =
  'Only the Registre national des refus (Agence de la biomédecine) counts legally: what this record ' +
  'holds is your stated position, for your relatives. To refuse, register from age 13 at ' +
  'registrenationaldesrefus.fr (or by post), for transplantation, research and autopsy separately.';

/** "transplantation,research" -> the uses, each once, in the registry's order. */
export function parseDonationUses(raw: string): DonationUse[] {
  const parts = raw.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (parts.length === 0) throw invalidData('The list of refused uses is empty.', `Name at least one of: ${DONATION_USES.join(', ')}.`);
  for (const p of parts) {
    if (!(DONATION_USES as readonly string[]).includes(p)) {
      throw invalidData(`"${p}" is not a use of organs and tissues the registry lists.`, `Name any of: ${DONATION_USES.join(', ')}.`);
    }
  }
  return DONATION_USES.filter((u) => parts.includes(u));
}
