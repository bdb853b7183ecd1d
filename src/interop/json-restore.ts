import { verifyAudit } from '../audit/log.js';
import { invalidData } from '../errors.js';
import type { Db } from '../store/database.js';
import { exportedTables, FORMAT, FORMAT_VERSION } from './json-export.js';

interface Dump {
  format: string;
  formatVersion: number;
  schemaVersion: number;
  tables: { name: string; columns: string[]; rows: unknown[][] }[];
  sequences: { name: string; seq: number }[];
}

const bad = (what: string) => invalidData(`The export is not a dmp record export: ${what}.`, 'Restore a file written by `dmp export --format json`.');

/** Checks the shape of a parsed export against this record's schema (same tables, same columns). */
function checkDump(db: Db, value: unknown): Dump {
  const d = value as Partial<Dump> | null;
  if (!d || typeof d !== 'object' || d.format !== FORMAT) throw bad('its "format" is not "dmp-record"');
  if (d.formatVersion !== FORMAT_VERSION) throw invalidData(`The export has format version ${String(d.formatVersion)}; this dmp reads version ${FORMAT_VERSION}.`, 'Restore it with the dmp version that wrote it.');
  const schema = db.pragma('user_version', { simple: true }) as number;
  if (d.schemaVersion !== schema) {
    throw invalidData(`The export was written at schema version ${String(d.schemaVersion)}; this dmp writes version ${schema}.`, 'Restore it with the dmp version that wrote it, then open the record with this one (it migrates).');
  }
  if (!Array.isArray(d.tables) || !Array.isArray(d.sequences)) throw bad('it has no "tables" or "sequences" list');
  const expected = new Map(exportedTables(db).map((t) => [t.name, t.columns.join(',')]));
  for (const t of d.tables) {
    if (!t || typeof t.name !== 'string' || !Array.isArray(t.columns) || !Array.isArray(t.rows)) throw bad('a table entry lacks its name, columns or rows');
    if (expected.get(t.name) !== t.columns.join(',')) throw bad(`table "${t.name}" is not one of this schema's, or its columns differ`);
  }
  return d as Dump;
}

const value = (v: unknown): unknown => (v && typeof v === 'object' && '$base64' in v ? Buffer.from(String((v as { $base64: unknown }).$base64), 'base64') : v);

/**
 * Puts an export's rows back, verbatim (ids, uuids, audit MACs, the account with its sealed
 * secrets), into a new record just migrated to the same schema: one transaction, foreign keys
 * checked at the commit, then the audit chain verified. Adds no row of its own, so the
 * restored record exports to the same bytes.
 */
export function restoreJson(db: Db, parsed: unknown): { tables: number; rows: number } {
  const dump = checkDump(db, parsed);
  let rows = 0;
  db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    for (const t of [...exportedTables(db)].reverse()) db.prepare(`DELETE FROM "${t.name}"`).run();
    for (const t of dump.tables) {
      const insert = db.prepare(`INSERT INTO "${t.name}" (${t.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
      for (const row of t.rows) {
        if (!Array.isArray(row) || row.length !== t.columns.length) throw bad(`a row of table "${t.name}" does not have ${t.columns.length} values`);
        try {
          insert.run(row.map(value));
        } catch (err) {
          throw invalidData(`Row ${rows + 1} of the export (table "${t.name}") breaks a rule of the record: ${(err as Error).message}.`, 'The file was altered after export; restore an untouched copy.');
        }
        rows++;
      }
    }
    if (dump.sequences.length > 0) db.prepare('DELETE FROM sqlite_sequence').run();
    const seq = db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)');
    for (const s of dump.sequences) seq.run(s.name, s.seq);
    const check = verifyAudit(db);
    if (!check.intact) throw invalidData(`The export's audit log does not verify: row ${check.brokenId}: ${check.reason}.`, 'The file was altered after export; restore an untouched copy.');
  }).immediate();
  return { tables: dump.tables.length, rows };
}
