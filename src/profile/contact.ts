import { appendAudit } from '../audit/log.js';
import { invalidData } from '../errors.js';
import type { Db } from '../store/database.js';
import { normaliseEmail, normalisePhone } from './contact-fields.js';

/** A person's contact details (MES INFORMATIONS); every field may be unset. */
export interface Contact {
  address: string | null;
  postcode: string | null;
  city: string | null;
  /** E.164 (+33612345678). */
  phone: string | null;
  email: string | null;
  updatedAt: string | null;
}

export type ContactField = 'address' | 'postcode' | 'city' | 'phone' | 'email';
export const CONTACT_FIELDS: readonly ContactField[] = ['address', 'postcode', 'city', 'phone', 'email'];

/** Changes: a string sets the field (checked), null clears it, absent keeps it. */
export type ContactChanges = Partial<Record<ContactField, string | null>>;

const EMPTY: Contact = { address: null, postcode: null, city: null, phone: null, email: null, updatedAt: null };

export function getContact(db: Db, patientId: number): Contact {
  const row = db
    .prepare('SELECT address, postcode, city, phone, email, updated_at AS updatedAt FROM patient_contact WHERE patient_id = ?')
    .get(patientId) as Contact | undefined;
  return row ?? { ...EMPTY };
}

/** Checks and stores the changes with their audit row (field names only, never values) in one IMMEDIATE transaction. */
export function editContact(db: Db, patientId: number, changes: ContactChanges, actor: string, now: Date): Contact {
  const clean: ContactChanges = {};
  for (const field of CONTACT_FIELDS) {
    const value = changes[field];
    if (value !== undefined) clean[field] = value === null ? null : checkField(field, value);
  }
  return db.transaction(() => {
    const next = { ...getContact(db, patientId), ...clean, updatedAt: now.toISOString() };
    db.prepare(
      `INSERT INTO patient_contact (patient_id, address, postcode, city, phone, email, updated_at)
       VALUES (@patientId, @address, @postcode, @city, @phone, @email, @updatedAt)
       ON CONFLICT (patient_id) DO UPDATE SET address = excluded.address, postcode = excluded.postcode, city = excluded.city,
         phone = excluded.phone, email = excluded.email, updated_at = excluded.updated_at`,
    ).run({ patientId, ...next });
    appendAudit(db, { actor, action: 'profile.edit', target: `patient:${patientId}`, details: { fields: Object.keys(clean) } }, now);
    return next;
  }).immediate();
}

const HIDDEN = /[\p{Cc}\p{Cf}]/u;

function checkField(field: ContactField, raw: string): string {
  if (field === 'phone') return normalisePhone(raw, 'phone number');
  if (field === 'email') return normaliseEmail(raw, 'e-mail');
  const value = raw.trim().replace(/\s+/g, ' ');
  if (!value) throw invalidData(`The ${field} is empty.`, 'Give a value, or clear the field.');
  if (HIDDEN.test(raw.trim())) throw invalidData(`The ${field} ${JSON.stringify(raw)} holds control or invisible characters.`, 'Type it again as plain text.');
  if (field === 'postcode') {
    if (!/^\d{5}$/.test(value) || value.startsWith('00')) throw invalidData(`The postcode "${raw}" is not a French postcode (5 digits, such as 75011).`, 'Give the 5-digit code postal.');
    return value;
  }
  if (value.length > (field === 'address' ? 200 : 100)) throw invalidData(`The ${field} is ${value.length} characters long; at most ${field === 'address' ? 200 : 100} are kept.`, 'Shorten it.');
  if (field === 'city' && !/^[\p{L}][\p{L}\p{M}' .-]*$/u.test(value)) throw invalidData(`The city "${value}" has characters a town name cannot have.`, 'Use letters, spaces, hyphens and apostrophes (Saint-Étienne, L\'Haÿ-les-Roses).');
  return value;
}
