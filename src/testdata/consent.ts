import { addContact, block, type Who, grantGpRights, setAccess, setDirectives, setDonation, setGp, setTrustedPerson } from '../consent/consent.js';
import { luhnValid } from '../consent/rpps.js';
import type { Db } from '../store/database.js';
import { FAMILY_NAMES, GIVEN_NAMES } from './places.js';
import type { Prng } from './prng.js';

/** An 11-digit RPPS number starting with 10 (as real ones do), its last digit the Luhn key. */
export function makeRpps(rng: Prng): string {
  const body = `10${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('no Luhn digit');
}

const mobile = (rng: Prng) => `+336${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

/**
 * The holder's consent choices, through the consent area's own functions: a médecin traitant,
 * sometimes a blocked professional and another with GP rights, emergency and SAMU settings, a
 * trusted person, people to warn, a donation position, and the advance directives when a
 * document of that type exists.
 */
export function seedConsent(db: Db, rng: Prng, who: Who, directivesDocument: number | undefined): number {
  let changes = 0;
  const done = (o: { changed: boolean }) => void (o.changed && changes++);
  done(setGp(db, who, { rpps: makeRpps(rng), name: rng.pick(['Dr Anne LEMAIRE', 'Dr Karim BENALI', 'Dr Sophie CARON']), profession: 'medecin' }));
  if (rng.chance(0.6)) done(block(db, who, { rpps: makeRpps(rng), name: 'Dr Marc VIDAL', profession: 'medecin' }));
  if (rng.chance(0.5)) done(grantGpRights(db, who, { rpps: makeRpps(rng), name: 'Dr Hélène ROCHE', profession: 'medecin' }));
  if (rng.chance(0.3)) done(setAccess(db, who, 'samu', 'oppose'));
  if (rng.chance(0.15)) done(setAccess(db, who, 'emergency', 'oppose'));
  const person = (relation: string) => ({
    givenName: rng.pick(rng.chance(0.5) ? GIVEN_NAMES.F : GIVEN_NAMES.M),
    familyName: rng.pick(FAMILY_NAMES),
    relation,
    phone: mobile(rng),
  });
  done(setTrustedPerson(db, who, person(rng.pick(['sœur', 'frère', 'conjoint', 'amie']))));
  for (let i = rng.int(1, 2); i > 0; i--) done(addContact(db, who, person(rng.pick(['voisin', 'mère', 'père', 'collègue'])), who.newUuid!()));
  done(rng.chance(0.8) ? setDonation(db, who, 'no-objection') : setDonation(db, who, 'refuse', ['research', 'autopsy']));
  if (directivesDocument !== undefined) done(setDirectives(db, who, directivesDocument));
  return changes;
}
