import { invalidData } from '../errors.js';

/**
 * Health professions as the DMP's access rules know them: a key for flags and JSON, the French
 * label for people. Data, not logic: the access matrix (matrix.ts) is keyed by these.
 */
export const PROFESSIONS = {
  medecin: 'Médecin',
  'chirurgien-dentiste': 'Chirurgien-dentiste',
  'sage-femme': 'Sage-femme',
  pharmacien: 'Pharmacien',
  infirmier: 'Infirmier',
  'masseur-kinesitherapeute': 'Masseur-kinésithérapeute',
  'pedicure-podologue': 'Pédicure-podologue',
  orthophoniste: 'Orthophoniste',
  orthoptiste: 'Orthoptiste',
  ergotherapeute: 'Ergothérapeute',
  psychomotricien: 'Psychomotricien',
  dieteticien: 'Diététicien',
  'manipulateur-electroradiologie': "Manipulateur d'électroradiologie médicale",
  audioprothesiste: 'Audioprothésiste',
  'opticien-lunetier': 'Opticien-lunetier',
} as const;

export type Profession = keyof typeof PROFESSIONS;

export const PROFESSION_KEYS = Object.keys(PROFESSIONS) as Profession[];

export function isProfession(key: string): key is Profession {
  return Object.prototype.hasOwnProperty.call(PROFESSIONS, key);
}

export function professionLabel(key: Profession): string {
  return PROFESSIONS[key];
}

/** A profession key (case ignored), or an 'invalid' error listing the known keys. */
export function parseProfession(raw: string, field = 'profession'): Profession {
  const key = raw.trim().toLowerCase();
  if (!isProfession(key)) {
    throw invalidData(`The ${field} "${raw}" is not one dmp knows.`, `Use one of: ${PROFESSION_KEYS.join(', ')}.`);
  }
  return key;
}
