import type { Migration } from '../migrate.js';

/**
 * Encryption at rest and the keyed audit chain. `storage` says how the file is kept:
 * 'encrypted'; 'unencrypted' (made with --unencrypted, for test data); 'legacy' (written by a
 * dmp without encryption: encrypted in place at the next login). `audit_secret` is the random
 * secret the audit MAC key comes from, sealed with the password's wrapping key (NULL: a legacy,
 * unkeyed chain).
 */
export const encryption: Migration = {
  version: 4,
  name: 'encryption',
  up(db) {
    db.exec(`
      ALTER TABLE account ADD COLUMN audit_secret BLOB;
      ALTER TABLE account ADD COLUMN storage TEXT NOT NULL DEFAULT 'legacy' CHECK (storage IN ('legacy', 'encrypted', 'unencrypted'));
    `);
  },
};
