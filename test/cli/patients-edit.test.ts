import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';

const lines = (s: string) => s.trimEnd().split('\n');
const ZOE = ['patients', 'add', '--given-name', 'Zoe', '--family-name', 'DUPONTT', '--birth-date', '2018-03-30', '--sex', 'F', '--json'];

async function withMistypedChild() {
  const rec = await loggedInRecord();
  const id = (await rec.run(ZOE)).json().id as number;
  return { rec, id };
}

const audit = async (rec: Awaited<ReturnType<typeof loggedInRecord>>) =>
  (await rec.run(['audit', '--json'])).json() as { action: string; target: string; details: Record<string, unknown> | null }[];

describe('dmp patients edit: a mistyped child can be fixed', () => {
  it('corrects the name and birth date, audited with the fields changed (not their values)', async () => {
    const { rec, id } = await withMistypedChild();
    const r = await rec.run(['patients', 'edit', String(id), '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2018-03-03', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ id, givenName: 'Zoé', familyName: 'DUPONT', birthDate: '2018-03-03' });
    expect((await rec.run(['patients', 'show', 'zoe dupont', '--json'])).json().id).toBe(id);
    const row = (await audit(rec)).find((a) => a.action === 'patient.edit')!;
    expect(row).toMatchObject({ target: `patient:${id}`, details: { changed: ['givenName', 'familyName', 'birthDate'] } });
    expect(JSON.stringify(row)).not.toMatch(/DUPONTT|2018-03-30/);
  });

  it('checks the new identity like patients add, and says when nothing changes', async () => {
    const { rec, id } = await withMistypedChild();
    const bad = await rec.run(['patients', 'edit', String(id), '--birth-date', '2018-02-30']);
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual(['dmp: The date of birth "2018-02-30" is not a day of the calendar.', '  Pass --birth-date YYYY-MM-DD, for example 1980-01-31.']);
    const none = await rec.run(['patients', 'edit', String(id)]);
    expect(none.code).toBe(2);
    expect(lines(none.stderr)[0]).toBe('dmp: Nothing to change.');
    const same = await rec.run(['patients', 'edit', String(id), '--sex', 'F']);
    expect(same.code).toBe(0);
    expect(same.stderr).toBe(`Person ${id} already has that identity; nothing changed.\n`);
  });

  it('is refused while documents are filed under the person, unless --force', async () => {
    const { rec, id } = await withMistypedChild();
    await rec.run(['--patient', String(id), 'docs', 'add', '--type', 'synthese', '--text', 'carnet']);
    const r = await rec.run(['patients', 'edit', String(id), '--family-name', 'DUPONT']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `dmp: Zoe DUPONTT (person ${id}) has 1 document and 0 reimbursed acts; changing their identity is refused without force.`,
      '  Check that it is the right person, then pass --force (`patients rm --force` also deletes what is filed under them).',
    ]);
    expect((await rec.run(['patients', 'edit', String(id), '--family-name', 'DUPONT', '--force', '--json'])).json().familyName).toBe('DUPONT');
  });
});

describe('dmp patients rm', () => {
  it('removes a person without data, audited; declining on a terminal exits 0 and changes nothing', async () => {
    const { rec, id } = await withMistypedChild();
    const piped = await rec.run(['patients', 'rm', String(id)]);
    expect(piped.code).toBe(2);
    expect(lines(piped.stderr)[0]).toBe(`dmp: Removing person ${id} needs confirmation.`);
    const no = await rec.run(['patients', 'rm', String(id)], { tty: true, answers: [false] });
    expect(no.code).toBe(0);
    expect(no.stderr).toBe('Not removed; nothing changed.\n');
    expect((await rec.run(['patients', 'list', '--json'])).json()).toHaveLength(2);
    const yes = await rec.run(['patients', 'rm', String(id)], { tty: true, answers: [true] });
    expect(yes.code).toBe(0);
    expect(yes.stderr).toBe(`Removed Zoe DUPONTT (person ${id}).\n`);
    expect((await rec.run(['patients', 'list', '--json'])).json()).toHaveLength(1);
    expect((await audit(rec)).find((a) => a.action === 'patient.remove')).toMatchObject({ target: `patient:${id}`, details: { documents: 0, reimbursements: 0 } });
  });

  it('with documents: refused unless --force, which deletes them too', async () => {
    const { rec, id } = await withMistypedChild();
    await rec.run(['--patient', String(id), 'docs', 'add', '--type', 'synthese', '--text', 'vaccins de Zoé']);
    const r = await rec.run(['patients', 'rm', String(id), '--yes']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toBe(`dmp: Zoe DUPONTT (person ${id}) has 1 document and 0 reimbursed acts; removing them is refused without force.`);
    const forced = await rec.run(['patients', 'rm', String(id), '--yes', '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(forced.json()).toEqual({ removed: id, documents: 1, reimbursements: 0 });
    expect((await rec.run(['docs', 'search', 'vaccins', '--json'])).json()).toEqual([]);
  });

  it('with payer data imported for them and contact details: --force removes the person, their batches stay filed under no one', async () => {
    const { rec, id } = await withMistypedChild();
    const file = join(process.cwd(), 'fixtures', 'reimbursements', 'twins.csv');
    expect((await rec.run(['--patient', String(id), 'reimbursements', 'import', file])).code).toBe(0);
    expect((await rec.run(['--patient', String(id), 'profile', 'edit', '--city', 'Paris'])).code).toBe(0);
    const forced = await rec.run(['patients', 'rm', String(id), '--yes', '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(forced.json()).toEqual({ removed: id, documents: 0, reimbursements: 3 });
    // The same file is importable again for the holder: the removed person's batch vouches for nothing.
    expect((await rec.run(['reimbursements', 'import', file, '--json'])).json().files[0]).toMatchObject({ status: 'imported', inserted: 3, alsoImportedFor: [] });
  });

  it('refuses while health entries (exit 2) or a consent history (exit 5) are theirs, naming them', async () => {
    const { rec, id } = await withMistypedChild();
    expect((await rec.run(['--patient', String(id), 'health', 'add', 'allergy', '--substance', 'Pollen'])).code).toBe(0);
    const withHealth = await rec.run(['patients', 'rm', String(id), '--yes', '--force']);
    expect(withHealth.code).toBe(2);
    expect(lines(withHealth.stderr)).toEqual([`dmp: Zoe DUPONTT (person ${id}) has 1 health entry, which removing a person does not delete.`, `  Remove them first: \`dmp --patient ${id} health list\`, then \`dmp --patient ${id} health rm ID\`.`]);
    const entry = (await rec.run(['--patient', String(id), 'health', 'list', '--json'])).json()[0].id;
    expect((await rec.run(['--patient', String(id), 'health', 'rm', String(entry), '--yes'])).code).toBe(0);
    expect((await rec.run(['--patient', String(id), 'consent', 'samu', 'oppose'])).code).toBe(0);
    const withConsent = await rec.run(['patients', 'rm', String(id), '--yes', '--force']);
    expect(withConsent.code).toBe(5);
    expect(lines(withConsent.stderr)).toEqual([`dmp: Zoe DUPONTT (person ${id}) has a consent history (1 change), which is kept for good; the person cannot be removed.`, `  See it with \`dmp --patient ${id} consent history\`.`]);
    expect((await rec.run(['patients', 'list', '--json'])).json()).toHaveLength(2);
  });

  it('never the holder', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['patients', 'rm', '1', '--yes', '--force']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)[0]).toBe('dmp: Person 1 is the holder of this record and cannot be removed.');
  });
});
