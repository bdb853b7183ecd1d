import { normaliseEmail, normalisePhone } from '../profile/contact-fields.js';
import { cleanName, cleanText } from './text.js';

/** A person the patient names: the trusted person, or someone to warn. */
export interface PersonInput {
  givenName: string;
  familyName: string;
  relation: string;
  phone?: string;
  email?: string;
}

export interface PersonDetails {
  givenName: string;
  familyName: string;
  relation: string;
  phone: string | null;
  email: string | null;
}

/** Checks every field of a person; phone and e-mail are stored in their normal form. */
export function validatePerson(input: PersonInput): PersonDetails {
  return {
    givenName: cleanName(input.givenName, 'given name'),
    familyName: cleanName(input.familyName, 'family name'),
    relation: cleanText(input.relation, 'relation', 60),
    phone: input.phone === undefined ? null : normalisePhone(input.phone, 'phone number'),
    email: input.email === undefined ? null : normaliseEmail(input.email, 'e-mail address'),
  };
}
