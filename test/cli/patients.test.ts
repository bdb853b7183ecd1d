import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';

const lines = (stderr: string) => stderr.trimEnd().split('\n');
const LEO = ['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M', '--nir', '1 15 06 75 056 001 67'];

async function withLeo() {
  const rec = await loggedInRecord();
  const r = await rec.run([...LEO, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return { rec, leo: r.json() };
}

describe('dmp patients add', () => {
  it('adds a person and shows them; --json gives the person', async () => {
    const { rec, leo } = await withLeo();
    expect(leo).toMatchObject({ id: 2, givenName: 'Léo', familyName: 'DUPONT', birthDate: '2015-06-02', sex: 'M', nir: '115067505600167', isHolder: false });
    const audit = (await rec.run(['audit', '--json'])).json() as { action: string; target: string; actor: string }[];
    expect(audit.at(-1)).toMatchObject({ action: 'patient.add', target: 'patient:2', actor: 'marie' });
  });

  it('shows the person as fields when piped', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2018-03-03', '--sex', 'F']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('id\t2\nname\tZoé DUPONT\nborn\t2018-03-03\nsex\tF\nNIR\t(none)\nrole\tin the holder\'s record\n');
  });

  it('asks for the missing traits on a terminal', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['patients', 'add', '--json'], { tty: true, answers: ['Zoé', 'Dupont', '2018-03-03', 'F', ''] });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ givenName: 'Zoé', familyName: 'Dupont', nir: null });
  });

  it('does not ask for the optional NIR on a terminal when every required flag is given', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2018-03-03', '--sex', 'F', '--json'], { tty: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json().nir).toBeNull();
  });

  it('without a terminal, names the missing flag (exit 2)', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--sex', 'F']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['dmp: Missing the date of birth.', '  Pass --birth-date YYYY-MM-DD.']);
  });

  it('refuses a NIR that disagrees with the birth month, a date that does not exist, and a NIR already in the record (exit 5)', async () => {
    const { rec } = await withLeo();
    const month = await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2015-07-02', '--sex', 'M', '--nir', '1 15 06 75 056 001 67']);
    expect(month.code).toBe(5);
    expect(lines(month.stderr)).toEqual(['dmp: The NIR "1 15 06 75 056 001 67" gives birth month 06 but the date of birth is 2015-07-02.', '  Check the number on the carte Vitale and pass it with --nir.']);
    // A malformed date is a usage error (exit 2), as for --date.
    const feb = await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2023-02-29', '--sex', 'F']);
    expect(feb.code).toBe(2);
    expect(lines(feb.stderr)).toEqual(['dmp: The date of birth "2023-02-29" is not a day of the calendar.', '  Pass --birth-date YYYY-MM-DD, for example 1980-01-31.']);
    const slashes = await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '02/03/2023', '--sex', 'F']);
    expect(slashes.code).toBe(2);
    expect(lines(slashes.stderr)).toEqual(['dmp: The date of birth "02/03/2023" is not a date in YYYY-MM-DD form.', '  Pass --birth-date YYYY-MM-DD, for example 1980-01-31.']);
    const twin = await rec.run(['patients', 'add', '--given-name', 'Paul', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M', '--nir', '115067505600167']);
    expect(twin.code).toBe(5);
    expect(lines(twin.stderr)).toEqual(['dmp: The NIR 115067505600167 already belongs to person 2 in this record.', '  Check the number on the carte Vitale and pass it with --nir.']);
    const again = await rec.run(LEO.slice(0, -2));
    expect(again.code).toBe(5);
    expect(lines(again.stderr)).toEqual(['dmp: Léo DUPONT, born 2015-06-02, is already person 2 in this record.', '  See `dmp patients list`.']);
    const future = await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2027-02-01', '--sex', 'F']);
    expect(future.code).toBe(2);
    expect(lines(future.stderr)).toEqual(['dmp: The date of birth 2027-02-01 is in the future (today is 2026-11-26).', '  Check --birth-date: today or earlier.']);
    expect((await rec.run(['patients', 'list', '--json'])).json()).toHaveLength(2);
  });
});

