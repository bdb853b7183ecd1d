import { appendAudit } from '../audit/log.js';
import type { Db } from '../store/database.js';
import { addMonths, isoDay } from '../util/dates.js';

/** From closure, the DMP archives a record for 10 years, then deletes it (R1111-36). */
export const ARCHIVE_YEARS = 10;

export interface RecordLife {
  closed: boolean;
  /** When it was closed (ISO timestamp), null while open. */
  closedAt: string | null;
  /** The day after which the DMP would delete a record closed then (YYYY-MM-DD). */
  deleteAfter: string | null;
}

const OPEN: RecordLife = { closed: false, closedAt: null, deleteAfter: null };

export function recordLife(db: Db): RecordLife {
  const row = db.prepare('SELECT at, event, delete_after FROM record_life ORDER BY id DESC LIMIT 1').get() as
    | { at: string; event: 'closed' | 'reopened'; delete_after: string | null }
    | undefined;
  return row?.event === 'closed' ? { closed: true, closedAt: row.at, deleteAfter: row.delete_after } : OPEN;
}

/** Closes the record (a new row; audited). Closing a closed record changes nothing. */
export function closeRecord(db: Db, actor: string, now: Date): { changed: boolean; life: RecordLife } {
  return db
    .transaction(() => {
      const life = recordLife(db);
      if (life.closed) return { changed: false, life };
      const deleteAfter = addMonths(isoDay(now), ARCHIVE_YEARS * 12);
      const info = db.prepare("INSERT INTO record_life (at, actor, event, delete_after) VALUES (?, ?, 'closed', ?)").run(now.toISOString(), actor, deleteAfter);
      appendAudit(db, { actor, action: 'record.close', details: { recordLife: Number(info.lastInsertRowid), deleteAfter } }, now);
      return { changed: true, life: recordLife(db) };
    })
    .immediate();
}

export function reopenRecord(db: Db, actor: string, now: Date): { changed: boolean; life: RecordLife } {
  return db
    .transaction(() => {
      if (!recordLife(db).closed) return { changed: false, life: OPEN };
      const info = db.prepare("INSERT INTO record_life (at, actor, event) VALUES (?, ?, 'reopened')").run(now.toISOString(), actor);
      appendAudit(db, { actor, action: 'record.reopen', details: { recordLife: Number(info.lastInsertRowid) } }, now);
      return { changed: true, life: OPEN };
    })
    .immediate();
}
