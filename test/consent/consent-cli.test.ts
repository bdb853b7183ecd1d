import { describe, expect, it } from 'vitest';
import { loggedInRecord, type TestRecord } from '../helpers/cli.js';

const GP = '10003456786';
const OTHER = '10100000123';
const lines = (s: string) => s.trimEnd().split('\n');

async function ok(rec: TestRecord, argv: string[]) {
  const r = await rec.run(argv);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

async function addDoc(rec: TestRecord, type: string, extra: string[] = []): Promise<number> {
  return (await ok(rec, ['docs', 'add', '--type', type, '--text', `${type} ${Math.random()}`, '--json', ...extra])).json().id;
}

describe('dmp consent', () => {
  it('sets and shows every choice from flags, and lists the changes newest first with before and after', async () => {
    const rec = await loggedInRecord();
    const directives = await addDoc(rec, 'directives-anticipees');
    for (const argv of [
      ['consent', 'gp', 'set', '--rpps', GP, '--name', 'Dr Martin'],
      ['consent', 'block', '--rpps', OTHER, '--name', 'Dr Durand', '--profession', 'infirmier'],
      ['consent', 'grant-gp-rights', '--rpps', '10000000025', '--name', 'Dr Petit'],
      ['consent', 'emergency', 'oppose'],
      ['consent', 'samu', 'oppose'],
      ['consent', 'samu', 'allow'],
      ['consent', 'trusted-person', 'set', '--given-name', 'Jean', '--family-name', 'DUPONT', '--relation', 'frère', '--phone', '06 12 34 56 78'],
      ['consent', 'contacts', 'add', '--given-name', 'Paul', '--family-name', 'MARTIN', '--relation', 'voisin', '--email', 'paul@example.fr'],
      ['consent', 'donation', 'set', 'refuse', '--for', 'research,autopsy'],
      ['consent', 'directives', 'set', '--document', String(directives)],
    ]) await ok(rec, argv);
    const show = (await ok(rec, ['consent', 'show', '--json'])).json();
    expect(show).toMatchObject({
      gp: { rpps: GP, name: 'Dr Martin', profession: 'medecin' },
      gpRights: [{ rpps: '10000000025', name: 'Dr Petit', profession: null }],
      blocked: [{ rpps: OTHER, name: 'Dr Durand', profession: 'infirmier' }],
      emergency: { setting: 'oppose', isDefault: false },
      samu: { setting: 'allow', isDefault: false },
      trustedPerson: { givenName: 'Jean', familyName: 'DUPONT', relation: 'frère', phone: '+33612345678', email: null },
      contacts: [{ givenName: 'Paul', email: 'paul@example.fr' }],
      donation: { position: 'refuse', refuses: ['research', 'autopsy'], notice: expect.stringContaining('Registre national des refus') },
      directives: { documentId: directives },
    });
    for (const item of [show.gp, show.trustedPerson, show.contacts[0], show.directives]) expect(item.uuid).toMatch(/^[0-9a-f-]{36}$/);

    const history = (await ok(rec, ['consent', 'history', '--json'])).json();
    expect(history).toHaveLength(10);
    expect(history[0]).toMatchObject({ setting: 'directives', before: null, after: { documentId: directives } });
    const samu = history.filter((h: { setting: string }) => h.setting === 'samu');
    expect(samu.map((h: { before: unknown; after: unknown }) => [h.before, h.after])).toEqual([
      [{ setting: 'oppose' }, { setting: 'allow' }],
      [null, { setting: 'oppose' }],
    ]);
    const human = await ok(rec, ['consent', 'history']);
    expect(lines(human.stdout)[0]).toBe('id\tat\tsetting\tbefore\tafter');
    expect(human.stdout).toContain('\tsamu\topposed\tallowed\n');
  });

  it('says on every display of the donation position that only the registry counts', async () => {
    const rec = await loggedInRecord();
    const set = await ok(rec, ['consent', 'donation', 'set', 'no-objection']);
    expect(set.stderr).toContain('Only the Registre national des refus (Agence de la biomédecine) counts legally');
    expect(set.stderr).toContain('from age 13');
    expect((await ok(rec, ['consent', 'show'])).stderr).toContain('Only the Registre national des refus');
    expect((await ok(rec, ['consent', 'donation', 'set', '--help'])).stdout).toContain('Only the Registre national des refus');
    const json = (await ok(rec, ['consent', 'donation', 'set', 'no-objection', '--json'])).json();
    expect(json).toMatchObject({ changed: false, consent: { donation: { position: 'no-objection', notice: expect.stringContaining('register from age 13') } } });
  });

  it('removes a contact by id; an unknown id exits 4', async () => {
    const rec = await loggedInRecord();
    const added = (await ok(rec, ['consent', 'contacts', 'add', '--given-name', 'Paul', '--family-name', 'MARTIN', '--relation', 'voisin', '--json'])).json();
    const id = added.consent.contacts[0].id;
    expect((await ok(rec, ['consent', 'contacts', 'list', '--json'])).json()).toHaveLength(1);
    expect((await ok(rec, ['consent', 'contacts', 'rm', String(id)])).stderr).toBe(`Removed contact ${id}.\n`);
    expect((await ok(rec, ['consent', 'contacts', 'list', '--json'])).json()).toEqual([]);
    const again = await rec.run(['consent', 'contacts', 'rm', String(id)]);
    expect(again.code).toBe(4);
    expect(lines(again.stderr)).toEqual([`dmp: There is no contact ${id} for this person.`, '  The contacts are listed with their ids.']);
  });

  it('refuses a bad RPPS (exit 5), an unknown profession (exit 5), a bad setting (exit 2), nothing stored', async () => {
    const rec = await loggedInRecord();
    const bad = await rec.run(['consent', 'gp', 'set', '--rpps', '10003456780', '--name', 'Dr Martin']);
    expect(bad.code).toBe(5);
    expect(lines(bad.stderr)).toEqual(['dmp: The RPPS number "10003456780" fails its check digit (the last digit does not match the others).', '  Check each digit: one is probably mistyped.']);
    const short = await rec.run(['consent', 'block', '--rpps', '123']);
    expect(short.code).toBe(5);
    expect(lines(short.stderr)[0]).toBe('dmp: The RPPS number "123" has 3 digits; an RPPS number has 11.');
    const profession = await rec.run(['consent', 'block', '--rpps', OTHER, '--profession', 'plombier']);
    expect(profession.code).toBe(5);
    expect(lines(profession.stderr)[0]).toBe('dmp: The profession "plombier" is not one dmp knows.');
    const setting = await rec.run(['consent', 'emergency', 'maybe']);
    expect(setting.code).toBe(2);
    expect(lines(setting.stderr)).toEqual(['dmp: "maybe" is neither allow nor oppose.', '  Run `dmp consent emergency allow` or `dmp consent emergency oppose`.']);
    const refuse = await rec.run(['consent', 'donation', 'set', 'refuse']);
    expect(refuse.code).toBe(2);
    expect(lines(refuse.stderr)[0]).toBe('dmp: A refusal needs what it refuses.');
    const unblock = await rec.run(['consent', 'unblock', '--rpps', OTHER]);
    expect(unblock.code).toBe(4);
    expect(lines(unblock.stderr)[0]).toBe(`dmp: No professional with RPPS ${OTHER} is blocked.`);
    const revoke = await rec.run(['consent', 'revoke-gp-rights', '--rpps', OTHER]);
    expect(revoke.code).toBe(4);
    expect(lines(revoke.stderr)[0]).toBe(`dmp: No professional with RPPS ${OTHER} holds the médecin traitant's rights.`);
    expect((await ok(rec, ['consent', 'history', '--json'])).json()).toEqual([]);
  });

  it('refuses a directives document of the wrong type, naming the expected one, and an unknown id (exit 4)', async () => {
    const rec = await loggedInRecord();
    const report = await addDoc(rec, 'cr-consultation');
    const wrong = await rec.run(['consent', 'directives', 'set', '--document', String(report)]);
    expect(wrong.code).toBe(5);
    expect(lines(wrong.stderr)[0]).toBe(`dmp: Document ${report} is of type 11488-4 (CR ou fiche de consultation ou de visite), not EXPPAT_3 (Directives anticipées), the type advance directives must have.`);
    const missing = await rec.run(['consent', 'directives', 'set', '--document', '99']);
    expect(missing.code).toBe(4);
    expect(lines(missing.stderr)[0]).toBe('dmp: There is no document 99 in this record.');
    expect((await rec.run(['consent', 'who-can-see', '99'])).code).toBe(4);
  });

  it('answers who can see a masked document, and why', async () => {
    const rec = await loggedInRecord();
    const masked = await addDoc(rec, 'cr-consultation', ['--masked']);
    await ok(rec, ['consent', 'gp', 'set', '--rpps', GP, '--name', 'Dr Martin']);
    await ok(rec, ['consent', 'block', '--rpps', OTHER, '--profession', 'medecin']);
    const all = (await ok(rec, ['consent', 'who-can-see', String(masked), '--json'])).json();
    expect(all).toMatchObject({ documentId: masked, typeCode: '11488-4', masked: true });
    const verdicts = Object.fromEntries(all.viewers.map((v: any) => [`${v.viewer.kind}:${v.viewer.role ?? v.viewer.profession ?? ''}`, v.canSee]));
    expect(verdicts).toMatchObject({ 'patient:': true, 'professional:gp': true, 'professional:blocked': false, 'professional:medecin': false, 'emergency:medecin': false, 'samu:medecin': false });
    const gp = (await ok(rec, ['consent', 'who-can-see', String(masked), '--rpps', GP, '--json'])).json();
    expect(gp.viewers).toEqual([
      { viewer: { kind: 'professional', rpps: GP, profession: 'medecin', name: 'Dr Martin', role: 'gp' }, canSee: true, reasons: [{ rule: 'gp', allows: true, text: 'The médecin traitant sees every document, masked ones included.' }] },
    ]);
    const nurse = await ok(rec, ['consent', 'who-can-see', String(masked), '--profession', 'infirmier']);
    expect(lines(nurse.stdout)).toEqual([
      'Any infirmier: cannot see',
      "  - The document is masked from professionals; only the patient, the médecin traitant and those with its rights see it.",
      '  + The access matrix lets the profession Infirmier see "CR ou fiche de consultation ou de visite".',
    ]);
    const unknown = await rec.run(['consent', 'who-can-see', String(masked), '--rpps', '12345678903']);
    expect(unknown.code).toBe(2);
    expect(lines(unknown.stderr)).toEqual(['dmp: Your settings do not say which profession RPPS 12345678903 has.', '  Pass --profession too (see `dmp consent professions`).']);
    expect((await ok(rec, ['consent', 'who-can-see', '--help'])).stdout).toContain("the real DMP's\nmatrix is finer");
  });

  it('escapes control characters of a name put in the record behind its back (a restored or edited file)', async () => {
    const rec = await loggedInRecord();
    const masked = await addDoc(rec, 'cr-consultation', ['--masked']);
    await ok(rec, ['consent', 'gp', 'set', '--rpps', GP, '--name', 'Dr Martin']);
    const db = rec.open();
    db.prepare(
      `INSERT INTO consent_event (uuid, patient_id, at, actor, topic, subject, state)
       SELECT 'tampered', patient_id, at, actor, topic, subject, replace(state, 'Dr Martin', 'Dr \\u001b]0;pwned\\u0007Martin') FROM consent_event WHERE topic = 'gp'`,
    ).run();
    db.close();
    const out = (await ok(rec, ['consent', 'who-can-see', String(masked), '--rpps', GP])).stdout;
    expect(out).toContain('pwned');
    expect(out).not.toMatch(/[\u0007\u001b]/);
  });

  it("hides a minor's document from the legal representatives, through --patient", async () => {
    const rec = await loggedInRecord();
    await ok(rec, ['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M']);
    const leo = ['--patient', 'Léo DUPONT'];
    const doc = (await ok(rec, [...leo, 'docs', 'add', '--type', 'cr-consultation', '--text', 'Léo', '--json'])).json().id;
    expect((await ok(rec, [...leo, 'consent', 'representatives', 'hide', String(doc)])).stderr).toBe(`Document ${doc} is now hidden from the legal representatives.\n`);
    const access = (await ok(rec, ['consent', 'who-can-see', String(doc), '--json'])).json();
    expect(access.viewers.find((v: any) => v.viewer.kind === 'legal-representative')).toMatchObject({ canSee: false, reasons: [{ rule: 'hidden-from-representatives' }] });
    expect((await ok(rec, [...leo, 'consent', 'show', '--json'])).json().hiddenFromRepresentatives).toEqual([doc]);
    const notHers = await rec.run(['consent', 'representatives', 'hide', String(doc)]);
    expect(notHers.code).toBe(4);
    expect(lines(notHers.stderr)[0]).toBe(`dmp: Document ${doc} belongs to another person of the record.`);
  });

  it('lists the professions with their French labels and what the matrix keeps from them', async () => {
    const rec = await loggedInRecord();
    const rows = (await ok(rec, ['consent', 'professions', '--json'])).json();
    expect(rows).toContainEqual({ key: 'chirurgien-dentiste', label: 'Chirurgien-dentiste', deniedTypes: ['EXPPAT_3'] });
    expect(rows).toContainEqual({ key: 'pedicure-podologue', label: 'Pédicure-podologue', deniedTypes: ['15508-5'] });
    expect(rows).toContainEqual({ key: 'masseur-kinesitherapeute', label: 'Masseur-kinésithérapeute', deniedTypes: [] });
  });

  it('has a description and an example in every --help', async () => {
    const rec = await loggedInRecord();
    for (const argv of [
      ['show'], ['history'], ['professions'], ['gp', 'set'], ['gp', 'clear'], ['block'], ['unblock'], ['blocked'], ['grant-gp-rights'], ['revoke-gp-rights'],
      ['emergency'], ['samu'], ['trusted-person', 'set'], ['trusted-person', 'clear'], ['contacts', 'add'], ['contacts', 'list'], ['contacts', 'rm'],
      ['donation', 'set'], ['directives', 'set'], ['directives', 'clear'], ['representatives', 'hide'], ['representatives', 'unhide'], ['who-can-see'],
    ]) {
      const r = await rec.run(['consent', ...argv, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: dmp consent ${argv.join(' ')} `));
      expect(r.stdout).toMatch(/\nExamples:\n {2}\$ dmp /);
    }
  });
});
