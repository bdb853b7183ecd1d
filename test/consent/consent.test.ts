import { describe, expect, it } from 'vitest';
import {
  addContact,
  block,
  clearGp,
  grantGpRights,
  isMinor,
  removeContact,
  setAccess,
  setDirectives,
  setDonation,
  setGp,
  setHiddenFromRepresentatives,
  setTrustedPerson,
  unblock,
  type Who,
} from '../../src/consent/consent.js';
import { DONATION_NOTICE, parseDonationUses } from '../../src/consent/donation.js';
import { eventHistory } from '../../src/consent/events.js';
import { parseProfession } from '../../src/consent/professions.js';
import { consentState, consentSummary } from '../../src/consent/state.js';
import { documentAccess } from '../../src/consent/who-can-see.js';
import { addDocument } from '../../src/documents/documents.js';
import { typedContent } from '../../src/documents/ingest.js';
import { addPatient } from '../../src/profile/patients.js';
import { START } from '../helpers/cli.js';
import { memoryAccount } from '../helpers/record.js';

const GP = '10003456786';
const OTHER = '10100000123';

async function setup() {
  const { db, enrolment } = await memoryAccount();
  const who: Who = { patientId: enrolment.holder.id, actor: 'marie', now: START };
  const doc = (typeCode: string, patientId = who.patientId, text = typeCode) =>
    addDocument(db, { patientId, typeCode, title: 't', date: '2026-01-01' }, typedContent(text), { actor: 'marie' }, START).document.id;
  return { db, who, doc };
}

