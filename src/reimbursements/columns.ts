import { fold } from '../util/fold.js';

/** The fields of one reimbursed act, as the CSV format page names them. */
export const FIELDS = [
  'careDate', 'beneficiary', 'section', 'label', 'code', 'quantity', 'professional', 'specialty',
  'spent', 'base', 'rate', 'reimbursed', 'deductible', 'complementary', 'paymentDate', 'reference',
] as const;
export type Field = (typeof FIELDS)[number];

export const REQUIRED: readonly Field[] = ['careDate', 'section', 'label', 'spent', 'reimbursed'];

/** Header names seen in the wild for each field (matched after folding). The first is the canonical one. */
export const HEADER_NAMES: Record<Field, string[]> = {
  careDate: ['Date des soins', 'Date de soins', 'Date'],
  beneficiary: ['Bénéficiaire', 'Beneficiaire'],
  section: ['Rubrique', 'Catégorie', 'Type de soins'],
  label: ["Nature de l'acte", 'Libellé', 'Prestation', 'Acte'],
  code: ['Code acte', 'Code'],
  quantity: ['Quantité', 'Qté', 'Nombre'],
  professional: ['Professionnel de santé', 'Praticien', 'Professionnel', 'Établissement'],
  specialty: ['Spécialité'],
  spent: ['Dépense', 'Montant payé', 'Montant dépensé', 'Montant'],
  base: ['Base de remboursement', 'Base'],
  rate: ['Taux', 'Taux de remboursement'],
  reimbursed: ['Montant remboursé', 'Remboursement Assurance Maladie', 'Remboursé'],
  deductible: ['Participation forfaitaire / franchise', 'Participation forfaitaire', 'Franchise'],
  complementary: ['Part complémentaire', 'Remboursement complémentaire', 'Mutuelle'],
  paymentDate: ['Date de remboursement', 'Date de paiement', 'Payé le'],
  reference: ['N° de décompte', 'Numéro de décompte', 'Référence'],
};

const FIELD_BY_NAME = new Map<string, Field>();
for (const field of FIELDS) for (const name of HEADER_NAMES[field]) FIELD_BY_NAME.set(fold(name), field);

/** Where each field sits in a header row, and what the header row leaves out or adds. */
export interface HeaderMap {
  /** Column index of each field present. */
  index: Partial<Record<Field, number>>;
  /** The header cell as written, per column (for error messages). */
  names: string[];
  missing: Field[];
  /** Columns no field claims (ignored, reported once). */
  unknown: string[];
  /** A field named by two columns (which one holds the value?): the first two, as column indexes. */
  duplicates: { field: Field; columns: [number, number] }[];
}

export function matchHeader(cells: string[]): HeaderMap {
  const index: Partial<Record<Field, number>> = {};
  const unknown: string[] = [];
  const duplicates: HeaderMap['duplicates'] = [];
  cells.forEach((cell, i) => {
    const field = FIELD_BY_NAME.get(fold(cell));
    if (field && index[field] === undefined) index[field] = i;
    else if (field) {
      if (!duplicates.some((d) => d.field === field)) duplicates.push({ field, columns: [index[field]!, i] });
    } else if (cell.trim() !== '') unknown.push(cell.trim());
  });
  return { index, names: cells.map((c) => c.trim()), missing: REQUIRED.filter((f) => index[f] === undefined), unknown, duplicates };
}

/** How many header names a line's cells match (to pick the best candidate when none is complete). */
export function matchCount(cells: string[]): number {
  return cells.filter((c) => FIELD_BY_NAME.has(fold(c))).length;
}
