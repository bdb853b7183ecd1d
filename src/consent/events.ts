import { randomUUID } from 'node:crypto';
import type { AuditAction } from '../audit/actions.js';
import { appendAudit } from '../audit/log.js';
import type { Db } from '../store/database.js';

/** The settings a person's consent is made of; each change of one is a new consent_event row. */
export type Topic =
  | 'gp'
  | 'gp-rights'
  | 'blocked'
  | 'emergency'
  | 'samu'
  | 'trusted-person'
  | 'contact'
  | 'donation'
  | 'directives'
  | 'representatives';

export type State = Record<string, unknown>;

/** One stored change. `state` is the value after it; null when the setting was cleared. */
export interface ConsentEvent {
  id: number;
  uuid: string;
  patientId: number;
  at: string;
  actor: string;
  topic: Topic;
  subject: string;
  state: State | null;
}

interface Row {
  id: number;
  uuid: string;
  patient_id: number;
  at: string;
  actor: string;
  topic: string;
  subject: string;
  state: string | null;
}

const toEvent = (r: Row): ConsentEvent => ({
  id: r.id,
  uuid: r.uuid,
  patientId: r.patient_id,
  at: r.at,
  actor: r.actor,
  topic: r.topic as Topic,
  subject: r.subject,
  state: r.state === null ? null : (JSON.parse(r.state) as State),
});

/** The newest event of every (topic, subject) of a person: the current state, cleared ones included. */
export function latestEvents(db: Db, patientId: number): ConsentEvent[] {
  const rows = db
    .prepare(
      `SELECT e.* FROM consent_event e
       WHERE e.patient_id = ? AND e.id = (SELECT max(id) FROM consent_event l
         WHERE l.patient_id = e.patient_id AND l.topic = e.topic AND l.subject = e.subject)
       ORDER BY e.id`,
    )
    .all(patientId) as Row[];
  return rows.map(toEvent);
}

export function latestEvent(db: Db, patientId: number, topic: Topic, subject = ''): ConsentEvent | undefined {
  const row = db
    .prepare('SELECT * FROM consent_event WHERE patient_id = ? AND topic = ? AND subject = ? ORDER BY id DESC LIMIT 1')
    .get(patientId, topic, subject) as Row | undefined;
  return row ? toEvent(row) : undefined;
}

export function eventById(db: Db, id: number): ConsentEvent | undefined {
  const row = db.prepare('SELECT * FROM consent_event WHERE id = ?').get(id) as Row | undefined;
  return row ? toEvent(row) : undefined;
}

/** A history line: the change with the state it replaced. */
export interface HistoryEntry extends ConsentEvent {
  before: State | null;
}

/** Every change of a person's consent, newest first, each with the state before it. */
export function eventHistory(db: Db, patientId: number): HistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT *, lag(state) OVER (PARTITION BY topic, subject ORDER BY id) AS before_state
       FROM consent_event WHERE patient_id = ? ORDER BY id DESC`,
    )
    .all(patientId) as (Row & { before_state: string | null })[];
  return rows.map((r) => ({ ...toEvent(r), before: r.before_state === null ? null : (JSON.parse(r.before_state) as State) }));
}

export interface Change {
  patientId: number;
  topic: Topic;
  subject?: string;
  /** The new value; null clears the setting. */
  state: State | null;
  actor: string;
  /** The audit action, e.g. consent.gp.set. */
  action: AuditAction;
}

export interface Outcome {
  changed: boolean;
  event: ConsentEvent | undefined;
}

const same = (a: State | null | undefined, b: State | null) => JSON.stringify(a ?? null) === JSON.stringify(b);

/**
 * Records one change and its audit row in one IMMEDIATE transaction. A change to the value the
 * setting already has adds nothing (changed: false). `check` runs inside the transaction with
 * the current value, so rules that depend on other settings see a consistent state.
 */
export function recordChange(
  db: Db,
  change: Change,
  now: Date,
  check?: (current: ConsentEvent | undefined) => void,
  newUuid: () => string = randomUUID,
): Outcome {
  return db
    .transaction((): Outcome => {
      const subject = change.subject ?? '';
      const current = latestEvent(db, change.patientId, change.topic, subject);
      check?.(current);
      if (same(current?.state, change.state)) return { changed: false, event: current };
      const info = db
        .prepare('INSERT INTO consent_event (uuid, patient_id, at, actor, topic, subject, state) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(newUuid(), change.patientId, now.toISOString(), change.actor, change.topic, subject, change.state === null ? null : JSON.stringify(change.state));
      const id = Number(info.lastInsertRowid);
      // Ids and the kind of change only: names, phone numbers and RPPS stay out of the audit log.
      appendAudit(db, { actor: change.actor, action: change.action, target: `patient:${change.patientId}`, details: { consentEvent: id, topic: change.topic } }, now);
      return { changed: true, event: eventById(db, id) };
    })
    .immediate();
}
