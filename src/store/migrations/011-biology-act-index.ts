import type { Migration } from '../migrate.js';

/**
 * A partial index of biology acts by (person, care date): the summary's notice of biology acts
 * without results reads them from it alone. Through the (person, care date, section) index it
 * walked every act of the 24-month window to keep one in five (~500,000 entries, 130 ms cold on a
 * million-act encrypted record); this one holds the biology acts only (~28 ms for the same
 * 83,000). Queries must say `section = 'biology'` as written for SQLite to use it.
 */
export const biologyActIndex: Migration = {
  version: 11,
  name: 'biology-act-index',
  up(db) {
    db.exec(`CREATE INDEX reimbursement_biology_by_patient_date ON reimbursement (patient_id, care_date) WHERE section = 'biology'`);
  },
};
