import type { Section } from '../reimbursements/sections.js';
import { PROFESSIONALS } from './places.js';
import type { Prng } from './prng.js';

/** One generated act, as a CSV row will say it (amounts in cents). */
export interface SeedAct {
  /** Index into the family (0 = the holder). */
  person: number;
  careDate: string;
  section: Section;
  label: string;
  code: string;
  quantity: number;
  professional: string;
  specialty: string;
  spentCents: number;
  baseCents: number;
  /** Percent. */
  rate: number;
  reimbursedCents: number;
  deductibleCents: number;
  complementaryCents: number | null;
  paymentDate: string;
  reference: string;
}

interface Template {
  section: Section;
  label: string;
  code: string;
  baseCents: number;
  rate: number;
  /** What the patient is charged over the base (dépassement), as a factor range. */
  overcharge?: [number, number];
  /** Withheld per act (participation forfaitaire, 200) or per unit (franchise, 50). */
  perAct?: number;
  perUnit?: number;
  maxQuantity?: number;
  who: keyof typeof PROFESSIONALS;
  weight: number;
}

/** Tariffs as the Assurance Maladie publishes them (rounded); the rule base x rate - deductible = reimbursed holds for every act. */
const TEMPLATES: readonly Template[] = [
  { section: 'pharmacy', label: 'DOLIPRANE 1000MG CPR 8', code: '3400935955838', baseCents: 218, rate: 65, perUnit: 50, maxQuantity: 3, who: 'pharmacy', weight: 8 },
  { section: 'pharmacy', label: 'AMOXICILLINE BIOGARAN 1G CPR 6', code: '3400936123518', baseCents: 411, rate: 65, perUnit: 50, maxQuantity: 2, who: 'pharmacy', weight: 4 },
  { section: 'pharmacy', label: 'VENTOLINE 100µG/DOSE SUSP INHAL', code: '3400930253571', baseCents: 357, rate: 65, perUnit: 50, who: 'pharmacy', weight: 2 },
  { section: 'pharmacy', label: 'SPASFON LYOC 80MG', code: '3400932807611', baseCents: 268, rate: 30, perUnit: 50, maxQuantity: 2, who: 'pharmacy', weight: 2 },
  { section: 'pharmacy', label: 'Lunettes : verres, monture "100 % Santé"', code: '2210230', baseCents: 3200, rate: 60, who: 'pharmacy', weight: 1 },
  { section: 'medical_dental', label: 'Consultation médecin généraliste', code: 'G', baseCents: 3000, rate: 70, perAct: 200, who: 'gp', weight: 10 },
  { section: 'medical_dental', label: 'Consultation pédiatre', code: 'G', baseCents: 3000, rate: 70, perAct: 200, who: 'paediatrician', weight: 3 },
  { section: 'medical_dental', label: 'Consultation spécialiste, secteur 2', code: 'APC', baseCents: 5600, rate: 70, overcharge: [1.1, 1.6], perAct: 200, who: 'specialist', weight: 3 },
  { section: 'medical_dental', label: 'Détartrage, deux séances', code: 'HBJD001', baseCents: 4338, rate: 70, who: 'dentist', weight: 2 },
  { section: 'medical_dental', label: 'Soins infirmiers; injection', code: 'AMI', baseCents: 315, rate: 60, perUnit: 50, maxQuantity: 4, who: 'nurse', weight: 2 },
  { section: 'medical_dental', label: 'Séance de kinésithérapie', code: 'AMK', baseCents: 1698, rate: 60, perUnit: 50, maxQuantity: 10, who: 'physio', weight: 2 },
  { section: 'radiology', label: 'Radiographie du thorax', code: 'ZBQK002', baseCents: 2128, rate: 70, perAct: 200, who: 'radiology', weight: 2 },
  { section: 'radiology', label: 'Échographie abdominale', code: 'ZCQM001', baseCents: 5670, rate: 70, perAct: 200, who: 'radiology', weight: 1 },
  { section: 'radiology', label: 'Mammographie de dépistage', code: 'QEQK004', baseCents: 6650, rate: 100, who: 'radiology', weight: 1 },
  { section: 'biology', label: 'Hémogramme (NFS)', code: '1104', baseCents: 756, rate: 60, perAct: 200, who: 'lab', weight: 3 },
  { section: 'biology', label: 'Glycémie à jeun', code: '0552', baseCents: 135, rate: 60, perAct: 200, who: 'lab', weight: 3 },
  { section: 'biology', label: 'Exploration d\'une anomalie lipidique', code: '0996', baseCents: 972, rate: 60, perAct: 200, who: 'lab', weight: 2 },
  { section: 'biology', label: 'TSH', code: '1208', baseCents: 783, rate: 60, perAct: 200, who: 'lab', weight: 2 },
  { section: 'hospitalization', label: 'Forfait journalier hospitalier', code: 'FJH', baseCents: 2000, rate: 0, maxQuantity: 5, who: 'hospital', weight: 1 },
  { section: 'hospitalization', label: 'Frais de séjour, chirurgie ambulatoire', code: 'GHS', baseCents: 124_350, rate: 80, who: 'hospital', weight: 1 },
];

