import { fold } from '../util/fold.js';

/** The five sections of payer data, in the order the DMP shows them. */
export const SECTIONS = ['pharmacy', 'hospitalization', 'medical_dental', 'radiology', 'biology'] as const;
export type Section = (typeof SECTIONS)[number];

/** How each section is written in files (French labels as the DMP shows them) and in English. */
export const SECTION_LABELS: Record<Section, string> = {
  pharmacy: 'Pharmacie / fournitures',
  hospitalization: 'Hospitalisation',
  medical_dental: 'Soins médicaux et dentaires',
  radiology: 'Radiologie',
  biology: 'Biologie',
};

/** A section's label; a value that is no section (a table edited behind dmp's back) as it is. */
export const sectionLabel = (section: string): string => (Object.hasOwn(SECTION_LABELS, section) ? SECTION_LABELS[section as Section] : section);

const SYNONYMS: Record<Section, string[]> = {
  pharmacy: [SECTION_LABELS.pharmacy, 'Pharmacie', 'pharmacy'],
  hospitalization: [SECTION_LABELS.hospitalization, 'hospitalization'],
  medical_dental: [SECTION_LABELS.medical_dental, 'medical_dental'],
  radiology: [SECTION_LABELS.radiology, 'radiology'],
  biology: [SECTION_LABELS.biology, 'biology'],
};

const BY_FOLDED = new Map<string, Section>();
for (const key of SECTIONS) for (const label of SYNONYMS[key]) BY_FOLDED.set(fold(label), key);

/**
 * The section a cell names, matched like headers (case, accents, spacing, `/` vs `-`), or
 * undefined. Exports repeat the same few labels, so the folded form is cached per raw text.
 */
const cache = new Map<string, Section | undefined>();
export function matchSection(text: string): Section | undefined {
  if (cache.has(text)) return cache.get(text);
  const found = BY_FOLDED.get(fold(text));
  if (cache.size < 1000) cache.set(text, found);
  return found;
}

