import { DmpError, usageError } from '../errors.js';
import { fold } from '../util/fold.js';

/**
 * The DMP's document categories and sub-types (shared/reference/dmp-document-types.md): the
 * national typeCode (JDV_J07-XdsTypeCode-CISIS) is what the record stores.
 */
export const CATEGORIES = {
  syntheses: { label: 'Synthèses', labelEn: 'Summaries' },
  treatments: { label: 'Traitements et soins', labelEn: 'Treatments and care' },
  reports: { label: 'Comptes-rendus', labelEn: 'Reports' },
  imaging: { label: 'Imagerie médicale', labelEn: 'Medical imaging' },
  biology: { label: 'Biologie', labelEn: 'Biology' },
  prevention: { label: 'Prévention', labelEn: 'Prevention' },
  // The patient's own documents (EXPPAT_*) sit outside the six professional categories.
  patient: { label: 'Documents du patient', labelEn: "Patient's own documents" },
} as const;

export type CategoryKey = keyof typeof CATEGORIES;

export interface DocumentType {
  code: string;
  category: CategoryKey;
  label: string;
  labelEn: string;
  slug: string;
}

const t = (category: CategoryKey, code: string, slug: string, label: string, labelEn: string): DocumentType => ({
  code,
  category,
  label,
  labelEn,
  slug,
});

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  t('syntheses', 'SYNTH', 'synthese', 'Synthèse', 'Synthesis'),
  t('syntheses', '34133-9', 'synthese-episode', "Synthèse d'épisode de soins", 'Summary of episode of care'),
  t('treatments', '11506-3', 'suivi-auxiliaire', 'CR ou fiche de suivi de soins par auxiliaire médical', 'Care follow-up by medical auxiliary'),
  t('treatments', '60593-1', 'dispensation-medicaments', 'Dispensation médicamenteuse', 'Drug dispensing'),
  t('treatments', 'DISP_AUT', 'dispensation-autre', 'Dispensation autre', 'Other dispensing'),
  t('treatments', '18776-5', 'plan-soins', 'Plan personnalisé de soins', 'Personalised care plan'),
  t('treatments', '57833-6', 'prescription-medicaments', 'Prescription de médicaments', 'Prescription of drugs'),
  t('treatments', '57832-8', 'prescription-soins', 'Prescription de soins', 'Prescription of care'),
  t('treatments', '57828-6', 'prescription-autre', 'Prescription autre', 'Other prescription'),
  t('treatments', 'PROT_ALD', 'protocole-ald', 'Protocole de soins ALD', 'Long-term condition care protocol'),
  t('reports', '15508-5', 'cr-accouchement', "CR d'accouchement", 'Delivery report'),
  t('reports', '70004-7', 'cr-acte-diagnostique', "CR d'acte diagnostique", 'Diagnostic procedure report'),
  t('reports', '11505-5', 'cr-acte-therapeutique', "CR d'acte thérapeutique", 'Therapeutic procedure report'),
  t('reports', '67851-6', 'cr-admission', "CR d'admission", 'Admission report'),
  t('reports', '77436-4', 'cr-anesthesie', "CR d'anesthésie", 'Anaesthesia report'),
  t('reports', 'BIL_AUTO', 'bilan-autonomie', "CR de bilan d'évaluation de la perte d'autonomie", 'Loss-of-autonomy assessment'),
  t('reports', '47420-5', 'bilan-fonctionnel', 'CR de bilan fonctionnel par auxiliaire médical', 'Functional assessment by medical auxiliary'),
  t('reports', '34749-2', 'consultation-preanesthesique', 'CR de consultation pré-anesthésique', 'Pre-anaesthetic consultation report'),
  t('reports', '15507-7', 'cr-urgences', 'CR de passage aux urgences', 'Emergency department report'),
  t('reports', '34794-8', 'cr-rcp', 'CR de réunion de concertation pluridisciplinaire', 'Tumour board report'),
  t('reports', '85208-7', 'cr-telemedecine', 'CR de télé-médecine', 'Telemedicine report'),
  t('reports', '34112-3', 'cr-sejour', 'CR séjour hospitalier', 'Hospital stay report'),
  t('reports', '34874-8', 'cr-operatoire', 'CR opératoire', 'Operative report'),
  t('reports', '11488-4', 'cr-consultation', 'CR ou fiche de consultation ou de visite', 'Consultation or visit report'),
  t('reports', '11490-0', 'lettre-liaison', "Lettre de liaison à la sortie d'un établissement de soins", 'Discharge liaison letter'),
  t('imaging', '18748-4', 'cr-imagerie', "CR d'imagerie médicale", 'Imaging report'),
  t('imaging', '52040-3', 'image-illustration', "Document encapsulant une image d'illustration non DICOM", 'Non-DICOM illustration image'),
  t('biology', '60568-3', 'cr-anapath', "CR d'anatomie et de cytologie pathologiques", 'Pathology report'),
  t('biology', '11502-2', 'cr-biologie', "CR d'examens biologiques", 'Laboratory report'),
  t('prevention', '75492-9', 'cr-depistage', "CR d'acte diagnostique à visée préventive ou de dépistage", 'Preventive / screening diagnostic report'),
  t('prevention', '75482-0', 'cr-therapeutique-preventif', "CR d'acte thérapeutique à visée préventive", 'Preventive therapeutic report'),
  t('patient', 'EXPPAT_1', 'volontes-droits', 'Volontés et droits du patient', "Patient's wishes and rights"),
  t('patient', 'EXPPAT_2', 'document-patient', 'Autre document du patient', "Other patient's document"),
  t('patient', 'EXPPAT_3', 'directives-anticipees', 'Directives anticipées', 'Advance directives'),
];

