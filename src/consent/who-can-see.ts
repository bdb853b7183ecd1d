import { getDocument } from '../documents/repo.js';
import { getPatient } from '../profile/patients.js';
import type { Db } from '../store/database.js';
import { isoDay } from '../util/dates.js';
import { type AccessFacts, type DocumentFacts, type Reason, type Viewer, whoCanSee } from './access.js';
import { isMinor } from './consent.js';
import { PROFESSION_KEYS, type Profession } from './professions.js';
import { type ConsentState, consentState } from './state.js';

/** What the patient's settings say about one RPPS. */
export type Role = 'gp' | 'gp-rights' | 'blocked' | null;

export interface ViewerAnswer {
  viewer: { kind: Viewer['kind']; rpps: string | null; profession: Profession | null; name: string | null; role: Role };
  canSee: boolean;
  reasons: Reason[];
}

export interface DocumentAccess {
  documentId: number;
  typeCode: string;
  masked: boolean;
  hiddenFromRepresentatives: boolean;
  patientIsMinor: boolean;
  viewers: ViewerAnswer[];
}

export function accessFacts(state: ConsentState): AccessFacts {
  return {
    gp: state.gp?.rpps ?? null,
    gpRights: state.gpRights.map((p) => p.rpps),
    blocked: state.blocked.map((p) => p.rpps),
    emergency: state.emergency.setting,
    samu: state.samu.setting,
  };
}

/** The professional an RPPS names in the settings, if any: their role, name and profession. */
export function knownProfessional(state: ConsentState, rpps: string): { role: Role; name: string | null; profession: Profession | null } {
  if (state.gp?.rpps === rpps) return { role: 'gp', name: state.gp.name, profession: state.gp.profession ?? 'medecin' };
  const entry = (list: ConsentState['blocked'], role: Role) => {
    const p = list.find((x) => x.rpps === rpps);
    return p ? { role, name: p.name, profession: p.profession } : null;
  };
  return entry(state.gpRights, 'gp-rights') ?? entry(state.blocked, 'blocked') ?? { role: null, name: null, profession: null };
}

/** Every kind of viewer worth asking about: the people named in the settings, then each profession. */
export function allViewers(state: ConsentState): Viewer[] {
  const named = (p: { rpps: string; profession: Profession | null }): Viewer => ({ kind: 'professional', rpps: p.rpps, profession: p.profession ?? 'medecin' });
  return [
    { kind: 'patient' },
    { kind: 'legal-representative' },
    ...(state.gp ? [named(state.gp)] : []),
    ...state.gpRights.map(named),
    ...state.blocked.map(named),
    { kind: 'emergency', profession: 'medecin' },
    { kind: 'samu' },
    ...PROFESSION_KEYS.map((profession): Viewer => ({ kind: 'professional', profession })),
  ];
}

/**
 * Who can see document `documentId`, under the consent settings of the person it belongs to:
 * for the viewers `pick` chooses from those settings, else for every kind of viewer.
 */
export function documentAccess(db: Db, documentId: number, now: Date, pick: (state: ConsentState) => Viewer[] = allViewers): DocumentAccess {
  const doc = getDocument(db, documentId);
  const state = consentState(db, doc.patientId);
  const facts: DocumentFacts = {
    typeCode: doc.typeCode,
    masked: doc.masked,
    hiddenFromRepresentatives: state.hiddenFromRepresentatives.includes(doc.id),
    patientIsMinor: isMinor(getPatient(db, doc.patientId).birthDate, isoDay(now)),
  };
  const access = accessFacts(state);
  return {
    documentId: doc.id,
    typeCode: doc.typeCode,
    masked: facts.masked,
    hiddenFromRepresentatives: facts.hiddenFromRepresentatives,
    patientIsMinor: facts.patientIsMinor,
    viewers: pick(state).map((v) => {
      const rpps = 'rpps' in v && v.rpps ? v.rpps : null;
      const known = rpps ? knownProfessional(state, rpps) : { role: null, name: null };
      const profession = v.kind === 'professional' || v.kind === 'emergency' ? v.profession : v.kind === 'samu' ? 'medecin' : null;
      return { viewer: { kind: v.kind, rpps, profession, name: known.name, role: known.role }, ...whoCanSee(facts, v, access) };
    }),
  };
}
