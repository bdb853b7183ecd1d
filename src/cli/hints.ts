import { DmpError, type FieldData } from '../errors.js';

/**
 * The flag that sets each field areas name in their errors, and the next step to give. Areas say
 * what is wrong; this is where the command line is worded.
 */
const FIELD_HINTS: Record<string, (d: FieldData) => string> = {
  givenName: (d) => (d.rule === 'required' ? 'Pass --given-name NAME.' : 'Pass --given-name with letters, spaces, hyphens and apostrophes.'),
  familyName: (d) => (d.rule === 'required' ? 'Pass --family-name NAME.' : 'Pass --family-name with letters, spaces, hyphens and apostrophes.'),
  birthDate: (d) =>
    d.rule === 'required' ? 'Pass --birth-date YYYY-MM-DD.' : d.rule === 'too-late' ? 'Check --birth-date: today or earlier.' : 'Pass --birth-date YYYY-MM-DD, for example 1980-01-31.',
  sex: () => 'Pass --sex F or --sex M.',
  nir: () => 'Check the number on the carte Vitale and pass it with --nir.',
  date: (d) => (d.rule === 'too-late' ? '--date is the date of the act: today or earlier.' : 'Pass --date YYYY-MM-DD (a real calendar day).'),
  title: (d) => (d.rule === 'required' ? 'Pass --title with some text, or leave it out.' : 'Shorten --title; put the details in the text.'),
  author: () => 'Shorten --author.',
  maxSize: (d) => (d.rule === 'format' ? 'Give --max-size as bytes or with a unit: 200k, 10MiB, 1G.' : 'Raise the limit with --max-size (for example --max-size 200MiB).'),
  force: () => 'Check that it is the right person, then pass --force (`patients rm --force` also deletes what is filed under them).',
  type: (d) => {
    const suggestions = (d as FieldData & { suggestions?: string[] }).suggestions ?? [];
    return suggestions.length > 0 ? `Did you mean ${suggestions.join(', or ')}? See \`dmp docs types\`.` : 'See `dmp docs types` for the codes and slugs.';
  },
  patientRef: (d) => (d.rule === 'ambiguous' ? 'Use the id instead (see `dmp patients list`).' : 'Pass an id, a NIR or a full name from `dmp patients list`.'),
  holder: () => 'Create the record with `dmp init`.',
  account: () => 'Create it with `dmp init`.',
  document: () => 'See `dmp docs list` (add --archived for archived ones).',
  patient: (d) => (d.rule === 'consent-history' ? `See it with \`dmp --patient ${d.value} consent history\`.` : 'See `dmp patients list`.'),
  healthEntries: (d) => `Remove them first: \`dmp --patient ${d.value} health list\`, then \`dmp --patient ${d.value} health rm ID\`.`,
  org: () => 'Shorten --org.',
  backupTarget: () => 'Pass --force to replace it, or give another path.',
  rejects: (d) =>
    d.rule === 'taken' ? 'Run the import again with --force to replace it, or pass --rejects another path.'
    : d.rule === 'directory' ? 'Pass --rejects a file path, such as to-fix.csv.'
    : 'Pass --rejects a path in a directory you can write to, on a disk with room.',
};

const isFieldData = (data: unknown): data is FieldData =>
  typeof data === 'object' && data !== null && typeof (data as FieldData).field === 'string';

/** An area's error with no hint of its own gets the flag to use for its field. */
export function withFlagHint(err: unknown): unknown {
  if (!(err instanceof DmpError) || err.hint || !isFieldData(err.data)) return err;
  const hint = Object.hasOwn(FIELD_HINTS, err.data.field) ? FIELD_HINTS[err.data.field]!(err.data) : undefined;
  return hint ? new DmpError(err.kind, err.message, hint, err.data) : err;
}
