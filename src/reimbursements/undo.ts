import { appendAudit } from '../audit/log.js';
import { invalidData, notFound } from '../errors.js';
import type { Db } from '../store/database.js';
import { getBatch, undoBatch } from './repo.js';

export interface UndoReport {
  importId: number;
  file: string;
  removed: number;
}

/**
 * Undoes an import batch: its acts go, the batch stays listed as undone, and one audit row
 * says so, all in one IMMEDIATE transaction (a concurrent writer waits rather than fails
 * halfway through). Refuses an unknown batch or one already undone.
 */
export function undoImport(db: Db, id: number, actor: string, now: Date): UndoReport {
  return db
    .transaction(() => {
      const batch = getBatch(db, id);
      if (!batch) throw notFound(`There is no import ${id}.`);
      if (batch.undoneAt) throw invalidData(`Import ${id} (${batch.file}) was already undone on ${batch.undoneAt.slice(0, 10)}.`);
      const removed = undoBatch(db, id, now);
      // Ids and counts only: a file name can say more about someone's health than they would like logged for ever.
      appendAudit(db, { actor, action: 'reimbursements.undo', target: `import:${id}`, details: { removed } }, now);
      return { importId: id, file: batch.file, removed };
    })
    .immediate();
}
