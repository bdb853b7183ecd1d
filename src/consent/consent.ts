import { type DocumentRecord, getDocument } from '../documents/repo.js';
import type { AuditAction } from '../audit/actions.js';
import { findType } from '../documents/taxonomy.js';
import { DmpError, invalidData, notFound } from '../errors.js';
import { getPatient } from '../profile/patients.js';
import type { Db } from '../store/database.js';
import { isoDay } from '../util/dates.js';
import type { DonationPosition, DonationUse } from './donation.js';
import { type ConsentEvent, eventById, latestEvent, type Outcome, recordChange, type Topic } from './events.js';
import { type PersonInput, validatePerson } from './people.js';
import type { Profession } from './professions.js';
import { validateRpps } from './rpps.js';
import type { AccessSetting } from './state.js';
import { cleanText } from './text.js';

/** The changes a patient makes to their consent settings. Each is one new row and one audit row. */

export interface Who {
  patientId: number;
  actor: string;
  now: Date;
  /** The new rows' uuids (default random): dmp seed passes a seeded generator's. */
  newUuid?: () => string;
}

export interface ProfessionalInput {
  rpps: string;
  name?: string;
  profession?: Profession;
}

const ADVANCE_DIRECTIVES = 'EXPPAT_3';

const change = (db: Db, who: Who, topic: Topic, subject: string, state: Record<string, unknown> | null, action: AuditAction, check?: (c: ConsentEvent | undefined) => void): Outcome =>
  recordChange(db, { patientId: who.patientId, topic, subject, state, actor: who.actor, action }, who.now, check, who.newUuid);

const isSet = (db: Db, who: Who, topic: Topic, subject = '') => Boolean(latestEvent(db, who.patientId, topic, subject)?.state);
const currentGp = (db: Db, who: Who) => latestEvent(db, who.patientId, 'gp')?.state?.rpps as string | undefined;

function professionalState(p: ProfessionalInput, fallback: Profession | null) {
  return { rpps: validateRpps(p.rpps), name: p.name === undefined ? null : cleanText(p.name, 'name', 120), profession: p.profession ?? fallback };
}

function refuseBlocked(db: Db, who: Who, rpps: string, role: string): void {
  if (isSet(db, who, 'blocked', rpps)) {
    throw invalidData(`The professional with RPPS ${rpps} is blocked, so cannot be made ${role}.`, 'Unblock them first if that is what you want.');
  }
}

export function setGp(db: Db, who: Who, input: ProfessionalInput & { name: string }): Outcome {
  const state = professionalState(input, 'medecin');
  return change(db, who, 'gp', '', state, 'consent.gp.set', () => refuseBlocked(db, who, state.rpps, 'your médecin traitant'));
}

export function clearGp(db: Db, who: Who): Outcome {
  return change(db, who, 'gp', '', null, 'consent.gp.clear');
}

export function block(db: Db, who: Who, input: ProfessionalInput): Outcome {
  const state = professionalState(input, null);
  return change(db, who, 'blocked', state.rpps, state, 'consent.block', () => {
    if (currentGp(db, who) === state.rpps) throw invalidData(`RPPS ${state.rpps} is your médecin traitant, who cannot be blocked.`, 'Clear the médecin traitant first if that is what you want.');
    if (isSet(db, who, 'gp-rights', state.rpps)) throw invalidData(`RPPS ${state.rpps} holds the médecin traitant's rights, so cannot be blocked.`, 'Revoke those rights first if that is what you want.');
  });
}

export function unblock(db: Db, who: Who, rawRpps: string): Outcome {
  const rpps = validateRpps(rawRpps);
  return change(db, who, 'blocked', rpps, null, 'consent.unblock', (current) => {
    if (!current?.state) throw notFound(`No professional with RPPS ${rpps} is blocked.`, 'The blocked professionals are listed with their RPPS numbers.');
  });
}

export function grantGpRights(db: Db, who: Who, input: ProfessionalInput): Outcome {
  const state = professionalState(input, null);
  return change(db, who, 'gp-rights', state.rpps, state, 'consent.gp-rights.grant', () => {
    refuseBlocked(db, who, state.rpps, "a holder of the médecin traitant's rights");
    if (currentGp(db, who) === state.rpps) throw invalidData(`RPPS ${state.rpps} is your médecin traitant, who has these rights already.`, 'Grant them to another professional.');
  });
}

export function revokeGpRights(db: Db, who: Who, rawRpps: string): Outcome {
  const rpps = validateRpps(rawRpps);
  return change(db, who, 'gp-rights', rpps, null, 'consent.gp-rights.revoke', (current) => {
    if (!current?.state) throw notFound(`No professional with RPPS ${rpps} holds the médecin traitant's rights.`, 'Those who hold them are listed in the consent settings.');
  });
}

