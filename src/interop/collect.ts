import { createHash } from 'node:crypto';
import { type ConsentState, consentState } from '../consent/state.js';
import { documentBytes, listDocuments, type DocumentRecord } from '../documents/repo.js';
import { listHealthEntries } from '../health/repo.js';
import type { HealthEntry } from '../health/types.js';
import { type Contact, getContact } from '../profile/contact.js';
import { listPatients, type Patient } from '../profile/patients.js';
import { type ActView, listActs } from '../reimbursements/views.js';
import type { Db } from '../store/database.js';
import { actUuids, recordUuid, uuidsOf } from './ids.js';

export interface ExportPerson {
  patient: Patient;
  uuid: string;
  contact: Contact;
}
export interface ExportDocument {
  document: DocumentRecord;
  uuid: string;
  bytes: Buffer;
  /** Base64 of the SHA-1 of the bytes: what FHIR's Attachment.hash is. */
  sha1: string;
}
export interface ExportAct {
  act: ActView;
  patientId: number;
  uuid: string;
}

/** What the FHIR export is made from: the areas' read models, with the stable ids. */
export interface RecordView {
  recordUuid: string;
  /** YYYY-MM-DD: decides whether a medication is still taken. */
  today: string;
  generatedAt: string;
  people: ExportPerson[];
  documents: ExportDocument[];
  acts: ExportAct[];
  health: HealthEntry[];
  consent: ConsentState[];
}

/** Reads everyone's data through the areas' own read functions (archived documents and acts older than 24 months included). */
export function collectRecord(db: Db, now: Date): RecordView {
  const patientUuids = uuidsOf(db, 'patient');
  const documentUuids = uuidsOf(db, 'document');
  const acts = actUuids(db);
  const patients = listPatients(db);
  const view: RecordView = { recordUuid: recordUuid(db), today: now.toISOString().slice(0, 10), generatedAt: now.toISOString(), people: [], documents: [], acts: [], health: [], consent: [] };
  for (const patient of patients) {
    view.people.push({ patient, uuid: patientUuids.get(patient.id)!, contact: getContact(db, patient.id) });
    const docs = [...listDocuments(db, { patientId: patient.id }), ...listDocuments(db, { patientId: patient.id, archived: true })];
    for (const document of docs.sort((a, b) => a.id - b.id)) {
      const bytes = documentBytes(db, document.id);
      view.documents.push({ document, uuid: documentUuids.get(document.id)!, bytes, sha1: createHash('sha1').update(bytes).digest('base64') });
    }
    for (const act of listActs(db, { patientId: patient.id, from: null, to: null }).sort((a, b) => a.id - b.id)) {
      view.acts.push({ act, patientId: patient.id, uuid: acts.get(act.id)! });
    }
    view.health.push(...listHealthEntries(db, patient.id));
    view.consent.push(consentState(db, patient.id));
  }
  return view;
}
