import type Database from 'better-sqlite3-multiple-ciphers';
import type { Migration } from '../migrate.js';

/**
 * Ids are never reused: documents and the people of the record become AUTOINCREMENT tables.
 * (document_content is left as it is: its ids never leave the record, and rebuilding it would
 * copy every stored byte.) Without it, deleting the newest document gave its id to the next one,
 * and an audit row "document.remove 6" was followed by "document.add 6" for another document.
 *
 * Each table is rebuilt from its own CREATE statement (so columns added since are kept), rows
 * and ids unchanged; its indexes and triggers are created again, and the views over it. The
 * full-text index is keyed by document id, so it stays valid as it is. The sequences start
 * above the highest id the audit log ever named, so an id deleted before this migration is not
 * handed out again either. migrate() runs this with foreign keys off and checks them before
 * committing (a referenced table cannot be dropped otherwise).
 */
export const idsNeverReused: Migration = {
  version: 5,
  name: 'ids-never-reused',
  up(db) {
    const views = schema(db, "type = 'view'");
    for (const v of views) db.exec(`DROP VIEW ${v.name}`);
    // Renaming checks every view and trigger of the schema; legacy mode renames without re-parsing them.
    db.pragma('legacy_alter_table = ON');
    for (const [table, auditPrefix] of [['patient', 'patient:'], ['document', 'document:']] as const) {
      rebuildWithAutoincrement(db, table);
      seedFromAudit(db, table, auditPrefix);
    }
    db.pragma('legacy_alter_table = OFF');
    for (const v of views) db.exec(v.sql);
  },
};

interface SchemaRow {
  name: string;
  sql: string;
}

function schema(db: Database.Database, where: string): SchemaRow[] {
  return db.prepare(`SELECT name, sql FROM sqlite_master WHERE ${where} AND sql IS NOT NULL ORDER BY rowid`).all() as SchemaRow[];
}

function rebuildWithAutoincrement(db: Database.Database, table: string): void {
  const [create] = schema(db, `type = 'table' AND name = '${table}'`);
  if (!create) throw new Error(`migration 5: no table ${table}`);
  const sql = create.sql
    .replace(new RegExp(`^CREATE TABLE "?${table}"?`), `CREATE TABLE ${table}_rebuilt`)
    .replace(/\bid(\s+)INTEGER PRIMARY KEY\b(?!\s+AUTOINCREMENT)/, 'id$1INTEGER PRIMARY KEY AUTOINCREMENT');
  if (!/AUTOINCREMENT/.test(sql)) throw new Error(`migration 5: ${table} has no INTEGER PRIMARY KEY id`);
  const dependants = schema(db, `type IN ('index', 'trigger') AND tbl_name = '${table}'`);
  db.exec(sql);
  db.exec(`INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`);
  for (const d of dependants) db.exec(d.sql);
}

/** The sequence starts at the highest id the table or the audit log ever held. */
function seedFromAudit(db: Database.Database, table: string, prefix: string): void {
  const audited = db
    .prepare(`SELECT max(CAST(substr(target, ?) AS INTEGER)) AS n FROM audit_log WHERE target LIKE ? || '%'`)
    .pluck()
    .get(prefix.length + 1, prefix) as number | null;
  const current = db.prepare(`SELECT max(id) FROM ${table}`).pluck().get() as number | null;
  const seq = Math.max(audited ?? 0, current ?? 0);
  if (seq === 0) return;
  db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(table);
  db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, seq);
}
