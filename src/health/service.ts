import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/log.js';
import { invalidData, notFound } from '../errors.js';
import { findActRef } from '../reimbursements/act-ref.js';
import type { Db } from '../store/database.js';
import { deleteEntry, getEntry, insertEntry, updateEntry } from './repo.js';
import { aKind, type HealthEntry, type Kind } from './types.js';
import { type RawEntry, validateEntry } from './validate.js';

/** Which section of the payer data an entry may link to: the drug bought, the lab test paid. */
const LINKABLE: Partial<Record<Kind, 'pharmacy' | 'biology'>> = { medication: 'pharmacy', lab: 'biology' };

export interface Who {
  actor: string;
  patientId: number;
}

/** Adds an entry for the person: checked, stored and audited in one IMMEDIATE transaction. */
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export function addHealthEntry(db: Db, who: Who, kind: Kind, raw: RawEntry, reimbursementId: number | null, now: Date, uuid: string = randomUUID()): HealthEntry {
  const fields = validateEntry(kind, raw, now, reimbursementId);
  return db.transaction(() => {
    checkLink(db, who.patientId, kind, reimbursementId);
    const entry = insertEntry(db, who.patientId, fields, uuid, now);
    appendAudit(db, { actor: who.actor, action: 'health.add', target: `health:${entry.id}`, details: { kind, patientId: who.patientId } }, now);
    return entry;
  }).immediate();
}

/**
 * Changes the fields given (null clears one); the whole entry is checked again, so an edit
 * cannot leave it in a state `add` would refuse. The link is kept unless `reimbursementId` is given.
 */
export function editHealthEntry(db: Db, who: Who, id: number, changes: RawEntry, reimbursementId: number | null | undefined, now: Date): HealthEntry {
  return db.transaction(() => {
    const before = ownEntry(db, who.patientId, id);
    const link = reimbursementId === undefined ? before.reimbursementId : reimbursementId;
    const fields = validateEntry(before.kind, { ...rawOf(before), ...changes }, now, link);
    if (reimbursementId !== undefined) checkLink(db, who.patientId, before.kind, link);
    const after = updateEntry(db, id, fields, now);
    const changed = Object.keys(changes).concat(reimbursementId !== undefined ? ['reimbursementId'] : []);
    appendAudit(db, { actor: who.actor, action: 'health.edit', target: `health:${id}`, details: { kind: before.kind, fields: changed } }, now);
    return after;
  }).immediate();
}

export function removeHealthEntry(db: Db, who: Who, id: number, now: Date): HealthEntry {
  return db.transaction(() => {
    const entry = ownEntry(db, who.patientId, id);
    deleteEntry(db, id);
    appendAudit(db, { actor: who.actor, action: 'health.rm', target: `health:${id}`, details: { kind: entry.kind } }, now);
    return entry;
  }).immediate();
}

/** The entry, if it is this person's: another person's entry is "not found" for them. */
export function ownEntry(db: Db, patientId: number, id: number): HealthEntry {
  const entry = getEntry(db, id);
  if (entry.patientId !== patientId) throw notFound(`Health entry ${id} is not one of this person's (it belongs to person ${entry.patientId}).`);
  return entry;
}

function checkLink(db: Db, patientId: number, kind: Kind, actId: number | null): void {
  if (actId === null) return;
  const wanted = LINKABLE[kind];
  if (!wanted) throw invalidData(`${cap(aKind(kind))} cannot be linked to a reimbursed act; only medication (pharmacy) and labs (biology) can.`);
  const act = findActRef(db, actId);
  if (!act) throw notFound(`There is no reimbursed act ${actId} in this record.`);
  if (act.patientId !== patientId) throw invalidData(`Reimbursed act ${actId} is another person's (person ${act.patientId}), not this one's.`);
  if (act.section !== wanted) {
    throw invalidData(`Reimbursed act ${actId} (${act.careDate}, "${act.label}") is in section ${act.section}; ${aKind(kind)} links only a ${wanted} act.`);
  }
}

/** An entry back as the raw fields validateEntry reads, so an edit re-checks the whole entry. */
function rawOf(e: HealthEntry): RawEntry {
  const base: RawEntry = { note: e.note };
  switch (e.kind) {
    case 'allergy':
      return { ...base, name: e.substance, since: e.since, reaction: e.reaction, severity: e.severity };
    case 'condition':
      return { ...base, name: e.name, since: e.since, status: e.status };
    case 'medication':
      return { ...base, name: e.name, since: e.since, until: e.until, dose: e.dose, origin: e.origin };
    case 'lab':
      return { ...base, name: e.analyte, date: e.date, value: e.value, unit: e.unit, low: e.low, high: e.high, loinc: e.loinc, lab: e.lab };
    case 'measurement':
      return { ...base, name: e.type, date: e.date, value: e.value, unit: e.unit };
    case 'vaccination':
      return { ...base, name: e.vaccine, date: e.date, lot: e.lot, doseNumber: e.dose === null ? null : String(e.dose) };
  }
}
