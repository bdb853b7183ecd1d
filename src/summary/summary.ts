import { countByCategory } from '../documents/counts.js';
import { type ConsentSummary, consentSummary } from '../consent/state.js';
import { listDocuments } from '../documents/repo.js';
import { CATEGORIES, type CategoryKey } from '../documents/taxonomy.js';
import { countEntries, linkedActIds, newestHealthEntries } from '../health/repo.js';
import type { Allergy, Condition, HealthEntry, Lab, Measurement, Medication, Vaccination } from '../health/types.js';
import { getPatient } from '../profile/patients.js';
import type { Db } from '../store/database.js';
import { isoDay } from '../util/dates.js';
import { fold } from '../util/fold.js';
import { type PayerSummary, payerSummary, unlinkedBiologyActs } from './payer.js';

export interface SummaryPerson {
  id: number;
  givenName: string;
  familyName: string;
  birthDate: string;
  age: number;
  sex: 'F' | 'M';
  /** Only the last 5 characters visible. */
  nirMasked: string | null;
}

export interface CategorySummary {
  category: CategoryKey;
  count: number;
  latest: { id: number; date: string; typeCode: string; title: string }[];
}

/** The acts a notice names at most (the oldest); its count covers them all. */
export const NOTICE_IDS = 100;

export type Notice =
  | { code: 'payer-data-informative' }
  | { code: 'biology-without-results'; count: number; actIds: number[] }
  | { code: 'empty-record' };

export interface Summary {
  person: SummaryPerson;
  documents: { count: number; byCategory: CategorySummary[] };
  payer: PayerSummary;
  health: {
    allergies: Allergy[];
    conditions: Condition[];
    medications: Medication[];
    latestMeasurements: Measurement[];
    latestLabs: Lab[];
    vaccinations: Vaccination[];
  };
  /** The consent area's own summary of the choices in force. */
  consent: ConsentSummary;
  /** What the CLI words (it adds the message and the command to run). */
  notices: Notice[];
}

/** The RÉCAPITULATIF of one person: other areas' read functions, composed; no table is read here. */
export function buildSummary(db: Db, patientId: number, now: Date): Summary {
  const patient = getPatient(db, patientId);
  const today = isoDay(now);
  const counts = countByCategory(db, patientId);
  const byCategory = (Object.keys(CATEGORIES) as CategoryKey[]).map((category) => ({
    category,
    count: counts.get(category) ?? 0,
    latest: (counts.get(category) ? listDocuments(db, { patientId, category, limit: 3 }) : []).map((d) => ({ id: d.id, date: d.date, typeCode: d.typeCode, title: d.title })),
  }));
  const documentCount = byCategory.reduce((n, c) => n + c.count, 0);
  const payer = payerSummary(db, patientId, now);
  const health = healthSummary(newestHealthEntries(db, patientId), today);
  const unlinked = unlinkedBiologyActs(db, patientId, now, linkedActIds(db, patientId), NOTICE_IDS);
  const notices: Notice[] = [{ code: 'payer-data-informative' }];
  if (unlinked.count > 0) notices.push({ code: 'biology-without-results', count: unlinked.count, actIds: unlinked.firstIds });
  if (documentCount === 0 && payer.total.count === 0 && countEntries(db, patientId) === 0) notices.push({ code: 'empty-record' });
  return {
    person: {
      id: patient.id, givenName: patient.givenName, familyName: patient.familyName, birthDate: patient.birthDate,
      age: ageOn(patient.birthDate, today), sex: patient.sex, nirMasked: patient.nir ? maskNir(patient.nir) : null,
    },
    documents: { count: documentCount, byCategory },
    payer,
    health,
    consent: consentSummary(db, patientId),
    notices,
  };
}

function healthSummary(entries: HealthEntry[], today: string): Summary['health'] {
  const of = <K extends HealthEntry['kind']>(kind: K) => entries.filter((e): e is Extract<HealthEntry, { kind: K }> => e.kind === kind);
  return {
    allergies: of('allergy'),
    conditions: of('condition').filter((c) => c.status === 'active'),
    medications: of('medication').filter((m) => m.until === null || m.until >= today),
    latestMeasurements: newestBy(of('measurement'), (m) => m.type),
    latestLabs: newestBy(of('lab'), (l) => fold(l.analyte)),
    vaccinations: of('vaccination').reverse(),
  };
}

/** The newest entry of each group (entries come oldest first), groups in first-seen order. */
function newestBy<T>(entries: T[], key: (e: T) => string): T[] {
  const newest = new Map<string, T>();
  for (const e of entries) {
    const k = key(e);
    newest.delete(k);
    newest.set(k, e);
  }
  return [...newest.values()].reverse();
}

export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export function maskNir(nir: string): string {
  return '*'.repeat(Math.max(0, nir.length - 5)) + nir.slice(-5);
}
