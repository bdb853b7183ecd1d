import type { Db } from '../store/database.js';
import type { Section } from './sections.js';

/** What another area may know of one act it links to: whose it is, its section and day. */
export interface ActRef {
  id: number;
  patientId: number;
  section: Section;
  careDate: string;
  label: string;
}

/** The act with this id, or undefined (an undone import removes its acts). */
export function findActRef(db: Db, id: number): ActRef | undefined {
  return db
    .prepare('SELECT id, patient_id AS patientId, section, care_date AS careDate, label FROM reimbursement WHERE id = ?')
    .get(id) as ActRef | undefined;
}
