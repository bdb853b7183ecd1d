import { CATEGORIES, type CategoryKey } from '../documents/taxonomy.js';

export type Lang = 'fr' | 'en';

const FR = {
  title: 'Récapitulatif médical',
  born: 'né(e) le',
  sex: { F: 'femme', M: 'homme' },
  nir: 'NIR',
  allergies: 'ALLERGIES ET INTOLÉRANCES',
  noAllergy: 'Aucune allergie connue renseignée.',
  conditions: 'Pathologies en cours',
  medications: 'Traitement en cours',
  prescribed: 'prescrit',
  otc: 'sans ordonnance',
  labs: 'Derniers résultats biologiques',
  range: 'réf.',
  high: 'ÉLEVÉ',
  low: 'BAS',
  measurements: 'Dernières mesures',
  vaccinations: 'Vaccinations',
  documents: 'Derniers documents par catégorie',
  none: 'Rien de renseigné.',
  made: 'Établi le',
  by: 'par dmp, à partir des données saisies par le patient et des documents de son dossier.',
  severity: { mild: 'légère', moderate: 'modérée', severe: 'sévère' },
  since: 'depuis',
  dose: 'dose',
  years: 'ans',
};

const EN: typeof FR = {
  title: 'Medical summary',
  born: 'born',
  sex: { F: 'female', M: 'male' },
  nir: 'NIR',
  allergies: 'ALLERGIES AND INTOLERANCES',
  noAllergy: 'No known allergy entered.',
  conditions: 'Active conditions',
  medications: 'Current medication',
  prescribed: 'prescribed',
  otc: 'over the counter',
  labs: 'Latest lab results',
  range: 'ref.',
  high: 'HIGH',
  low: 'LOW',
  measurements: 'Latest measurements',
  vaccinations: 'Vaccinations',
  documents: 'Latest documents by category',
  none: 'Nothing entered.',
  made: 'Made on',
  by: "by dmp, from what the patient entered and the documents in their record.",
  severity: { mild: 'mild', moderate: 'moderate', severe: 'severe' },
  since: 'since',
  dose: 'dose',
  years: 'years',
};

export const LABELS: Record<Lang, typeof FR> = { fr: FR, en: EN };

export function categoryLabel(category: CategoryKey, lang: Lang): string {
  return lang === 'fr' ? CATEGORIES[category].label : CATEGORIES[category].labelEn;
}

/** 2026-03-14 as 14/03/2026 (fr) or 2026-03-14 (en). */
export function day(date: string, lang: Lang): string {
  return lang === 'fr' ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : date;
}
