import { DmpError, fieldError } from '../errors.js';
import type { Db } from '../store/database.js';
import { fold } from '../util/fold.js';
import type { Identity } from './identity.js';
import { normalizeNir } from './nir.js';

export interface Patient extends Identity {
  id: number;
  isHolder: boolean;
  createdAt: string;
}

interface PatientRow {
  id: number;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: 'F' | 'M';
  nir: string | null;
  is_holder: number;
  created_at: string;
}

const toPatient = (r: PatientRow): Patient => ({
  id: r.id,
  givenName: r.given_name,
  familyName: r.family_name,
  birthDate: r.birth_date,
  sex: r.sex,
  nir: r.nir,
  isHolder: r.is_holder === 1,
  createdAt: r.created_at,
});

/** The folded "given family" key that full-name references are matched on. */
export function nameKey(givenName: string, familyName: string): string {
  return fold(`${givenName} ${familyName}`);
}

export function addPatient(db: Db, identity: Identity, now: Date, isHolder = false): Patient {
  if (identity.nir) {
    const twin = db.prepare('SELECT id FROM patient WHERE nir = ?').get(identity.nir) as { id: number } | undefined;
    if (twin) throw fieldError('invalid', `The NIR ${identity.nir} already belongs to person ${twin.id} in this record.`, { field: 'nir', value: identity.nir, rule: 'unique' });
  }
  const key = nameKey(identity.givenName, identity.familyName);
  const namesake = db.prepare('SELECT id FROM patient WHERE name_key = ? AND birth_date = ?').get(key, identity.birthDate) as { id: number } | undefined;
  if (namesake) {
    throw fieldError('invalid', `${identity.givenName} ${identity.familyName}, born ${identity.birthDate}, is already person ${namesake.id} in this record.`, { field: 'patient', rule: 'unique' });
  }
  const info = db
    .prepare(
      `INSERT INTO patient (given_name, family_name, name_key, birth_date, sex, nir, is_holder, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(identity.givenName, identity.familyName, key, identity.birthDate, identity.sex, identity.nir, isHolder ? 1 : 0, now.toISOString());
  return getPatient(db, Number(info.lastInsertRowid));
}

export function listPatients(db: Db): Patient[] {
  return (db.prepare('SELECT * FROM patient ORDER BY is_holder DESC, id').all() as PatientRow[]).map(toPatient);
}

export function getPatient(db: Db, id: number): Patient {
  const row = db.prepare('SELECT * FROM patient WHERE id = ?').get(id) as PatientRow | undefined;
  if (!row) throw fieldError('not-found', `There is no person ${id} in this record.`, { field: 'patient', value: String(id) });
  return toPatient(row);
}

export function holder(db: Db): Patient {
  const row = db.prepare('SELECT * FROM patient WHERE is_holder = 1').get() as PatientRow | undefined;
  if (!row) throw fieldError('not-found', 'This record has no holder.', { field: 'holder', rule: 'missing' });
  return toPatient(row);
}

/**
 * Folded full name, in either order -> everyone it names. One list per name, since two people
 * may share one (a father and son both "Jean DUPONT"): callers must not pick one silently.
 */
export function patientsByNameKey(db: Db): Map<string, Patient[]> {
  const map = new Map<string, Patient[]>();
  for (const p of listPatients(db)) {
    for (const key of new Set([nameKey(p.givenName, p.familyName), nameKey(p.familyName, p.givenName)])) {
      map.set(key, [...(map.get(key) ?? []), p]);
    }
  }
  return map;
}

/**
 * Finds the person a REF names: an id, a NIR (spaces allowed), or a full name in either
 * order ("Léo DUPONT", "dupont leo").
 */
export function resolvePatient(db: Db, ref: string): Patient {
  const trimmed = ref.trim();
  if (/^\d{1,9}$/.test(trimmed)) return getPatient(db, Number(trimmed));
  const nir = normalizeNir(trimmed);
  if (/^[1278][0-9AB]{14}$/.test(nir)) {
    const row = db.prepare('SELECT * FROM patient WHERE nir = ?').get(nir) as PatientRow | undefined;
    if (row) return toPatient(row);
  }
  const matches = patientsByNameKey(db).get(fold(trimmed)) ?? [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new DmpError('usage', `"${ref}" names ${matches.length} people in this record (ids ${matches.map((p) => p.id).join(', ')}).`, undefined, {
      field: 'patientRef',
      value: ref,
      rule: 'ambiguous',
      ids: matches.map((p) => p.id),
    });
  }
  throw fieldError('not-found', `No one in this record matches "${ref}".`, { field: 'patientRef', value: ref, rule: 'unknown' });
}
