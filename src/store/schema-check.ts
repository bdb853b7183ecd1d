import type Database from 'better-sqlite3-multiple-ciphers';
import { invalidData } from '../errors.js';

type Db = Database.Database;

/**
 * What each migration creates ("type name"), so a record's schema can be checked against its
 * user_version at every open for the price of one query (applying the migrations to a scratch
 * database to find out costs ~5 ms per command). test/store/schema-check.test.ts checks this
 * list against the migrations themselves: a new migration adds its line here.
 */
export const SCHEMA_BY_VERSION: Readonly<Record<number, readonly string[]>> = {
  1: ['table patient', 'index patient_single_holder', 'index patient_name_key', 'table account', 'table recovery_code', 'table session', 'table audit_log', 'index audit_log_at', 'trigger audit_log_no_update', 'trigger audit_log_no_delete'],
  2: [
    'table document_content', 'table document', 'index document_by_patient_date', 'index document_by_content', 'view document_body', 'view document_search_source',
    'table document_fts', 'table document_fts_data', 'table document_fts_idx', 'table document_fts_docsize', 'table document_fts_config', 'table document_fts_terms',
    'trigger document_fts_insert', 'trigger document_fts_delete', 'trigger document_fts_update',
  ],
  3: ['table reimbursement_import', 'index reimbursement_import_sha256', 'table reimbursement'],
  4: [],
  5: [],
  6: ['index reimbursement_by_patient_date', 'index reimbursement_fingerprint', 'table reimbursement_month', 'trigger reimbursement_month_on_delete', 'trigger reimbursement_month_on_update'],
  7: ['table health_entry', 'index health_entry_by_patient', 'index health_entry_by_name', 'index health_entry_by_act', 'table patient_contact'],
  8: [
    'table consent_event', 'index consent_event_current', 'trigger consent_event_no_update', 'trigger consent_event_no_delete',
    'table record_life', 'trigger record_life_no_update', 'trigger record_life_no_delete',
  ],
  9: ['table record_identity', 'index patient_uuid', 'trigger patient_uuid_default', 'index document_uuid', 'trigger document_uuid_default'],
  10: [],
  11: ['index reimbursement_biology_by_patient_date'],
  12: ['index document_by_patient_category'],
  13: [],
};

/**
 * Refuses a record whose schema does not match its `user_version`: an object a migration it has
 * passed created is missing (a table or trigger dropped behind dmp's back), or objects of a later
 * migration are there (the version was set back). Without this, the first failed on use with
 * "no such table" and the second re-ran a migration into "table already exists", both as bugs.
 */
export function checkSchema(db: Db, schema: Readonly<Record<number, readonly string[]>> = SCHEMA_BY_VERSION): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  // New, another program's file, or a newer dmp's record: decided elsewhere.
  if (version === 0 || version > Math.max(...Object.keys(schema).map(Number))) return;
  const present = new Set(db.prepare("SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().all() as string[]);
  const versions = Object.keys(schema).map(Number);
  const expected = versions.filter((v) => v <= version).flatMap((v) => schema[v]!);
  const later = versions.filter((v) => v > version).flatMap((v) => schema[v]!);
  const missing = expected.filter((o) => !present.has(o));
  const unexpected = later.filter((o) => present.has(o));
  if (missing.length === 0 && unexpected.length === 0) return;
  const what =
    missing.length > 0
      ? `${names(missing)} ${missing.length === 1 ? 'is' : 'are'} missing`
      : `it holds ${names(unexpected)}, of a schema later than its version ${version} (the version was set back)`;
  throw invalidData(`The record ${db.name} is damaged: ${what}.`, 'Restore it from a backup; dmp changed nothing.', { problem: 'damaged', version, missing, unexpected });
}

const names = (objects: string[]) => (objects.length > 3 ? `${objects.slice(0, 3).join(', ')} and ${objects.length - 3} more` : objects.join(', '));
