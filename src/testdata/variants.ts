import { addMonths } from '../util/dates.js';
import { makeActs, type SeedAct } from './acts.js';
import { CELL, type CsvStyle, DEFAULT_STYLE, defaultCells, renderCsv } from './csv-format.js';
import type { SeedPerson } from './people.js';
import type { Prng } from './prng.js';

import { type Variant } from './variant-names.js';

export { type Variant, VARIANTS } from './variant-names.js';

export const VARIANT_DESCRIPTIONS: Record<Variant, string> = {
  bom: 'UTF-8 with a byte-order mark, ";" and CRLF (French Excel "CSV UTF-8")',
  cp1252: 'Windows-1252 (accents, €, µ as single bytes), ";" and CRLF',
  comma: '"," as delimiter, so every amount is quoted; LF line ends',
  tab: 'tab-separated, ISO dates and dot decimals',
  preamble: 'title lines and a blank line before a header in capitals, without accents, columns reordered',
  nbsp: 'amounts like "1 234,56 €" grouped by no-break and narrow no-break spaces, rates as "70 %"',
  overlap: 'two exports whose periods overlap: the second adds only its new acts',
  twins: 'identical rows in one file (two boxes bought the same day): every one is an act',
  invalid: 'a few bad rows (future date, rate over 100, an amount in words, payment before care, quantity 0): refused whole, or imported without them',
  family: 'a Bénéficiaire column naming the holder and the children, in either order and any case',
};

/** What importing one file into a record holding `people` must report (in the order listed). */
export interface ExpectedFile {
  file: string;
  /** Import with skip-invalid (the invalid variant lists the file twice: without, then with). */
  skipInvalid: boolean;
  status: 'imported' | 'rejected';
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  outsideWindow: number;
  /** Physical lines of the rejected rows. */
  rejectedLines: number[];
}

export interface Totals {
  count: number;
  spentCents: number;
  reimbursedCents: number;
  deductibleCents: number;
  complementaryCents: number;
}

export interface ExpectedVariant {
  variant: Variant;
  description: string;
  /** Import these, in order, into a new record holding `people` (the first is the holder). */
  imports: ExpectedFile[];
  /** The record's acts afterwards, per person index (0 = the holder), with every act in the record. */
  totals: Totals[];
}

export interface GeneratedFile {
  name: string;
  bytes: Buffer;
}

function totalsOf(acts: readonly SeedAct[], people: number): Totals[] {
  const t = Array.from({ length: people }, () => ({ count: 0, spentCents: 0, reimbursedCents: 0, deductibleCents: 0, complementaryCents: 0 }));
  for (const a of acts) {
    const p = t[a.person]!;
    p.count++;
    p.spentCents += a.spentCents;
    p.reimbursedCents += a.reimbursedCents;
    p.deductibleCents += a.deductibleCents;
    p.complementaryCents += a.complementaryCents ?? 0;
  }
  return t;
}

interface Built {
  files: GeneratedFile[];
  imports: ExpectedFile[];
  acts: SeedAct[];
}

