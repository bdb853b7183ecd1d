import type { Db } from '../../src/store/database.js';

/**
 * Alters a record behind dmp's back as a careful attacker would: the named triggers are dropped
 * for the change, then put back as they were, so the schema check at open sees nothing missing
 * and only the content checks (audit MACs, integrity, search index) can catch the change.
 */
export function tamperBehindBack(db: Db, triggers: string[], change: () => void): void {
  const sql = triggers.map((name) => db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string);
  for (const name of triggers) db.exec(`DROP TRIGGER ${name}`);
  change();
  for (const s of sql) db.exec(s);
}
