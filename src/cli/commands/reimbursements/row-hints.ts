import type { RowError } from '../../../reimbursements/rows.js';

/** The next step for a rejected row, in dmp's commands, when the area's error carries one. */
export function rowHint(e: RowError): string | undefined {
  if (e.unknownPerson) return `Add the person with ${addCommand(e.unknownPerson)}, then import again.`;
  if (e.ambiguousPerson) return 'Import their rows separately: each file with --patient ID and without the Bénéficiaire column.';
  return undefined;
}

/** The `dmp patients add` line for a person the record does not know (birth date and sex left to fill in). */
export function addCommand({ givenName, familyName }: { givenName: string; familyName: string }): string {
  return `\`dmp patients add --given-name ${quote(givenName || 'GIVEN')} --family-name ${quote(familyName)} --birth-date YYYY-MM-DD --sex F|M\``;
}

const quote = (s: string) => (/^[\p{L}\p{N}-]+$/u.test(s) ? s : `"${s.replace(/["\\$`]/g, '\\$&')}"`);