describe('consent changes', () => {
  it('add a row for every change and never update one (the history keeps every state)', async () => {
    const { db, who } = await setup();
    setGp(db, who, { rpps: GP, name: 'Dr Martin' });
    setGp(db, who, { rpps: OTHER, name: 'Dr Durand' });
    clearGp(db, who);
    const history = eventHistory(db, who.patientId);
    expect(history.map((h) => [h.topic, h.before?.rpps ?? null, h.state?.rpps ?? null])).toEqual([
      ['gp', OTHER, null],
      ['gp', GP, OTHER],
      ['gp', null, GP],
    ]);
    expect(new Set(history.map((h) => h.uuid)).size).toBe(3);
    expect(() => db.prepare('UPDATE consent_event SET state = NULL').run()).toThrow('the consent history is append-only');
    expect(() => db.prepare('DELETE FROM consent_event').run()).toThrow('the consent history is append-only');
  });

  it('add nothing when the value does not change', async () => {
    const { db, who } = await setup();
    expect(setAccess(db, who, 'samu', 'oppose').changed).toBe(true);
    expect(setAccess(db, who, 'samu', 'oppose').changed).toBe(false);
    expect(eventHistory(db, who.patientId)).toHaveLength(1);
    const audit = db.prepare("SELECT action, target, details FROM audit_log WHERE action LIKE 'consent.%'").all();
    expect(audit).toEqual([{ action: 'consent.samu.oppose', target: `patient:${who.patientId}`, details: JSON.stringify({ consentEvent: 1, topic: 'samu' }) }]);
  });

  it('keeps emergency and SAMU access separate, both allowed by default', async () => {
    const { db, who } = await setup();
    expect(consentState(db, who.patientId).emergency).toEqual({ setting: 'allow', isDefault: true, since: null, uuid: null });
    setAccess(db, who, 'samu', 'oppose');
    const s = consentState(db, who.patientId);
    expect([s.emergency.setting, s.samu.setting, s.samu.isDefault]).toEqual(['allow', 'oppose', false]);
  });

  it('refuses to block the médecin traitant or a holder of its rights, and to give rights to a blocked one', async () => {
    const { db, who } = await setup();
    setGp(db, who, { rpps: GP, name: 'Dr Martin' });
    expect(() => block(db, who, { rpps: GP })).toThrow(`RPPS ${GP} is your médecin traitant, who cannot be blocked.`);
    block(db, who, { rpps: OTHER, profession: 'infirmier' });
    expect(() => grantGpRights(db, who, { rpps: OTHER })).toThrow(`The professional with RPPS ${OTHER} is blocked, so cannot be made a holder of the médecin traitant's rights.`);
    expect(() => setGp(db, who, { rpps: OTHER, name: 'X' })).toThrow('is blocked, so cannot be made your médecin traitant');
    unblock(db, who, OTHER);
    grantGpRights(db, who, { rpps: OTHER });
    expect(() => block(db, who, { rpps: OTHER })).toThrow(`RPPS ${OTHER} holds the médecin traitant's rights, so cannot be blocked.`);
    expect(() => unblock(db, who, OTHER)).toThrow(expect.objectContaining({ kind: 'not-found', message: `No professional with RPPS ${OTHER} is blocked.` }));
  });

  it('keeps a contact under its first id and uuid, and refuses an unknown one', async () => {
    const { db, who } = await setup();
    const added = addContact(db, who, { givenName: 'Paul', familyName: 'MARTIN', relation: 'voisin', phone: '06 12 34 56 78' }, 'uuid-paul');
    const contacts = consentState(db, who.patientId).contacts;
    expect(contacts).toEqual([expect.objectContaining({ id: added.event!.id, uuid: 'uuid-paul', phone: '+33612345678', email: null })]);
    removeContact(db, who, added.event!.id);
    expect(consentState(db, who.patientId).contacts).toEqual([]);
    expect(() => removeContact(db, who, added.event!.id)).toThrow(expect.objectContaining({ kind: 'not-found', message: `There is no contact ${added.event!.id} for this person.` }));
    expect(() => removeContact(db, who, 999)).toThrow('There is no contact 999 for this person.');
  });

  it('checks the people it stores (names, phone, e-mail)', async () => {
    const { db, who } = await setup();
    expect(() => setTrustedPerson(db, who, { givenName: 'Jean', familyName: 'DUPONT', relation: 'frère', phone: '12' })).toThrow(expect.objectContaining({ kind: 'invalid' }));
    expect(() => setTrustedPerson(db, who, { givenName: 'Jean\u001b[31m', familyName: 'DUPONT', relation: 'frère' })).toThrow('holds control or invisible characters');
    expect(() => setTrustedPerson(db, who, { givenName: 'J3an', familyName: 'DUPONT', relation: 'frère' })).toThrow('The given name "J3an" has characters a name cannot have.');
    expect(() => setTrustedPerson(db, who, { givenName: 'Jean', familyName: 'DUPONT', relation: '  ' })).toThrow('The relation is empty.');
    expect(eventHistory(db, who.patientId)).toEqual([]);
  });

  it('accepts only an advance-directives document (EXPPAT_3) of the same person', async () => {
    const { db, who, doc } = await setup();
    const report = doc('11488-4');
    expect(() => setDirectives(db, who, report)).toThrow(
      `Document ${report} is of type 11488-4 (CR ou fiche de consultation ou de visite), not EXPPAT_3 (Directives anticipées), the type advance directives must have.`,
    );
    expect(() => setDirectives(db, who, 404)).toThrow(expect.objectContaining({ kind: 'not-found', message: 'There is no document 404 in this record.' }));
    const child = addPatient(db, { givenName: 'Léo', familyName: 'DUPONT', birthDate: '2015-06-02', sex: 'M', nir: null }, START);
    const childs = doc('EXPPAT_3', child.id);
    expect(() => setDirectives(db, who, childs)).toThrow(expect.objectContaining({ kind: 'not-found', message: `Document ${childs} belongs to another person of the record.` }));
    const mine = doc('EXPPAT_3');
    setDirectives(db, who, mine);
    expect(consentSummary(db, who.patientId).directives).toEqual({ documentId: mine });
  });

  it("hides only a minor's document from the legal representatives", async () => {
    const { db, who, doc } = await setup();
    const child = addPatient(db, { givenName: 'Léo', familyName: 'DUPONT', birthDate: '2015-06-02', sex: 'M', nir: null }, START);
    const childWho = { ...who, patientId: child.id };
    const d = doc('11488-4', child.id, 'child');
    setHiddenFromRepresentatives(db, childWho, d, true);
    expect(consentState(db, child.id).hiddenFromRepresentatives).toEqual([d]);
    const access = documentAccess(db, d, START, () => [{ kind: 'legal-representative' }]);
    expect(access.viewers[0]).toMatchObject({ canSee: false, reasons: [{ rule: 'hidden-from-representatives' }] });
    setHiddenFromRepresentatives(db, childWho, d, false);
    expect(documentAccess(db, d, START, () => [{ kind: 'legal-representative' }]).viewers[0]!.canSee).toBe(true);
    const adult = doc('11488-4');
    expect(() => setHiddenFromRepresentatives(db, who, adult, true)).toThrow(
      "Marie DUPONT (born 1980-01-15) is not a minor: only a minor's documents can be hidden from legal representatives.",
    );
  });

  it('counts a minor until the 18th birthday', () => {
    expect(isMinor('2008-11-27', '2026-11-26')).toBe(true);
    expect(isMinor('2008-11-26', '2026-11-26')).toBe(false);
    expect(isMinor('2008-02-29', '2026-02-28')).toBe(true);
    expect(isMinor('2008-02-29', '2026-03-01')).toBe(false);
  });

  it('states a donation position, always with the registry notice', async () => {
    const { db, who } = await setup();
    expect(consentSummary(db, who.patientId).donation).toEqual({ position: null, refuses: [], notice: DONATION_NOTICE });
    setDonation(db, who, 'refuse', parseDonationUses('autopsy, transplantation,autopsy'));
    expect(consentSummary(db, who.patientId).donation).toEqual({ position: 'refuse', refuses: ['transplantation', 'autopsy'], notice: DONATION_NOTICE });
    expect(DONATION_NOTICE).toContain('Registre national des refus');
    expect(DONATION_NOTICE).toContain('from age 13');
    expect(() => parseDonationUses('organs')).toThrow('"organs" is not a use of organs and tissues the registry lists.');
    expect(() => setDonation(db, who, 'refuse', [])).toThrow('A refusal must name what it refuses.');
  });

  it('summarises the consent for `summary`', async () => {
    const { db, who } = await setup();
    setGp(db, who, { rpps: GP, name: 'Dr Martin' });
    block(db, who, { rpps: OTHER });
    setTrustedPerson(db, who, { givenName: 'Jean', familyName: 'DUPONT', relation: 'frère', email: 'jean@Example.FR' });
    expect(consentSummary(db, who.patientId)).toEqual({
      gp: { rpps: GP, name: 'Dr Martin' },
      blocked: 1,
      emergency: 'allow',
      samu: 'allow',
      trustedPerson: { givenName: 'Jean', familyName: 'DUPONT', relation: 'frère', phone: null },
      donation: { position: null, refuses: [], notice: DONATION_NOTICE },
      directives: null,
    });
  });

  it('knows the professions by key, and refuses an unknown one listing them', () => {
    expect(parseProfession('Chirurgien-Dentiste')).toBe('chirurgien-dentiste');
    expect(() => parseProfession('plombier')).toThrow(expect.objectContaining({ kind: 'invalid', message: 'The profession "plombier" is not one dmp knows.', hint: expect.stringContaining('medecin, chirurgien-dentiste, sage-femme') }));
  });
});