/** Codes used before 2017-10-13, read as today's sub-type. */
export const LEGACY_CODES: Readonly<Record<string, string>> = {
  '11528-7': '18748-4',
  '29551-9': '57833-6',
  '11526-1': '60568-3',
  '27899-4': '70004-7',
  '24611-6': '85208-7',
  '11493-4': '34112-3',
  '10213-7': '77436-4',
};

const BY_CODE = new Map(DOCUMENT_TYPES.map((d) => [d.code.toLowerCase(), d]));
const BY_SLUG = new Map(DOCUMENT_TYPES.map((d) => [d.slug, d]));

export function isCategory(key: string): key is CategoryKey {
  return Object.hasOwn(CATEGORIES, key);
}

/** The category KEY, or a usage error listing the keys. */
export function parseCategory(key: string): CategoryKey {
  const k = key.trim().toLowerCase();
  if (isCategory(k)) return k;
  throw usageError(`"${key}" is not a document category.`, `Use one of: ${Object.keys(CATEGORIES).join(', ')}.`);
}

export function typesIn(category?: CategoryKey): DocumentType[] {
  return DOCUMENT_TYPES.filter((d) => !category || d.category === category);
}

/** The sub-type a code (today's or pre-2017) or a slug names, or undefined. */
export function findType(ref: string): DocumentType | undefined {
  const r = ref.trim().toLowerCase();
  // hasOwn: a plain-object lookup of `constructor` or `__proto__` would find Object's own members.
  const code = Object.hasOwn(LEGACY_CODES, r) ? LEGACY_CODES[r]! : r;
  return BY_CODE.get(code.toLowerCase()) ?? BY_SLUG.get(r);
}

/** Like findType, but an unknown reference is a usage error naming the closest sub-types. */
export function resolveType(ref: string): DocumentType {
  const found = findType(ref);
  if (found) return found;
  const close = closestTypes(ref, 3);
  // The suggestions travel as data; the CLI words them into the hint.
  throw new DmpError('usage', `"${ref}" is not a document type.`, undefined, {
    field: 'type',
    value: ref,
    rule: 'unknown',
    suggestions: close.map((d) => `${d.slug} (${d.code}, ${d.label})`),
  });
}

/** The sub-types nearest to `ref` by edit distance on slug, code and folded label. */
export function closestTypes(ref: string, count: number): DocumentType[] {
  const q = fold(ref).replace(/ /g, '-');
  const scored = DOCUMENT_TYPES.map((d) => {
    const names = [d.slug, d.code.toLowerCase(), fold(d.label).replace(/ /g, '-'), fold(d.labelEn).replace(/ /g, '-')];
    const best = Math.min(...names.map((n) => (n.includes(q) && q.length >= 3 ? 0.5 : distance(q, n) / Math.max(n.length, 1))));
    return { d, best };
  });
  return scored
    .filter((s) => s.best <= 0.5)
    .sort((a, b) => a.best - b.best)
    .slice(0, count)
    .map((s) => s.d);
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
