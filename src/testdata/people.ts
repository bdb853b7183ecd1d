import type { Identity } from '../profile/identity.js';
import { nirKey } from '../profile/nir.js';
import { addMonths } from '../util/dates.js';
import { FAMILY_NAMES, GIVEN_NAMES, STREETS, type Town, TOWNS } from './places.js';
import type { Prng } from './prng.js';

export interface SeedPerson extends Identity {
  nir: string;
  /** Where they live (the family shares it). */
  address: string;
  town: Town;
  phone: string;
  email: string;
}

/** A valid NIR for this person: sex, year and month of birth, a real birthplace, its key. */
export function makeNir(rng: Prng, sex: 'F' | 'M', birthDate: string, birthplace: Town): string {
  const first13 = `${sex === 'M' ? '1' : '2'}${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthplace.insee}${String(rng.int(1, 999)).padStart(3, '0')}`;
  return first13 + String(nirKey(first13)).padStart(2, '0');
}

function day(rng: Prng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + rng.int(0, Math.floor((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

function asciiLower(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '');
}

/** The holder (30 to 55 years old) and `children` minor children, sharing the family name and address. */
export function makeFamily(rng: Prng, children: number, today: string): SeedPerson[] {
  const family = rng.pick(FAMILY_NAMES);
  const town = rng.pick(TOWNS);
  const address = `${rng.int(1, 120)} ${rng.pick(STREETS)}`;
  const holderSex = rng.pick(['F', 'M'] as const);
  const holderBirth = day(rng, addMonths(today, -55 * 12), addMonths(today, -30 * 12));
  const people: SeedPerson[] = [];
  const used = new Set<string>();
  const person = (sex: 'F' | 'M', birthDate: string): SeedPerson => {
    let given: string;
    do given = rng.pick(GIVEN_NAMES[sex]);
    while (used.has(given));
    used.add(given);
    const mobile = `+336${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    return {
      givenName: given,
      familyName: family,
      birthDate,
      sex,
      nir: makeNir(rng, sex, birthDate, rng.pick(TOWNS)),
      address,
      town,
      phone: mobile,
      email: `${asciiLower(given)}.${asciiLower(family)}@example.fr`,
    };
  };
  people.push(person(holderSex, holderBirth));
  // Minors (a parent's record holds the children's), born once the holder was 20, about two years apart.
  const adultAt20 = addMonths(holderBirth, 20 * 12);
  const seventeenAgo = addMonths(today, -17 * 12);
  const firstChild = adultAt20 > seventeenAgo ? adultAt20 : seventeenAgo;
  for (let i = 0; i < children; i++) {
    const from = addMonths(firstChild, i * 24);
    const to = addMonths(from, 23);
    const last = addMonths(today, -1);
    people.push(person(rng.pick(['F', 'M'] as const), day(rng, from < last ? from : last, to < last ? to : last)));
  }
  return people;
}
