import type { Migration } from '../migrate.js';

/** The people in the record, the account, sessions and the audit log. */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE patient (
        id          INTEGER PRIMARY KEY,
        given_name  TEXT NOT NULL,
        family_name TEXT NOT NULL,
        name_key    TEXT NOT NULL,
        birth_date  TEXT NOT NULL,
        sex         TEXT NOT NULL CHECK (sex IN ('F', 'M')),
        nir         TEXT UNIQUE,
        is_holder   INTEGER NOT NULL DEFAULT 0 CHECK (is_holder IN (0, 1)),
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX patient_single_holder ON patient (is_holder) WHERE is_holder = 1;
      CREATE INDEX patient_name_key ON patient (name_key);

      CREATE TABLE account (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        username        TEXT NOT NULL,
        holder_id       INTEGER NOT NULL REFERENCES patient (id),
        kdf             TEXT NOT NULL,
        password_check  BLOB NOT NULL,
        totp_secret     BLOB NOT NULL,
        totp_last_step  INTEGER NOT NULL DEFAULT 0,
        failed_count    INTEGER NOT NULL DEFAULT 0,
        locked_until    TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE recovery_code (
        id         INTEGER PRIMARY KEY,
        code_hash  TEXT NOT NULL UNIQUE,
        used_at    TEXT
      ) STRICT;

      CREATE TABLE session (
        id            INTEGER PRIMARY KEY,
        token_hash    TEXT NOT NULL UNIQUE,
        created_at    TEXT NOT NULL,
        last_seen_at  TEXT NOT NULL,
        expires_at    TEXT NOT NULL,
        revoked_at    TEXT
      ) STRICT;

      CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        action     TEXT NOT NULL,
        target     TEXT,
        details    TEXT,
        prev_hash  TEXT NOT NULL,
        hash       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
