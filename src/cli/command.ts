import type { Command } from 'commander';
import { usageError } from '../errors.js';
import { type DateBounds, dateProblem, describeDateProblem, MIN_DATE } from '../util/dates.js';
import type { Context } from './context.js';

type Handler<O> = (args: unknown[], opts: O, command: Command) => Promise<void> | void;

/**
 * Wraps a subcommand's run function: reads the global flags (which may stand before or after
 * the subcommand) into the context first.
 */
export function action<O>(ctx: Context, handler: Handler<O>) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const all = command.optsWithGlobals<{ record?: string; patient?: string; json?: boolean; color?: boolean }>();
    // An unset shell variable (`--patient "$CHILD"`) must not quietly mean the holder.
    if (all.patient !== undefined && !all.patient.trim()) {
      ctx.setGlobals({ record: all.record, json: Boolean(all.json), color: all.color !== false });
      throw usageError('--patient is empty.', 'Pass an id, a NIR or a full name (see `dmp patients list`), or leave --patient out for the holder.');
    }
    if (all.record !== undefined && !all.record.trim()) {
      ctx.setGlobals({ json: Boolean(all.json), color: all.color !== false });
      throw usageError('--record is empty.', 'Pass the path of the record file, or leave --record out for $DMP_RECORD or the default.');
    }
    ctx.setGlobals({ record: all.record, patient: all.patient, json: Boolean(all.json), color: all.color !== false });
    await handler(command.processedArgs as unknown[], command.opts() as O, command);
  };
}

/** The "Examples:" block every command's --help ends with. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** Parses a positive whole number given for `what` (an id, a limit), naming it in the error. */
export function parsePositiveInt(value: string, what: string): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || !Number.isSafeInteger(Number(trimmed))) {
    throw usageError(`"${value}" is not a valid ${what}.`, `Give ${what} as a whole number from 1 up.`);
  }
  return Number(trimmed);
}

/** A YYYY-MM-DD flag (--from, --to, --since): a real calendar day in range, or a usage error naming the flag. */
export function parseDateFlag(value: string | undefined, flag: string, bounds: DateBounds = {}): string | undefined {
  if (value === undefined) return value;
  const problem = dateProblem(value, bounds);
  if (problem === 'format' || problem === 'calendar') throw usageError(describeDateProblem('', value, problem, bounds), `Pass ${flag} YYYY-MM-DD.`);
  if (problem) throw usageError(describeDateProblem('', value, problem, bounds), `Pass ${flag} YYYY-MM-DD, from ${bounds.min ?? MIN_DATE}${bounds.max ? ` to ${bounds.max}` : ''}.`);
  return value;
}

/** --from and --to: each a real day, and --from not after --to. */
export function parseDateRange(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  parseDateFlag(from, '--from');
  parseDateFlag(to, '--to');
  if (from && to && from > to) throw usageError(`--from ${from} is after --to ${to}.`, 'Swap the two dates.');
  return { from, to };
}
