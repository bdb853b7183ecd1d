import { DmpError } from '../../../errors.js';
import type { Kind } from '../../../health/types.js';
import { KIND_SPECS } from './specs.js';

/**
 * Runs an area call and words its errors for the command line: a field error gets the flag
 * that fills it; a refused link gets where to find the right act.
 */
export function explain<T>(kind: Kind | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof DmpError) || err.hint) throw err;
    const field = (err.data as { field?: string } | undefined)?.field;
    const spec = kind && KIND_SPECS[kind].flags.find((f) => f.field === field);
    if (spec) throw new DmpError(err.kind, err.message, `Pass ${spec.flag}.`, err.data);
    if (field && kind) throw new DmpError(err.kind, err.message, `See \`dmp health add ${kind} --help\` for its flags.`, err.data);
    if (kind && /reimbursed act/i.test(err.message)) {
      const section = kind === 'lab' ? 'biology' : 'pharmacy';
      throw new DmpError(err.kind, err.message, `See the person's ${section} acts with \`dmp reimbursements list --section ${section}\`.`, err.data);
    }
    if (/health entry/.test(err.message)) throw new DmpError(err.kind, err.message, 'See `dmp health list`.', err.data);
    throw err;
  }
}
