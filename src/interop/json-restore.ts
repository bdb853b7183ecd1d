import { loadAuditKey, parseKdf, deriveUnlock, type Unlock } from '../account/keys.js';
import { sameBytes } from '../account/password.js';
import { verifyAudit, verifyLegacyAudit } from '../audit/verify.js';
import { authError, invalidData } from '../errors.js';
import { checkMonthTotals } from '../reimbursements/month-check.js';
import { sectionLabel } from '../reimbursements/sections.js';
import type { Db } from '../store/database.js';
import { exportedTables, FORMAT, FORMAT_VERSION } from './json-export.js';

export interface Dump {
  format: string;
  formatVersion: number;
  schemaVersion: number;
  tables: { name: string; columns: string[]; rows: unknown[][] }[];
  sequences: { name: string; seq: number }[];
}

const bad = (what: string) => invalidData(`The export is not a dmp record export: ${what}.`, 'Restore a file written by `dmp export --format json`.');
const value = (v: unknown): unknown => (v && typeof v === 'object' && '$base64' in v ? Buffer.from(String((v as { $base64: unknown }).$base64), 'base64') : v);

/** The schema version of the first dmp that wrote exports (migration 9): no earlier one exists. */
const FIRST_EXPORT_SCHEMA = 9;

/** The header and the shape of a parsed export; `schema` is the latest version this dmp writes (an export of an earlier one restores, then migrates). */
export function checkDump(parsed: unknown, schema: number): Dump {
  const d = parsed as Partial<Dump> | null;
  if (!d || typeof d !== 'object' || d.format !== FORMAT) throw bad('its "format" is not "dmp-record"');
  if (d.formatVersion !== FORMAT_VERSION) throw invalidData(`The export has format version ${String(d.formatVersion)}; this dmp reads version ${FORMAT_VERSION}.`, 'Restore it with the dmp version that wrote it.');
  if (!Number.isInteger(d.schemaVersion) || d.schemaVersion! < 1) throw bad('its "schemaVersion" is not a positive whole number');
  if (d.schemaVersion! < FIRST_EXPORT_SCHEMA) throw bad(`its "schemaVersion" is ${d.schemaVersion}, and dmp wrote exports from schema version ${FIRST_EXPORT_SCHEMA} on`);
  if (d.schemaVersion! > schema) {
    throw invalidData(`The export was written at schema version ${d.schemaVersion}, by a newer dmp; this one writes up to version ${schema}.`, 'Restore it with that newer dmp (or a later one).');
  }
  if (!Array.isArray(d.tables) || !Array.isArray(d.sequences)) throw bad('it has no "tables" or "sequences" list');
  for (const t of d.tables) {
    if (!t || typeof t.name !== 'string' || !Array.isArray(t.columns) || !Array.isArray(t.rows)) throw bad('a table entry lacks its name, columns or rows');
  }
  return d as Dump;
}

export interface DumpAccount {
  kdf: string;
  passwordCheck: Buffer;
  auditSecret: Buffer | null;
  storage: string;
}

/** The account row of an export: what the password is checked against and the file is keyed with. */
export function dumpAccount(dump: Dump): DumpAccount {
  const t = dump.tables.find((x) => x.name === 'account');
  const row = t?.rows[0];
  if (!t || !row || t.rows.length !== 1) throw bad('it has no account');
  const get = (c: string) => value(row[t.columns.indexOf(c)]);
  const kdf = get('kdf');
  const passwordCheck = get('password_check');
  const auditSecret = get('audit_secret') ?? null;
  if (typeof kdf !== 'string' || !Buffer.isBuffer(passwordCheck) || (auditSecret !== null && !Buffer.isBuffer(auditSecret))) throw bad('its account row is incomplete');
  return { kdf, passwordCheck, auditSecret, storage: String(get('storage') ?? 'legacy') };
}

/**
 * The keys of the exported account from its password (the slow KDF, with the account's own
 * parameters and salt): the restored file is keyed with them, so the same password opens it.
 */
export async function unlockDump(account: DumpAccount, password: string): Promise<Unlock> {
  let unlock: Unlock;
  try {
    unlock = await deriveUnlock(password, parseKdf(account.kdf));
  } catch {
    throw bad('its account has no usable key parameters');
  }
  if (!sameBytes(unlock.check, account.passwordCheck)) throw authError("The password is not this export's account password.", 'Type the password the exported record was opened with.');
  return unlock;
}

/**
 * Puts an export's rows back, verbatim (ids, uuids, audit MACs, the account with its sealed
 * secrets), into a new record migrated to the export's schema version: one transaction, foreign keys
 * checked at the commit, then the audit chain verified under the account's own audit key.
 * Adds no row of its own, so the restored record exports to the same bytes (once migrated
 * from an earlier schema, to the same rows under the new schema version).
 */
export function restoreJson(db: Db, dump: Dump, unlock: Unlock): { tables: number; rows: number } {
  const expected = new Map(exportedTables(db).map((t) => [t.name, t.columns.join(',')]));
  for (const t of dump.tables) if (expected.get(t.name) !== t.columns.join(',')) throw bad(`table "${t.name}" is not one of this schema's, or its columns differ`);
  const account = dumpAccount(dump);
  if (account.auditSecret) loadAuditKey(db, unlock.wrapKey, account.auditSecret);
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
    const check = account.auditSecret ? verifyAudit(db) : verifyLegacyAudit(db);
    if (!check.intact) throw invalidData(`The export's audit log does not verify: row ${check.brokenId}: ${check.reason}.`, 'The file was altered after export; restore an untouched copy.');
    // Derived rows the summaries trust: an export whose totals disagree with its acts was altered.
    const totals = checkMonthTotals(db, 1);
    const [first] = totals.first;
    if (first) {
      const where = `person ${first.patientId}, ${first.month}, ${sectionLabel(first.section)}${totals.mismatches > 1 ? `, and ${totals.mismatches - 1} more` : ''}`;
      throw invalidData(`The export's per-month payer totals disagree with its acts (${where}).`, 'The file was altered after export; restore an untouched copy.');
    }
  }).immediate();
  return { tables: dump.tables.length, rows };
}
