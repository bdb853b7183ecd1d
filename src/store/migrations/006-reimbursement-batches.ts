import type { Migration } from '../migrate.js';

/**
 * Payer data, second shape:
 * - ids of batches and acts are never reused (AUTOINCREMENT): an audit row `import:6` names
 *   one batch for ever;
 * - a batch records whom its rows without a Bénéficiaire column were filed under
 *   (`patient_id`; NULL for batches from before this migration, which the "already imported"
 *   shortcut then never matches), the range of act ids it added (acts of one batch are
 *   inserted in one transaction, so their ids are contiguous), and whether every act it read
 *   may be assumed still present (`intact`: cleared when an earlier batch, which may have
 *   added the acts it found known, is undone);
 * - per-month totals per person and section, so a summary reads a few hundred rows rather
 *   than every act: the import adds its acts' totals, triggers subtract every act deleted
 *   (by undo or anything else) and move an edited one;
 * - an index on (person, care date) for lists and the partial months at a window's edges;
 * - no CHECK constraints on acts: the row reader enforces every rule of the format (section,
 *   quantity, rate, deductible) before an act is written, and the checks cost ~1 s of a
 *   million-row import.
 */
export const reimbursementBatches: Migration = {
  version: 6,
  name: 'reimbursement-batches',
  up(db) {
    db.exec(`
      ALTER TABLE reimbursement RENAME TO reimbursement_v3;
      ALTER TABLE reimbursement_import RENAME TO reimbursement_import_v3;
      DROP INDEX reimbursement_import_sha256;

      CREATE TABLE reimbursement_import (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        file           TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        patient_id     INTEGER REFERENCES patient (id),
        rows           INTEGER NOT NULL DEFAULT 0,
        inserted       INTEGER NOT NULL DEFAULT 0,
        duplicates     INTEGER NOT NULL DEFAULT 0,
        rejected       INTEGER NOT NULL DEFAULT 0,
        outside_window INTEGER NOT NULL DEFAULT 0,
        first_act_id   INTEGER,
        last_act_id    INTEGER,
        intact         INTEGER NOT NULL DEFAULT 1 CHECK (intact IN (0, 1)),
        actor          TEXT NOT NULL,
        imported_at    TEXT NOT NULL,
        undone_at      TEXT
      ) STRICT;
      INSERT INTO reimbursement_import (id, file, sha256, patient_id, rows, inserted, duplicates, rejected, outside_window,
                                        first_act_id, last_act_id, intact, actor, imported_at, undone_at)
        SELECT i.id, i.file, i.sha256, NULL, i.rows, i.inserted, i.duplicates, i.rejected, i.outside_window,
               (SELECT min(r.id) FROM reimbursement_v3 r WHERE r.import_id = i.id),
               (SELECT max(r.id) FROM reimbursement_v3 r WHERE r.import_id = i.id),
               0, i.actor, i.imported_at, i.undone_at
        FROM reimbursement_import_v3 i ORDER BY i.id;
      CREATE INDEX reimbursement_import_sha256 ON reimbursement_import (sha256);

      CREATE TABLE reimbursement (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        import_id           INTEGER NOT NULL REFERENCES reimbursement_import (id),
        line                INTEGER NOT NULL,
        patient_id          INTEGER NOT NULL REFERENCES patient (id),
        care_date           TEXT NOT NULL,
        section             TEXT NOT NULL,
        label               TEXT NOT NULL,
        code                TEXT,
        quantity            INTEGER NOT NULL,
        professional        TEXT,
        specialty           TEXT,
        spent_cents         INTEGER NOT NULL,
        base_cents          INTEGER,
        rate_bp             INTEGER,
        reimbursed_cents    INTEGER NOT NULL,
        deductible_cents    INTEGER,
        complementary_cents INTEGER,
        payment_date        TEXT,
        reference           TEXT,
        -- normalised content + occurrence in its file: what makes re-imports harmless
        fingerprint         TEXT NOT NULL
      ) STRICT;
      INSERT INTO reimbursement SELECT * FROM reimbursement_v3 ORDER BY id;
      -- A named index rather than a UNIQUE column: a first load into an empty table drops it
      -- and builds it once at the end, from sorted keys.
      CREATE UNIQUE INDEX reimbursement_fingerprint ON reimbursement (fingerprint);
      DROP TABLE reimbursement_v3;
      DROP TABLE reimbursement_import_v3;
      CREATE INDEX reimbursement_by_patient_date ON reimbursement (patient_id, care_date);

      CREATE TABLE reimbursement_month (
        patient_id          INTEGER NOT NULL,
        month               TEXT NOT NULL,
        section             TEXT NOT NULL,
        count               INTEGER NOT NULL,
        spent_cents         INTEGER NOT NULL,
        reimbursed_cents    INTEGER NOT NULL,
        deductible_cents    INTEGER NOT NULL,
        complementary_cents INTEGER NOT NULL,
        PRIMARY KEY (patient_id, month, section)
      ) STRICT;
      INSERT INTO reimbursement_month
        SELECT patient_id, substr(care_date, 1, 7), section, count(*), sum(spent_cents), sum(reimbursed_cents),
               coalesce(sum(deductible_cents), 0), coalesce(sum(complementary_cents), 0)
        FROM reimbursement GROUP BY 1, 2, 3;
      CREATE TRIGGER reimbursement_month_on_delete AFTER DELETE ON reimbursement BEGIN
        UPDATE reimbursement_month SET count = count - 1, spent_cents = spent_cents - OLD.spent_cents,
          reimbursed_cents = reimbursed_cents - OLD.reimbursed_cents,
          deductible_cents = deductible_cents - coalesce(OLD.deductible_cents, 0),
          complementary_cents = complementary_cents - coalesce(OLD.complementary_cents, 0)
        WHERE patient_id = OLD.patient_id AND month = substr(OLD.care_date, 1, 7) AND section = OLD.section;
      END;
      CREATE TRIGGER reimbursement_month_on_update AFTER UPDATE OF patient_id, care_date, section, spent_cents, reimbursed_cents,
          deductible_cents, complementary_cents ON reimbursement BEGIN
        UPDATE reimbursement_month SET count = count - 1, spent_cents = spent_cents - OLD.spent_cents,
          reimbursed_cents = reimbursed_cents - OLD.reimbursed_cents,
          deductible_cents = deductible_cents - coalesce(OLD.deductible_cents, 0),
          complementary_cents = complementary_cents - coalesce(OLD.complementary_cents, 0)
        WHERE patient_id = OLD.patient_id AND month = substr(OLD.care_date, 1, 7) AND section = OLD.section;
        INSERT INTO reimbursement_month VALUES (NEW.patient_id, substr(NEW.care_date, 1, 7), NEW.section, 1, NEW.spent_cents,
          NEW.reimbursed_cents, coalesce(NEW.deductible_cents, 0), coalesce(NEW.complementary_cents, 0))
        ON CONFLICT DO UPDATE SET count = count + 1, spent_cents = spent_cents + excluded.spent_cents,
          reimbursed_cents = reimbursed_cents + excluded.reimbursed_cents, deductible_cents = deductible_cents + excluded.deductible_cents,
          complementary_cents = complementary_cents + excluded.complementary_cents;
      END;
    `);
  },
};