describe('dmp patients list', () => {
  it('--json lists everyone, the holder first', async () => {
    const { rec } = await withLeo();
    const r = await rec.run(['patients', 'list', '--json']);
    expect(r.json().map((p: { givenName: string; isHolder: boolean }) => [p.givenName, p.isHolder])).toEqual([['Marie', true], ['Léo', false]]);
  });

  it('prints tab-separated rows with a header when piped', async () => {
    const { rec } = await withLeo();
    const r = await rec.run(['patients', 'list']);
    expect(r.stdout).toBe('id\tname\tborn\tsex\tNIR\tholder\n1\tMarie DUPONT\t1980-01-15\tF\t\tyes\n2\tLéo DUPONT\t2015-06-02\tM\t115067505600167\t\n');
  });

  it('prints a table on a terminal, coloured unless NO_COLOR or --no-color', async () => {
    const { rec } = await withLeo();
    const plain = await rec.run(['patients', 'list'], { tty: true });
    expect(plain.stdout).toMatch(/┌.*┐/);
    expect(plain.stdout).toMatch(/│ +2 │ Léo DUPONT +│/);
    expect(plain.stdout).not.toContain('\x1b[');
    const coloured = await rec.run(['patients', 'list'], { tty: true, env: { NO_COLOR: '' } });
    expect(coloured.stdout).toContain('\x1b[1m');
    const noColor = await rec.run(['patients', 'list', '--no-color'], { tty: true, env: { NO_COLOR: '' } });
    expect(noColor.stdout).not.toContain('\x1b[');
    const piped = await rec.run(['patients', 'list'], { env: { NO_COLOR: '' } });
    expect(piped.stdout).not.toContain('\x1b[');
  });
});

describe('dmp patients show REF', () => {
  it('finds a person by id, NIR with spaces, or full name in either order with case and accents folded', async () => {
    const { rec } = await withLeo();
    for (const ref of ['2', '1 15 06 75 056 001 67', '115067505600167', 'Léo DUPONT', 'leo dupont', 'DUPONT Léo', 'Dupont LEO']) {
      const r = await rec.run(['patients', 'show', ref, '--json']);
      expect(r.code).toBe(0);
      expect(r.json().id).toBe(2);
    }
  });

  it('shows the NIR as it is printed on the card', async () => {
    const { rec } = await withLeo();
    const r = await rec.run(['patients', 'show', '2'], { tty: true });
    expect(r.stdout).toMatch(/^NIR +1 15 06 75 056 001 67$/m);
    expect(r.stdout).toMatch(/^role +in the holder's record$/m);
  });

  it('says an unknown REF is not found (exit 4)', async () => {
    const { rec } = await withLeo();
    const byName = await rec.run(['patients', 'show', 'Paul Martin', '--json']);
    expect(byName.code).toBe(4);
    expect(byName.json().error.kind).toBe('not-found');
    expect(lines(byName.stderr)).toEqual(['dmp: No one in this record matches "Paul Martin".', '  Pass an id, a NIR or a full name from `dmp patients list`.']);
    const byId = await rec.run(['patients', 'show', '9']);
    expect(byId.code).toBe(4);
    expect(lines(byId.stderr)).toEqual(['dmp: There is no person 9 in this record.', '  See `dmp patients list`.']);
  });

  it('says an ambiguous name names several people (exit 2)', async () => {
    const { rec } = await withLeo();
    await rec.run(['patients', 'add', '--given-name', 'Leo', '--family-name', 'Dupont', '--birth-date', '2019-01-01', '--sex', 'M']);
    const r = await rec.run(['patients', 'show', 'leo dupont']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['dmp: "leo dupont" names 2 people in this record (ids 2, 3).', '  Use the id instead (see `dmp patients list`).']);
  });

  it('needs a REF (exit 2)', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['patients', 'show']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(["dmp: missing required argument 'ref'", '  Run the command with --help to see its flags and examples.']);
  });
});

describe('the global --patient flag', () => {
  it('accepts an id, a NIR or a full name, before or after the command', async () => {
    const { rec } = await withLeo();
    for (const argv of [['--patient', 'leo dupont', 'patients', 'list'], ['patients', 'list', '--patient', '1 15 06 75 056 001 67'], ['--patient=2', 'patients', 'list']]) {
      expect((await rec.run(argv)).code).toBe(0);
    }
  });

  it('refuses a REF that names no one (exit 4) or several (exit 2), instead of ignoring it', async () => {
    const { rec } = await withLeo();
    const unknown = await rec.run(['--patient', 'Paul Martin', 'patients', 'list', '--json']);
    expect(unknown.code).toBe(4);
    expect(unknown.json().error.kind).toBe('not-found');
    expect(lines(unknown.stderr)).toEqual(['dmp: No one in this record matches "Paul Martin".', '  Pass an id, a NIR or a full name from `dmp patients list`.']);
    await rec.run(['patients', 'add', '--given-name', 'Leo', '--family-name', 'Dupont', '--birth-date', '2019-01-01', '--sex', 'M']);
    const ambiguous = await rec.run(['--patient', 'Léo Dupont', 'audit']);
    expect(ambiguous.code).toBe(2);
    expect(lines(ambiguous.stderr)[0]).toBe('dmp: "Léo Dupont" names 2 people in this record (ids 2, 3).');
  });
});
