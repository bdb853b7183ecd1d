import type { Migration } from '../migrate.js';

/**
 * The (person, care date) index of payer acts also carries the section, so that a person's acts
 * of one section over a period (the summary's biology acts) are read from the index alone: as
 * a lookup of each act's row, a million-act record spent seconds decrypting scattered pages.
 */
export const actSectionIndex: Migration = {
  version: 10,
  name: 'act-section-index',
  up(db) {
    db.exec(`
      DROP INDEX reimbursement_by_patient_date;
      CREATE INDEX reimbursement_by_patient_date ON reimbursement (patient_id, care_date, section);
    `);
  },
};
