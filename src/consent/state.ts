import type { Db } from '../store/database.js';
import { DONATION_NOTICE, type DonationPosition, type DonationUse } from './donation.js';
import { type ConsentEvent, latestEvents } from './events.js';
import type { PersonDetails } from './people.js';
import type { Profession } from './professions.js';

/** A named professional in the patient's settings (médecin traitant, GP rights, blocked). */
export interface ProfessionalEntry {
  uuid: string;
  rpps: string;
  name: string | null;
  profession: Profession | null;
  since: string;
}

export type AccessSetting = 'allow' | 'oppose';

export interface AccessEntry {
  setting: AccessSetting;
  /** True while the patient never chose: the law presumes "allow". */
  isDefault: boolean;
  since: string | null;
  uuid: string | null;
}

export interface PersonEntry extends PersonDetails {
  uuid: string;
  since: string;
}

/** A person to warn; `id` is what `rm` takes (never reused). */
export interface ContactEntry extends PersonEntry {
  id: number;
}

export interface DonationEntry {
  /** null: no position stated in this record. */
  position: DonationPosition | null;
  refuses: DonationUse[];
  since: string | null;
  uuid: string | null;
  notice: string;
}

export interface DirectivesEntry {
  uuid: string;
  documentId: number;
  since: string;
}

/** Everything the patient chose, as of now: the read model for show, summary and exports. */
export interface ConsentState {
  patientId: number;
  gp: ProfessionalEntry | null;
  gpRights: ProfessionalEntry[];
  blocked: ProfessionalEntry[];
  emergency: AccessEntry;
  samu: AccessEntry;
  trustedPerson: PersonEntry | null;
  contacts: ContactEntry[];
  donation: DonationEntry;
  directives: DirectivesEntry | null;
  /** Documents of a minor hidden from their legal representatives. */
  hiddenFromRepresentatives: number[];
}

const professional = (e: ConsentEvent): ProfessionalEntry => ({
  uuid: e.uuid,
  rpps: String(e.state!.rpps),
  name: (e.state!.name as string | null | undefined) ?? null,
  profession: (e.state!.profession as Profession | null | undefined) ?? null,
  since: e.at,
});

const access = (e: ConsentEvent | undefined): AccessEntry =>
  e?.state ? { setting: e.state.setting as AccessSetting, isDefault: false, since: e.at, uuid: e.uuid } : { setting: 'allow', isDefault: true, since: null, uuid: null };

const person = (e: ConsentEvent): PersonEntry => ({ uuid: e.uuid, since: e.at, ...(e.state as unknown as PersonDetails) });

export function consentState(db: Db, patientId: number): ConsentState {
  const current = latestEvents(db, patientId).filter((e) => e.state !== null);
  const of = (topic: ConsentEvent['topic']) => current.filter((e) => e.topic === topic);
  const one = (topic: ConsentEvent['topic']) => of(topic)[0];
  const donation = one('donation');
  const directives = one('directives');
  const trusted = one('trusted-person');
  const gp = one('gp');
  return {
    patientId,
    gp: gp ? professional(gp) : null,
    gpRights: of('gp-rights').map(professional),
    blocked: of('blocked').map(professional),
    emergency: access(one('emergency')),
    samu: access(one('samu')),
    trustedPerson: trusted ? person(trusted) : null,
    contacts: contactEntries(db, patientId, of('contact')),
    donation: {
      position: (donation?.state?.position as DonationPosition | undefined) ?? null,
      refuses: (donation?.state?.refuses as DonationUse[] | undefined) ?? [],
      since: donation?.at ?? null,
      uuid: donation?.uuid ?? null,
      notice: DONATION_NOTICE,
    },
    directives: directives ? { uuid: directives.uuid, documentId: Number(directives.state!.documentId), since: directives.at } : null,
    hiddenFromRepresentatives: of('representatives').map((e) => Number(e.subject)).sort((a, b) => a - b),
  };
}

/** A contact keeps the id and uuid of the row that added it, whatever changed since. */
function contactEntries(db: Db, patientId: number, events: ConsentEvent[]): ContactEntry[] {
  const firsts = new Map(
    (db.prepare("SELECT subject, min(id) AS id FROM consent_event WHERE patient_id = ? AND topic = 'contact' GROUP BY subject").all(patientId) as { subject: string; id: number }[]).map(
      (r) => [r.subject, r.id],
    ),
  );
  return events.map((e) => ({ id: firsts.get(e.subject)!, ...person(e), uuid: e.subject })).sort((a, b) => a.id - b.id);
}

/** The consent part of `summary`: the choices that matter at a glance. */
export interface ConsentSummary {
  gp: { rpps: string; name: string | null } | null;
  blocked: number;
  emergency: AccessSetting;
  samu: AccessSetting;
  trustedPerson: { givenName: string; familyName: string; relation: string; phone: string | null } | null;
  donation: { position: DonationPosition | null; refuses: DonationUse[]; notice: string };
  directives: { documentId: number } | null;
}

export function consentSummary(db: Db, patientId: number): ConsentSummary {
  const s = consentState(db, patientId);
  const t = s.trustedPerson;
  return {
    gp: s.gp ? { rpps: s.gp.rpps, name: s.gp.name } : null,
    blocked: s.blocked.length,
    emergency: s.emergency.setting,
    samu: s.samu.setting,
    trustedPerson: t ? { givenName: t.givenName, familyName: t.familyName, relation: t.relation, phone: t.phone } : null,
    donation: { position: s.donation.position, refuses: s.donation.refuses, notice: s.donation.notice },
    directives: s.directives ? { documentId: s.directives.documentId } : null,
  };
}
