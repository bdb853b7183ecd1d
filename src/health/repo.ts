import { notFound } from '../errors.js';
import type { Db } from '../store/database.js';
import { fold } from '../util/fold.js';
import type { EntryFields, HealthEntry, HealthFilter, Kind } from './types.js';
import { flagFor } from './values.js';

interface Row {
  id: number;
  uuid: string;
  patient_id: number;
  kind: Kind;
  date: string | null;
  until: string | null;
  name: string;
  value: string | null;
  unit: string | null;
  low: string | null;
  high: string | null;
  loinc: string | null;
  lab: string | null;
  reaction: string | null;
  severity: string | null;
  status: string | null;
  dose: string | null;
  origin: string | null;
  lot: string | null;
  dose_number: number | null;
  reimbursement_id: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A stored row as its kind's typed entry (the read model every command and export uses). */
function toEntry(r: Row): HealthEntry {
  const common = { id: r.id, uuid: r.uuid, patientId: r.patient_id, reimbursementId: r.reimbursement_id, note: r.note, createdAt: r.created_at, updatedAt: r.updated_at };
  switch (r.kind) {
    case 'allergy':
      return { kind: 'allergy', ...common, since: r.date, substance: r.name, reaction: r.reaction, severity: r.severity as never };
    case 'condition':
      return { kind: 'condition', ...common, since: r.date, name: r.name, status: (r.status ?? 'active') as never };
    case 'medication':
      return { kind: 'medication', ...common, since: r.date, until: r.until, name: r.name, dose: r.dose, origin: (r.origin ?? 'otc') as never };
    case 'lab':
      return {
        kind: 'lab', ...common, date: r.date!, analyte: r.name, value: r.value!, unit: r.unit, low: r.low, high: r.high,
        loinc: r.loinc, lab: r.lab, flag: flagFor(r.value, r.low, r.high),
      };
    case 'measurement':
      return { kind: 'measurement', ...common, date: r.date!, type: r.name as never, value: r.value!, unit: r.unit! };
    case 'vaccination':
      return { kind: 'vaccination', ...common, date: r.date!, vaccine: r.name, lot: r.lot, dose: r.dose_number };
  }
}

const params = (f: EntryFields) => ({
  kind: f.kind, date: f.date, until: f.until, name: f.name, nameKey: fold(f.name), value: f.value, unit: f.unit, low: f.low,
  high: f.high, loinc: f.loinc, lab: f.lab, reaction: f.reaction, severity: f.severity, status: f.status, dose: f.dose,
  origin: f.origin, lot: f.lot, doseNumber: f.doseNumber, reimbursementId: f.reimbursementId, note: f.note,
});

export function insertEntry(db: Db, patientId: number, fields: EntryFields, uuid: string, now: Date): HealthEntry {
  const info = db
    .prepare(
      `INSERT INTO health_entry (uuid, patient_id, kind, date, until, name, name_key, value, unit, low, high, loinc, lab,
         reaction, severity, status, dose, origin, lot, dose_number, reimbursement_id, note, created_at, updated_at)
       VALUES (@uuid, @patientId, @kind, @date, @until, @name, @nameKey, @value, @unit, @low, @high, @loinc, @lab,
         @reaction, @severity, @status, @dose, @origin, @lot, @doseNumber, @reimbursementId, @note, @at, @at)`,
    )
    .run({ ...params(fields), uuid, patientId, at: now.toISOString() });
  return getEntry(db, Number(info.lastInsertRowid));
}

export function updateEntry(db: Db, id: number, fields: EntryFields, now: Date): HealthEntry {
  db.prepare(
    `UPDATE health_entry SET date = @date, until = @until, name = @name, name_key = @nameKey, value = @value, unit = @unit,
       low = @low, high = @high, loinc = @loinc, lab = @lab, reaction = @reaction, severity = @severity, status = @status,
       dose = @dose, origin = @origin, lot = @lot, dose_number = @doseNumber, reimbursement_id = @reimbursementId,
       note = @note, updated_at = @at
     WHERE id = @id`,
  ).run({ ...params(fields), id, at: now.toISOString() });
  return getEntry(db, id);
}

export function deleteEntry(db: Db, id: number): void {
  db.prepare('DELETE FROM health_entry WHERE id = ?').run(id);
}

export function getEntry(db: Db, id: number): HealthEntry {
  const row = db.prepare('SELECT * FROM health_entry WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw notFound(`There is no health entry ${id} in this record.`);
  return toEntry(row);
}

/** A person's entries, oldest day first (undated ones first), then in the order they were added. */
export function listHealthEntries(db: Db, patientId: number, filter: HealthFilter = {}): HealthEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM health_entry
       WHERE patient_id = @patientId AND (@kind IS NULL OR kind = @kind)
         AND (@from IS NULL OR date >= @from) AND (@to IS NULL OR date <= @to)
       ORDER BY date, id`,
    )
    .all({ patientId, kind: filter.kind ?? null, from: filter.from ?? null, to: filter.to ?? null }) as Row[];
  return rows.map(toEntry);
}

/**
 * What a summary draws on, in listHealthEntries' order: every entry except the labs and
 * measurements that a newer one of the same analyte or type (folded, `name_key`) follows. A
 * record of a thousand lab values then reads and converts ~40 rows instead of all of them.
 */
export function newestHealthEntries(db: Db, patientId: number): HealthEntry[] {
  const rows = db
    .prepare(
      `SELECT * FROM health_entry h
       WHERE patient_id = ? AND (kind NOT IN ('lab', 'measurement') OR NOT EXISTS (
         SELECT 1 FROM health_entry n WHERE n.patient_id = h.patient_id AND n.name_key = h.name_key AND n.kind = h.kind
           AND (n.date > h.date OR (n.date = h.date AND n.id > h.id))))
       ORDER BY date, id`,
    )
    .all(patientId) as Row[];
  return rows.map(toEntry);
}

/** Labs and measurements whose analyte or type folds to `key`, oldest first. */
export function entriesNamed(db: Db, patientId: number, key: string): HealthEntry[] {
  const rows = db
    .prepare(`SELECT * FROM health_entry WHERE patient_id = ? AND name_key = ? AND kind IN ('lab', 'measurement') ORDER BY date, id`)
    .all(patientId, key) as Row[];
  return rows.map(toEntry);
}

/** The ids of the payer acts some entry of this person links to. */
export function linkedActIds(db: Db, patientId: number): Set<number> {
  const rows = db.prepare('SELECT DISTINCT reimbursement_id AS id FROM health_entry WHERE patient_id = ? AND reimbursement_id IS NOT NULL').all(patientId) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}

export function countEntries(db: Db, patientId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM health_entry WHERE patient_id = ?').get(patientId) as { n: number }).n;
}
