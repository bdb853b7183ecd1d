import type { Migration } from '../migrate.js';

/** A random (version 4) UUID, in SQL, for rows inserted by code that does not give one. */
const UUID_V4 = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
  || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

/**
 * Stable ids for what leaves the record (FHIR and JSON exports): a `uuid` on people and
 * documents (filled for existing rows; a trigger gives one to each new row inserted without),
 * and one uuid for the record itself, from which each payer act's id is derived
 * (name-based, from its fingerprint), so a million-row import writes no extra column.
 */
export const interop: Migration = {
  version: 9,
  name: 'interop',
  up(db) {
    db.exec(`
      CREATE TABLE record_identity (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        uuid TEXT NOT NULL UNIQUE
      ) STRICT;
      INSERT INTO record_identity (id, uuid) VALUES (1, ${UUID_V4});
    `);
    for (const table of ['patient', 'document']) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN uuid TEXT;
        UPDATE ${table} SET uuid = ${UUID_V4};
        CREATE UNIQUE INDEX ${table}_uuid ON ${table} (uuid);
        CREATE TRIGGER ${table}_uuid_default AFTER INSERT ON ${table} WHEN NEW.uuid IS NULL BEGIN
          UPDATE ${table} SET uuid = ${UUID_V4} WHERE id = NEW.id;
        END;
      `);
    }
  },
};
