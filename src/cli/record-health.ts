import { setAuditKey } from '../audit/key.js';
import { type ChainCheck, verifyAudit } from '../audit/verify.js';
import { invalidData } from '../errors.js';
import { monthTotalsProblems } from '../reimbursements/month-check.js';
import { checkRecordFile } from '../store/check.js';
import { type Db, openRecord, type RecordKey } from '../store/database.js';

export interface Health {
  ok: boolean;
  /** What SQLite's checks found, one sentence each. */
  problems: string[];
  audit: ChainCheck;
}

/** Every check of `dmp record check`: file structure, foreign keys, search index, payer totals, audit chain. */
export function recordHealth(db: Db): Health {
  const problems = [...checkRecordFile(db), ...monthTotalsProblems(db)];
  const audit = verifyAudit(db);
  if (!audit.intact) problems.push(`audit log: row ${audit.brokenId} fails the check (${audit.reason})`);
  return { ok: problems.length === 0, problems, audit };
}

/** Opens a copy as `dmp --record COPY` would (same key), and refuses it unless every check passes. */
export function verifyCopy(path: string, key: RecordKey | undefined, auditKey: Buffer): Health {
  const copy = openRecord(path, { key, raw: true });
  try {
    setAuditKey(copy, auditKey);
    const health = recordHealth(copy);
    if (!health.ok) throw invalidData(`The backup failed its check (${health.problems[0]}); it was not kept.`, 'Run `dmp record check` on the record, then try again.', health);
    return health;
  } finally {
    copy.close();
  }
}
