import { appendAudit } from '../audit/log.js';
import { DmpError, fieldError } from '../errors.js';
import type { Db } from '../store/database.js';
import { type Identity, type IdentityInput, validateIdentity } from './identity.js';
import { addPatient, getPatient, nameKey, type Patient } from './patients.js';

/** Adds a person (not the holder) and audits it, in one transaction. */
export function registerPatient(db: Db, identity: Identity, actor: string, now: Date): Patient {
  return db
    .transaction(() => {
      const p = addPatient(db, identity, now);
      appendAudit(db, { actor, action: 'patient.add', target: `patient:${p.id}` }, now);
      return p;
    })
    .immediate();
}

/** What is filed under a person: documents and payer data (reimbursed acts). */
export interface PersonData {
  documents: number;
  reimbursements: number;
}

export function dataOf(db: Db, id: number): PersonData {
  const count = (sql: string) => (db.prepare(sql).get(id) as { n: number }).n;
  return {
    documents: count('SELECT count(*) AS n FROM document WHERE patient_id = ?'),
    reimbursements: count('SELECT count(*) AS n FROM reimbursement WHERE patient_id = ?'),
  };
}

const hasData = (d: PersonData) => d.documents + d.reimbursements > 0;

function refuseWithData(p: Patient, data: PersonData, doing: string): DmpError {
  return new DmpError(
    'usage',
    `${p.givenName} ${p.familyName} (person ${p.id}) has ${data.documents} document${data.documents === 1 ? '' : 's'} and ${data.reimbursements} reimbursed act${data.reimbursements === 1 ? '' : 's'}; ${doing} is refused without force.`,
    undefined,
    { field: 'force', rule: 'has-data', patientId: p.id, ...data },
  );
}

/**
 * Corrects a person's identity (a mistyped name or birth date), audited with the names of the
 * fields that changed, never their values. Refused while documents or payer data are filed under
 * the person unless `force`: they were filed for the identity as it was.
 */
export function editPatient(db: Db, id: number, input: IdentityInput, opts: { actor: string; force?: boolean }, today: string, now: Date): Patient {
  return db
    .transaction(() => {
      const before = getPatient(db, id);
      const merged = validateIdentity({ ...before, nir: before.nir ?? undefined, ...definedOnly(input) }, today);
      const changed = (['givenName', 'familyName', 'birthDate', 'sex', 'nir'] as const).filter((k) => merged[k] !== before[k]);
      if (changed.length === 0) return before;
      const data = dataOf(db, id);
      if (hasData(data) && !opts.force) throw refuseWithData(before, data, 'changing their identity');
      refuseClash(db, id, merged);
      db.prepare('UPDATE patient SET given_name = ?, family_name = ?, name_key = ?, birth_date = ?, sex = ?, nir = ? WHERE id = ?').run(
        merged.givenName,
        merged.familyName,
        nameKey(merged.givenName, merged.familyName),
        merged.birthDate,
        merged.sex,
        merged.nir,
        id,
      );
      appendAudit(db, { actor: opts.actor, action: 'patient.edit', target: `patient:${id}`, details: { changed } }, now);
      return getPatient(db, id);
    })
    .immediate();
}

/**
 * Removes a person. The holder cannot be removed (the record is theirs). With documents or payer
 * data filed under the person it is refused unless `force`, which deletes them too, for good.
 */
export function removePatient(db: Db, id: number, opts: { actor: string; force?: boolean }, now: Date): { patient: Patient; removed: PersonData } {
  return db
    .transaction(() => {
      const p = getPatient(db, id);
      if (p.isHolder) throw fieldError('invalid', `Person ${id} is the holder of this record and cannot be removed.`, { field: 'patient', rule: 'holder' });
      const data = dataOf(db, id);
      if (hasData(data) && !opts.force) throw refuseWithData(p, data, 'removing them');
      refuseKept(db, p);
      db.prepare('DELETE FROM reimbursement WHERE patient_id = ?').run(id);
      // Their import batches stay (the audit log names them), filed under no one, vouching for no file.
      db.prepare('UPDATE reimbursement_import SET patient_id = NULL, intact = 0 WHERE patient_id = ?').run(id);
      db.prepare('DELETE FROM patient_contact WHERE patient_id = ?').run(id);
      const contents = db.prepare('SELECT DISTINCT content_id AS id FROM document WHERE patient_id = ?').pluck().all(id) as number[];
      db.prepare('DELETE FROM document WHERE patient_id = ?').run(id);
      const orphan = db.prepare('DELETE FROM document_content WHERE id = ? AND NOT EXISTS (SELECT 1 FROM document WHERE content_id = ?)');
      for (const c of contents) orphan.run(c, c);
      // The deleted documents' words leave the search index's segments too.
      if (data.documents > 0) db.prepare("INSERT INTO document_fts (document_fts) VALUES ('optimize')").run();
      db.prepare('DELETE FROM patient WHERE id = ?').run(id);
      appendAudit(db, { actor: opts.actor, action: 'patient.remove', target: `patient:${id}`, details: { ...data } }, now);
      return { patient: p, removed: data };
    })
    .immediate();
}

/**
 * Health entries are the person's own words and consent changes an append-only history: removing
 * a person never deletes them, so it is refused while there are any (it failed on the foreign key).
 */
function refuseKept(db: Db, p: Patient): void {
  const count = (sql: string) => db.prepare(sql).pluck().get(p.id) as number;
  const healthEntries = count('SELECT count(*) FROM health_entry WHERE patient_id = ?');
  const consentChanges = count('SELECT count(*) FROM consent_event WHERE patient_id = ?');
  if (consentChanges > 0) {
    throw fieldError('invalid', `${p.givenName} ${p.familyName} (person ${p.id}) has a consent history (${consentChanges} change${consentChanges === 1 ? '' : 's'}), which is kept for good; the person cannot be removed.`, { field: 'patient', rule: 'consent-history', value: String(p.id) });
  }
  if (healthEntries > 0) {
    throw fieldError('usage', `${p.givenName} ${p.familyName} (person ${p.id}) has ${healthEntries} health entr${healthEntries === 1 ? 'y' : 'ies'}, which removing a person does not delete.`, { field: 'healthEntries', rule: 'has-entries', value: String(p.id) });
  }
}

function refuseClash(db: Db, id: number, identity: Identity): void {
  if (identity.nir) {
    const twin = db.prepare('SELECT id FROM patient WHERE nir = ? AND id != ?').get(identity.nir, id) as { id: number } | undefined;
    if (twin) throw fieldError('invalid', `The NIR ${identity.nir} already belongs to person ${twin.id} in this record.`, { field: 'nir', value: identity.nir, rule: 'unique' });
  }
  const key = nameKey(identity.givenName, identity.familyName);
  const namesake = db.prepare('SELECT id FROM patient WHERE name_key = ? AND birth_date = ? AND id != ?').get(key, identity.birthDate, id) as { id: number } | undefined;
  if (namesake) {
    throw fieldError('invalid', `${identity.givenName} ${identity.familyName}, born ${identity.birthDate}, is already person ${namesake.id} in this record.`, { field: 'patient', rule: 'unique' });
  }
}

const definedOnly = (input: IdentityInput): IdentityInput => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
