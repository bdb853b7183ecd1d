import { makeFamily, type SeedPerson } from './people.js';
import { Prng } from './prng.js';
import { type ExpectedVariant, type GeneratedFile, makeCsvSet, type Variant } from './variants.js';

export interface CsvSeedOptions {
  seed: number;
  /** YYYY-MM-DD: acts end on this day. */
  today: string;
  months: number;
  /** Acts per variant. */
  reimbursements: number;
  children: number;
  variants: readonly Variant[];
}

/** expected.json: what importing each variant's files must give. */
export interface ExpectedJson {
  formatVersion: 1;
  seed: number;
  today: string;
  months: number;
  /** The people the record must hold before importing (the first is the holder). */
  people: Pick<SeedPerson, 'givenName' | 'familyName' | 'birthDate' | 'sex' | 'nir'>[];
  variants: ExpectedVariant[];
}

/** The AMELI-style files of `dmp seed --csv-out` and their expected.json, from one seeded generator. */
export function seedCsvFiles(o: CsvSeedOptions): { files: GeneratedFile[]; expected: ExpectedJson } {
  const rng = new Prng(o.seed);
  const people = makeFamily(rng.fork('people'), o.children, o.today);
  const set = makeCsvSet(rng.fork('csv'), o.variants, people, o.reimbursements, o.months, o.today);
  const expected: ExpectedJson = {
    formatVersion: 1,
    seed: o.seed,
    today: o.today,
    months: o.months,
    people: people.map(({ givenName, familyName, birthDate, sex, nir }) => ({ givenName, familyName, birthDate, sex, nir })),
    variants: set.expected,
  };
  const json = Buffer.from(`${JSON.stringify(expected, null, 2)}\n`, 'utf8');
  return { files: [...set.files, { name: 'expected.json', bytes: json }], expected };
}
