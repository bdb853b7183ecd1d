import { usageError } from '../../../errors.js';
import { EARLIEST_DATE } from '../../../reimbursements/rows.js';
import { matchSection, type Section, SECTION_LABELS, SECTIONS } from '../../../reimbursements/sections.js';
import { defaultWindow } from '../../../reimbursements/window.js';

/** A --section value (a key like `pharmacy`, or a label like "Radiologie"), else a usage error. */
export function parseSection(value: string): Section {
  const section = matchSection(value);
  if (!section) throw usageError(`"${value}" is not a section.`, `Pass one of: ${SECTIONS.join(', ')} (or ${SECTIONS.map((s) => `"${SECTION_LABELS[s]}"`).join(', ')}).`);
  return section;
}

/** The date range to show: the DMP's 24 months ending today, or everything with --all; --from/--to narrow it. */
export function dateRange(now: Date, all: boolean | undefined, from?: string, to?: string): { from: string | null; to: string | null } {
  const window = all ? { from: null, to: null } : defaultWindow(now);
  return { from: from ?? window.from, to: to ?? window.to };
}

/** --from/--to before the earliest date an act may carry: a real day, but no act can be there. */
export function checkDateBounds(dates: { from?: string; to?: string }): void {
  for (const [flag, value] of [['--from', dates.from], ['--to', dates.to]] as const) {
    if (value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) && value < EARLIEST_DATE) {
      throw usageError(`${flag} ${value} is out of range: payer data starts at ${EARLIEST_DATE}.`, `Pass ${flag} a date from ${EARLIEST_DATE} on.`);
    }
  }
}
