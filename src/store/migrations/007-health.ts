import type { Migration } from '../migrate.js';

/**
 * MES INFORMATIONS: what a person enters themself (allergies, conditions, medication, lab
 * results, measurements, vaccinations) and their contact details.
 */
export const health: Migration = {
  version: 7,
  name: 'health',
  up(db) {
    db.exec(`
      CREATE TABLE health_entry (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid             TEXT NOT NULL UNIQUE,
        patient_id       INTEGER NOT NULL REFERENCES patient (id),
        kind             TEXT NOT NULL CHECK (kind IN ('allergy', 'condition', 'medication', 'lab', 'measurement', 'vaccination')),
        -- the day of a lab, measurement or vaccination; "since" for the others (may be null)
        date             TEXT,
        until            TEXT,
        -- substance, condition, medication, analyte, measurement type or vaccine
        name             TEXT NOT NULL,
        -- fold(name): what trend and "newest of each analyte" group on
        name_key         TEXT NOT NULL,
        -- decimal strings as entered, normalised ("5,4" -> "5.4"); never REAL
        value            TEXT,
        unit             TEXT,
        low              TEXT,
        high             TEXT,
        loinc            TEXT,
        lab              TEXT,
        reaction         TEXT,
        severity         TEXT CHECK (severity IN ('mild', 'moderate', 'severe')),
        status           TEXT CHECK (status IN ('active', 'resolved')),
        dose             TEXT,
        origin           TEXT CHECK (origin IN ('otc', 'prescribed')),
        lot              TEXT,
        dose_number      INTEGER CHECK (dose_number >= 1),
        -- an act of the payer data; no foreign key: undoing an import may remove the act
        reimbursement_id INTEGER,
        note             TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX health_entry_by_patient ON health_entry (patient_id, kind, date);
      CREATE INDEX health_entry_by_name ON health_entry (patient_id, name_key, date);
      CREATE INDEX health_entry_by_act ON health_entry (reimbursement_id) WHERE reimbursement_id IS NOT NULL;

      CREATE TABLE patient_contact (
        patient_id INTEGER PRIMARY KEY REFERENCES patient (id),
        address    TEXT,
        postcode   TEXT,
        city       TEXT,
        phone      TEXT,
        email      TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