/** Break-the-glass access and the SAMU regulator's access: two separate settings. */
export function setAccess(db: Db, who: Who, which: 'emergency' | 'samu', setting: AccessSetting): Outcome {
  return change(db, who, which, '', { setting }, `consent.${which}.${setting}`);
}

export function setTrustedPerson(db: Db, who: Who, input: PersonInput): Outcome {
  return change(db, who, 'trusted-person', '', { ...validatePerson(input) }, 'consent.trusted-person.set');
}

export function clearTrustedPerson(db: Db, who: Who): Outcome {
  return change(db, who, 'trusted-person', '', null, 'consent.trusted-person.clear');
}

/** A new person to warn, under a new uuid (their `id` is the id of this first row). */
export function addContact(db: Db, who: Who, input: PersonInput, uuid: string): Outcome {
  return change(db, who, 'contact', uuid, { ...validatePerson(input) }, 'consent.contact.add');
}

export function removeContact(db: Db, who: Who, id: number): Outcome {
  const first = eventById(db, id);
  const gone = () => notFound(`There is no contact ${id} for this person.`, 'The contacts are listed with their ids.');
  if (!first || first.topic !== 'contact' || first.patientId !== who.patientId) throw gone();
  return change(db, who, 'contact', first.subject, null, 'consent.contact.remove', (current) => {
    if (!current?.state) throw gone();
  });
}

export function setDonation(db: Db, who: Who, position: DonationPosition, refuses: DonationUse[] = []): Outcome {
  if (position === 'refuse' && refuses.length === 0) throw invalidData('A refusal must name what it refuses.', 'Name any of: transplantation, research, autopsy.');
  if (position === 'no-objection' && refuses.length > 0) throw invalidData('"no-objection" refuses nothing, but a list of refused uses was given.', 'Drop the list, or state a refusal.');
  return change(db, who, 'donation', '', position === 'refuse' ? { position, refuses } : { position }, 'consent.donation.set');
}

/** The person's own document, or not-found (a document of someone else in the record is not theirs to use). */
function ownDocument(db: Db, who: Who, id: number): DocumentRecord {
  let doc: DocumentRecord;
  try {
    doc = getDocument(db, id);
  } catch (err) {
    if (err instanceof DmpError && err.kind === 'not-found') throw notFound(`There is no document ${id} in this record.`, 'Check the document id.');
    throw err;
  }
  if (doc.patientId !== who.patientId) throw notFound(`Document ${id} belongs to another person of the record.`, 'Choose one of this person\'s documents, or name the person it belongs to.');
  return doc;
}

export function setDirectives(db: Db, who: Who, documentId: number): Outcome {
  const doc = ownDocument(db, who, documentId);
  if (doc.typeCode !== ADVANCE_DIRECTIVES) {
    const label = findType(doc.typeCode)?.label ?? doc.typeCode;
    throw invalidData(
      `Document ${documentId} is of type ${doc.typeCode} (${label}), not ${ADVANCE_DIRECTIVES} (Directives anticipées), the type advance directives must have.`,
      `Add the directives as a document of type ${ADVANCE_DIRECTIVES}, or change this one's type if it is your directives.`,
    );
  }
  return change(db, who, 'directives', '', { documentId }, 'consent.directives.set');
}

export function clearDirectives(db: Db, who: Who): Outcome {
  return change(db, who, 'directives', '', null, 'consent.directives.clear');
}

export function isMinor(birthDate: string, today: string): boolean {
  const adult = `${String(Number(birthDate.slice(0, 4)) + 18).padStart(4, '0')}${birthDate.slice(4)}`;
  return today < adult;
}

/** Hides (or shows again) a minor's document from their legal representatives. */
export function setHiddenFromRepresentatives(db: Db, who: Who, documentId: number, hidden: boolean): Outcome {
  ownDocument(db, who, documentId);
  const patient = getPatient(db, who.patientId);
  if (hidden && !isMinor(patient.birthDate, isoDay(who.now))) {
    throw invalidData(
      `${patient.givenName} ${patient.familyName} (born ${patient.birthDate}) is not a minor: only a minor's documents can be hidden from legal representatives.`,
      'Masking the document hides it from professionals instead.',
    );
  }
  return change(db, who, 'representatives', String(documentId), hidden ? { hidden: true } : null, hidden ? 'consent.representatives.hide' : 'consent.representatives.unhide');
}
