import type { Migration } from '../migrate.js';

/**
 * Consent and the record's life, as append-only histories: every change is a new row, the
 * current state is the newest row per subject, and triggers refuse UPDATE and DELETE.
 *
 * consent_event: one row per change of one setting of one person. `topic` names the setting
 * (gp, gp-rights, blocked, emergency, samu, trusted-person, contact, donation, directives,
 * representatives); `subject` tells apart several settings of one topic (an RPPS, a contact's
 * uuid, a document id; '' when the topic has one value); `state` is the new value as JSON, NULL
 * when the setting was cleared. Document ids are not foreign keys: the document table is
 * another area's, and a removed document must not take its history with it.
 *
 * record_life: closing and reopening the whole record.
 */
export const consent: Migration = {
  version: 8,
  name: 'consent',
  up(db) {
    db.exec(`
      CREATE TABLE consent_event (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid        TEXT NOT NULL UNIQUE,
        patient_id  INTEGER NOT NULL REFERENCES patient (id),
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        topic       TEXT NOT NULL,
        subject     TEXT NOT NULL DEFAULT '',
        state       TEXT CHECK (state IS NULL OR json_valid(state))
      ) STRICT;
      CREATE INDEX consent_event_current ON consent_event (patient_id, topic, subject, id);
      CREATE TRIGGER consent_event_no_update BEFORE UPDATE ON consent_event
        BEGIN SELECT RAISE(ABORT, 'the consent history is append-only'); END;
      CREATE TRIGGER consent_event_no_delete BEFORE DELETE ON consent_event
        BEGIN SELECT RAISE(ABORT, 'the consent history is append-only'); END;

      CREATE TABLE record_life (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        at            TEXT NOT NULL,
        actor         TEXT NOT NULL,
        event         TEXT NOT NULL CHECK (event IN ('closed', 'reopened')),
        delete_after  TEXT
      ) STRICT;
      CREATE TRIGGER record_life_no_update BEFORE UPDATE ON record_life
        BEGIN SELECT RAISE(ABORT, 'the record''s life history is append-only'); END;
      CREATE TRIGGER record_life_no_delete BEFORE DELETE ON record_life
        BEGIN SELECT RAISE(ABORT, 'the record''s life history is append-only'); END;
    `);
  },
};
