import type { FailureEvent, FailureLedger } from '../account/ledger.js';
import type { Context } from './context.js';
import { appendPrivate, readPrivate, removePrivate } from './private-files.js';

/**
 * The wrong passwords of one record, one JSON line each, in the state directory. Lines carry
 * the record's salt: a record replaced since (a password change, a restore) starts afresh.
 * Appends are atomic, so parallel guesses from several processes are all counted.
 */
export function fileLedger(ctx: Context, salt: Buffer | undefined): FailureLedger {
  const file = ctx.failuresPath;
  const tag = salt?.toString('hex') ?? 'plain';
  return {
    events(): FailureEvent[] {
      const text = readPrivate(file) ?? '';
      const out: FailureEvent[] = [];
      for (const line of text.split('\n')) {
        try {
          const e = JSON.parse(line) as FailureEvent & { record?: string };
          if (e.record === tag) out.push({ at: e.at, kind: e.kind, usernameMatched: e.usernameMatched ?? null });
        } catch {
          // a torn or foreign line counts for nothing
        }
      }
      return out;
    },
    add(e: FailureEvent): void {
      appendPrivate(file, `${JSON.stringify({ record: tag, ...e })}\n`);
    },
    clear(): void {
      removePrivate(file);
    },
  };
}
