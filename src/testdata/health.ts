import type { Kind } from '../health/types.js';
import type { RawEntry } from '../health/validate.js';
import { BIOLOGY_CODES } from './acts.js';
import type { Prng } from './prng.js';

/** A health entry to add, and (for labs) the code of the biology act it reports on. */
export interface SeedHealth {
  kind: Kind;
  raw: RawEntry;
  /** The biology act's code; the lab is linked to an act of that code on that day. */
  actCode?: string;
}

/** What each biology act measured: analyte, LOINC, UCUM unit, reference range, a typical value spread. */
const LAB_OF_ACT: Record<string, { analyte: string; loinc: string; unit: string; low: string; high: string; min: number; max: number; decimals: number }> = {
  [BIOLOGY_CODES.glucose]: { analyte: 'Glycémie à jeun', loinc: '2345-7', unit: 'g/L', low: '0.70', high: '1.10', min: 65, max: 130, decimals: 2 },
  [BIOLOGY_CODES.tsh]: { analyte: 'TSH', loinc: '3016-3', unit: 'm[IU]/L', low: '0.40', high: '4.00', min: 20, max: 520, decimals: 2 },
  [BIOLOGY_CODES.hemogram]: { analyte: 'Hémoglobine', loinc: '718-7', unit: 'g/dL', low: '12.0', high: '16.0', min: 110, max: 170, decimals: 1 },
  [BIOLOGY_CODES.lipids]: { analyte: 'Cholestérol total', loinc: '2093-3', unit: 'g/L', low: '1.50', high: '2.00', min: 140, max: 260, decimals: 2 },
};

/** The lab result of one biology act (most biology acts get one; the others stay "without results"). */
export function labFor(rng: Prng, code: string, date: string): SeedHealth | undefined {
  const lab = LAB_OF_ACT[code];
  if (!lab) return undefined;
  const raw = rng.int(lab.min, lab.max);
  const value = lab.decimals === 2 ? (raw / 100).toFixed(2) : (raw / 10).toFixed(1);
  return { kind: 'lab', actCode: code, raw: { name: lab.analyte, value, unit: lab.unit, low: lab.low, high: lab.high, loinc: lab.loinc, date, lab: 'Laboratoire Cerballiance' } };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Allergies, conditions, medication, measurements and vaccinations of one person. */
export function personalHealth(rng: Prng, birthDate: string, today: string, adult: boolean): SeedHealth[] {
  const year = Number(today.slice(0, 4));
  const day = (y: number) => `${y}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
  const past = (yearsBack: number) => {
    const d = day(year - rng.int(1, yearsBack));
    return d < birthDate ? birthDate : d;
  };
  const out: SeedHealth[] = [];
  if (rng.chance(0.5)) out.push({ kind: 'allergy', raw: { name: rng.pick(['Pénicilline', 'Pollen de graminées', 'Arachide', 'Acariens']), reaction: rng.pick(['urticaire', 'rhinite', 'œdème des lèvres']), severity: rng.pick(['mild', 'moderate', 'severe']), since: past(10) } });
  if (rng.chance(0.4)) out.push({ kind: 'condition', raw: { name: rng.pick(['Asthme', 'Eczéma atopique', 'Hypothyroïdie']), status: 'active', since: past(15) } });
  if (adult && rng.chance(0.3)) out.push({ kind: 'condition', raw: { name: 'Entorse de la cheville', status: 'resolved', since: past(5) } });
  out.push({ kind: 'medication', raw: { name: rng.pick(['Ventoline 100 µg', 'Lévothyrox 50 µg', 'Doliprane 1000 mg']), dose: rng.pick(['1 par jour', 'si besoin', '2 bouffées si besoin']), origin: rng.pick(['prescribed', 'otc']), since: past(3) } });
  for (let i = 0; i < 3; i++) {
    const date = past(2);
    out.push({ kind: 'measurement', raw: { name: 'weight', value: adult ? `${rng.int(52, 95)}.${rng.int(0, 9)}` : `${rng.int(12, 45)}.${rng.int(0, 9)}`, unit: 'kg', date } });
    if (adult) out.push({ kind: 'measurement', raw: { name: 'blood-pressure', value: `${rng.int(105, 150)}/${rng.int(62, 95)}`, unit: 'mm[Hg]', date } });
  }
  out.push({ kind: 'measurement', raw: { name: 'height', value: String(adult ? rng.int(155, 192) : rng.int(90, 150)), unit: 'cm', date: past(1) } });
  out.push({ kind: 'vaccination', raw: { name: rng.pick(['DTCaPolio', 'Grippe saisonnière', 'ROR']), date: past(4), lot: `L${rng.int(10000, 99999)}`, doseNumber: String(rng.int(1, 3)) } });
  return out.filter((e) => (e.raw.since ?? e.raw.date ?? birthDate) >= birthDate);
}
