import type { Migration } from '../migrate.js';

/** Payer data: import batches and the reimbursed acts they brought. */
export const reimbursements: Migration = {
  version: 3,
  name: 'reimbursements',
  up(db) {
    db.exec(`
      CREATE TABLE reimbursement_import (
        id             INTEGER PRIMARY KEY,
        file           TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        rows           INTEGER NOT NULL DEFAULT 0,
        inserted       INTEGER NOT NULL DEFAULT 0,
        duplicates     INTEGER NOT NULL DEFAULT 0,
        rejected       INTEGER NOT NULL DEFAULT 0,
        outside_window INTEGER NOT NULL DEFAULT 0,
        actor          TEXT NOT NULL,
        imported_at    TEXT NOT NULL,
        undone_at      TEXT
      ) STRICT;
      CREATE INDEX reimbursement_import_sha256 ON reimbursement_import (sha256);

      CREATE TABLE reimbursement (
        id                  INTEGER PRIMARY KEY,
        import_id           INTEGER NOT NULL REFERENCES reimbursement_import (id),
        line                INTEGER NOT NULL,
        patient_id          INTEGER NOT NULL REFERENCES patient (id),
        care_date           TEXT NOT NULL,
        section             TEXT NOT NULL CHECK (section IN ('pharmacy', 'hospitalization', 'medical_dental', 'radiology', 'biology')),
        label               TEXT NOT NULL,
        code                TEXT,
        quantity            INTEGER NOT NULL CHECK (quantity >= 1),
        professional        TEXT,
        specialty           TEXT,
        spent_cents         INTEGER NOT NULL,
        base_cents          INTEGER,
        rate_bp             INTEGER CHECK (rate_bp BETWEEN 0 AND 10000),
        reimbursed_cents    INTEGER NOT NULL,
        deductible_cents    INTEGER CHECK (deductible_cents >= 0),
        complementary_cents INTEGER,
        payment_date        TEXT,
        reference           TEXT,
        -- normalised content + occurrence in its file: what makes re-imports harmless
        fingerprint         TEXT NOT NULL UNIQUE
      ) STRICT;
      -- Only the fingerprint is indexed: every other index costs each imported row (a third of
      -- the import time for a million rows), and the views and undo scan a table that holds
      -- a person's or a family's acts quickly enough.
    `);
  },
};