export const BIOLOGY_CODES = { hemogram: '1104', glucose: '0552', lipids: '0996', tsh: '1208' } as const;

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Rounds a product of cents and basis points to the nearest cent, half up, in integers. */
const percentOf = (cents: number, percent: number) => Math.floor((cents * percent + 50) / 100);

/**
 * `count` acts spread over the `months` months before `today` (oldest first), for the people
 * of a family (`ages[i]` in years: a child sees the paediatrician, an adult the GP). Every act
 * obeys base x quantity x rate - deductible = reimbursed, and spent - reimbursed -
 * complementary >= 0.
 */
export function makeActs(rng: Prng, count: number, people: number, months: number, today: string, childIndexes: ReadonlySet<number> = new Set()): SeedAct[] {
  const span = Math.max(1, Math.round(months * 30.44));
  const acts: SeedAct[] = [];
  const weights = TEMPLATES.map((t) => [t, t.weight] as const);
  for (let i = 0; i < count; i++) {
    const person = rng.int(0, people - 1);
    let t = rng.weighted(weights);
    if (childIndexes.has(person) && t.who === 'gp' && rng.chance(0.7)) t = TEMPLATES.find((x) => x.who === 'paediatrician')!;
    if (!childIndexes.has(person) && t.who === 'paediatrician') t = TEMPLATES.find((x) => x.who === 'gp')!;
    const quantity = rng.int(1, t.maxQuantity ?? 1);
    const [professional, specialty] = rng.pick(PROFESSIONALS[t.who]);
    const base = t.baseCents * quantity;
    const spent = t.overcharge ? Math.round((base * rng.int(t.overcharge[0] * 100, t.overcharge[1] * 100)) / 100) : base;
    const gross = percentOf(base, t.rate);
    const deductible = Math.min(gross, (t.perAct ?? 0) + (t.perUnit ?? 0) * quantity);
    const reimbursed = gross - deductible;
    // A mutuelle pays the ticket modérateur (base - gross) on most acts; never the deductible.
    const complementary = rng.chance(0.8) ? base - gross : null;
    const careDate = addDays(today, -rng.int(0, span - 1));
    const paymentDate = addDays(careDate, rng.int(1, 20));
    acts.push({
      person,
      careDate,
      section: t.section,
      label: t.label,
      code: t.code,
      quantity,
      professional,
      specialty,
      spentCents: spent,
      baseCents: base,
      rate: t.rate,
      reimbursedCents: reimbursed,
      deductibleCents: deductible,
      complementaryCents: complementary,
      paymentDate: paymentDate > today ? today : paymentDate,
      reference: `${careDate.slice(2, 4)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}${String(i % 100).padStart(2, '0')}`,
    });
  }
  return acts.sort((a, b) => (a.careDate < b.careDate ? -1 : a.careDate > b.careDate ? 1 : 0));
}
