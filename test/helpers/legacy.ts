import { createHash } from 'node:crypto';
import { canonical, GENESIS, type StoredRow } from '../../src/audit/log.js';
import type { TestRecord } from './cli.js';

/** Turns an --unencrypted record into what a dmp without encryption wrote: no audit secret, an unkeyed SHA-256 chain. */
export function makeLegacy(rec: TestRecord): void {
  const db = rec.open();
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare("UPDATE account SET storage = 'legacy', audit_secret = NULL").run();
  let prev = GENESIS;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').all() as StoredRow[]) {
    const hash = createHash('sha256').update(prev).update('\n').update(canonical(r)).digest('hex');
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
    prev = hash;
  }
  db.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END");
  db.close();
}