/** One variant: its files, what each import reports, the acts that end up in the record. */
function build(variant: Variant, rng: Prng, people: readonly SeedPerson[], count: number, months: number, today: string): Built {
  const windowStart = addMonths(today, -24);
  const headerLine = (style: CsvStyle) => style.preamble.length + 1;
  const outside = (acts: readonly SeedAct[]) => acts.filter((a) => a.careDate < windowStart).length;
  const file = (name: string, acts: SeedAct[], style: CsvStyle): { f: GeneratedFile; e: ExpectedFile } => ({
    f: { name, bytes: renderCsv(acts, style) },
    e: { file: name, skipInvalid: false, status: 'imported', rows: acts.length, inserted: acts.length, duplicates: 0, rejected: 0, outsideWindow: outside(acts), rejectedLines: [] },
  });
  const holderOnly = makeActs(rng, count, 1, months, today);
  const single = (style: Partial<CsvStyle>): Built => {
    const { f, e } = file(`ameli-${variant}.csv`, holderOnly, { ...DEFAULT_STYLE, ...style });
    return { files: [f], imports: [e], acts: holderOnly };
  };
  switch (variant) {
    case 'bom': return single({ encoding: 'utf8-bom' });
    case 'cp1252': return single({ encoding: 'win1252' });
    case 'comma': return single({ delimiter: ',', eol: '\n' });
    case 'tab': return single({ delimiter: '\t', dates: 'iso', amounts: 'dot' });
    case 'preamble': return single({ oddHeaders: true, preamble: ['Relevé de vos remboursements', `Période du ${addMonths(today, -months)} au ${today};;`, ''] });
    case 'nbsp': return single({ amounts: 'euro' });
    case 'twins': {
      const twins = holderOnly.flatMap((a, i) => (i % 5 === 0 ? [a, { ...a }] : [a]));
      const { f, e } = file(`ameli-${variant}.csv`, twins, DEFAULT_STYLE);
      return { files: [f], imports: [e], acts: twins };
    }
    case 'overlap': {
      const cut1 = Math.ceil(holderOnly.length * 0.6);
      const cut2 = Math.floor(holderOnly.length * 0.4);
      const first = file('ameli-overlap-1.csv', holderOnly.slice(0, cut1), DEFAULT_STYLE);
      const second = file('ameli-overlap-2.csv', holderOnly.slice(cut2), { ...DEFAULT_STYLE, encoding: 'utf8-bom' });
      second.e.inserted = holderOnly.length - cut1;
      second.e.duplicates = cut1 - cut2;
      return { files: [first.f, second.f], imports: [first.e, second.e], acts: holderOnly };
    }
    case 'family': {
      const acts = makeActs(rng, count, people.length, months, today, new Set(people.map((_, i) => i).filter((i) => i > 0)));
      const names = people.map((p, i) => (i % 2 === 0 ? `${p.givenName} ${p.familyName}` : `${p.familyName.toLowerCase()} ${p.givenName}`));
      const { f, e } = file(`ameli-${variant}.csv`, acts, { ...DEFAULT_STYLE, beneficiaries: names });
      return { files: [f], imports: [e], acts };
    }
    case 'invalid': return invalid(holderOnly, today, headerLine(DEFAULT_STYLE), outside);
  }
}

/** Spoils every seventh row in one of five ways the importer must refuse. */
function invalid(acts: SeedAct[], today: string, header: number, outside: (a: readonly SeedAct[]) => number): Built {
  const rows: string[][] = [];
  const good: SeedAct[] = [];
  const bad: number[] = [];
  const spoil: ((c: string[]) => void)[] = [
    (c) => (c[CELL['Date des soins']!] = `${today.slice(8, 10)}/${today.slice(5, 7)}/${Number(today.slice(0, 4)) + 1}`),
    (c) => (c[CELL.Taux!] = '120'),
    (c) => (c[CELL['Dépense']!] = 'douze euros'),
    (c) => (c[CELL['Date de remboursement']!] = '01/01/1990'),
    (c) => (c[CELL['Quantité']!] = '0'),
  ];
  acts.forEach((a, i) => {
    const cells = defaultCells(a);
    if (i % 7 === 3) {
      spoil[bad.length % spoil.length]!(cells);
      bad.push(header + 1 + i);
    } else good.push(a);
    rows.push(cells);
  });
  const bytes = renderCsv(rows, DEFAULT_STYLE);
  const name = 'ameli-invalid.csv';
  const base = { file: name, rows: acts.length, rejected: bad.length, outsideWindow: outside(good), rejectedLines: bad, duplicates: 0 };
  return {
    files: [{ name, bytes }],
    imports: [
      { ...base, skipInvalid: false, status: 'rejected', inserted: 0 },
      { ...base, skipInvalid: true, status: 'imported', inserted: good.length },
    ],
    acts: good,
  };
}

export interface CsvSet {
  files: GeneratedFile[];
  expected: ExpectedVariant[];
}

/** The files of the chosen variants, each drawn from its own generator (one variant's content does not depend on the others chosen). */
export function makeCsvSet(rng: Prng, variants: readonly Variant[], people: readonly SeedPerson[], count: number, months: number, today: string): CsvSet {
  const files: GeneratedFile[] = [];
  const expected: ExpectedVariant[] = [];
  for (const variant of variants) {
    const built = build(variant, rng.fork(variant), people, count, months, today);
    files.push(...built.files);
    expected.push({ variant, description: VARIANT_DESCRIPTIONS[variant], imports: built.imports, totals: totalsOf(built.acts, variant === 'family' ? people.length : 1) });
  }
  return { files, expected };
}
