import { type RecordLife, recordLife } from '../consent/record-life.js';
import { readOnlyError } from '../errors.js';
import { isReadOnlyError, setQueryOnly } from '../store/read-only.js';
import type { Context } from './context.js';

/** The contexts whose record was found closed, and since when. */
const closedIn = new WeakMap<Context, RecordLife>();

/**
 * Called once per command, after the session is checked: a closed record is switched to
 * query_only, so SQLite refuses whatever write the command attempts (explained below).
 */
export function guardClosedRecord(ctx: Context): void {
  const db = ctx.store();
  const life = recordLife(db);
  if (!life.closed) return;
  setQueryOnly(db, true);
  closedIn.set(ctx, life);
}

/** SQLite's "readonly database" becomes exit 7 with the reason in the user's terms. */
export function explainReadOnly(err: unknown, ctx: Context): unknown {
  if (!isReadOnlyError(err)) return err;
  const life = closedIn.get(ctx);
  if (life) {
    return readOnlyError(
      `The record is closed (since ${life.closedAt!.slice(0, 10)}), so it cannot be changed; nothing was changed.`,
      'Reopen it with `dmp record reopen` to change it; reading and exporting work while it is closed.',
    );
  }
  return readOnlyError(`The record ${ctx.recordPath} cannot be written (${(err as Error).message}).`, 'Check that you may write the file and its folder, and that the disk is not read-only.');
}
