import { setAuditKey } from '../audit/key.js';
import { type ChainCheck, verifyAudit } from '../audit/verify.js';
import { invalidData } from '../errors.js';
import { checkMonthTotals, type MonthCheck, type MonthMismatch } from '../reimbursements/month-check.js';
import { formatEuros } from '../reimbursements/money.js';
import { sectionLabel } from '../reimbursements/sections.js';
import { AMOUNTS } from '../reimbursements/edge-months.js';
import { checkRecordFile } from '../store/check.js';
import { type Db, openRecord, type RecordKey } from '../store/database.js';

export interface Health {
  ok: boolean;
  /** What the checks found, one sentence each (past the first five payer totals, one sentence counts the rest). */
  problems: string[];
  /** How many problems there are in all, each payer total counted (of the file's, SQLite reports the first 20). */
  problemCount: number;
  audit: ChainCheck;
  /** The per-month payer totals that disagree with their acts (the ones `--repair` recomputes). */
  monthTotals: MonthCheck;
  /** Every problem is a payer total that disagrees with its acts: `dmp record check --repair` mends them all. */
  repairable: boolean;
}

/** Every check of `dmp record check`: file structure, foreign keys, search index, payer totals, audit chain. */
export function recordHealth(db: Db): Health {
  const monthTotals = checkMonthTotals(db);
  const file = checkRecordFile(db);
  const problems = [...file, ...monthTotals.first.map(mismatch)];
  const unnamed = monthTotals.mismatches - monthTotals.first.length;
  if (unnamed > 0) problems.push(`payer totals: ${unnamed} more month${unnamed > 1 ? 's' : ''} of a person and section disagree with their acts`);
  const audit = verifyAudit(db);
  if (!audit.intact) problems.push(`audit log: row ${audit.brokenId} fails the check (${audit.reason})`);
  const problemCount = file.length + monthTotals.mismatches + (audit.intact ? 0 : 1);
  return { ok: problems.length === 0, problems, problemCount, audit, monthTotals, repairable: monthTotals.mismatches > 0 && file.length === 0 && audit.intact };
}

const MONEY: Record<Exclude<(typeof AMOUNTS)[number], 'count'>, string> = { spentCents: 'spent', reimbursedCents: 'reimbursed', deductibleCents: 'deductible', complementaryCents: 'complementary share' };

/** One mismatch in words: what the totals say beside what the acts add up to, for each sum that differs. */
function mismatch(m: MonthMismatch): string {
  const differs: string[] = [];
  if (m.kept.count !== m.acts.count) differs.push(`${m.kept.count} act${m.kept.count === 1 ? '' : 's'} counted where the record holds ${m.acts.count}`);
  for (const key of AMOUNTS.filter((k) => k !== 'count')) {
    if (m.kept[key] !== m.acts[key]) differs.push(`${MONEY[key]} ${formatEuros(m.kept[key])} where the acts add up to ${formatEuros(m.acts[key])}`);
  }
  return `payer totals of person ${m.patientId} for ${m.month}, ${sectionLabel(m.section)}: ${differs.join('; ')}`;
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
