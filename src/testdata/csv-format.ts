import iconv from 'iconv-lite';
import { SECTION_LABELS } from '../reimbursements/sections.js';
import type { SeedAct } from './acts.js';

/** How one file is written: the quirks of the exporters the format page lists. */
export interface CsvStyle {
  delimiter: ';' | ',' | '\t';
  eol: '\r\n' | '\n';
  encoding: 'utf8' | 'utf8-bom' | 'win1252';
  dates: 'fr' | 'iso';
  /** `plain` 1234,56; `euro` 1 234,56 € (no-break spaces); `dot` 1234.56 (tab or ; files only). */
  amounts: 'plain' | 'euro' | 'dot';
  /** Lines before the header. */
  preamble: string[];
  /** Header names in another spelling (upper case, no accents) and order. */
  oddHeaders: boolean;
  /** A Bénéficiaire column with these names, by person index. */
  beneficiaries?: readonly string[];
}

export const DEFAULT_STYLE: CsvStyle = { delimiter: ';', eol: '\r\n', encoding: 'utf8', dates: 'fr', amounts: 'plain', preamble: [], oddHeaders: false };

type Column = [header: string, odd: string, cell: (a: SeedAct, s: CsvStyle) => string];

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const date = (iso: string, s: CsvStyle) => (s.dates === 'fr' ? frDate(iso) : iso);

/** Cents in French: 1234,56, or with `euro`, "1 234,56 €" grouped by no-break (and narrow no-break) spaces. */
export function formatAmount(cents: number, style: CsvStyle['amounts'], narrow = false): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100));
  const dec = String(abs % 100).padStart(2, '0');
  if (style === 'dot') return `${sign}${units}.${dec}`;
  if (style === 'plain') return `${sign}${units},${dec}`;
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, narrow ? '\u202f' : '\u00a0');
  return `${sign}${grouped},${dec}\u00a0€`;
}

const money = (cents: number | null, s: CsvStyle, a: SeedAct) => (cents === null ? '' : formatAmount(cents, s.amounts, s.amounts === 'euro' && a.reference.endsWith('7')));

const COLUMNS: readonly Column[] = [
  ['Date des soins', 'DATE DE SOINS', (a, s) => date(a.careDate, s)],
  ['Rubrique', 'Categorie', (a) => SECTION_LABELS[a.section]],
  ["Nature de l'acte", 'LIBELLE', (a) => a.label],
  ['Code acte', 'Code', (a) => a.code],
  ['Quantité', 'Qte', (a) => String(a.quantity)],
  ['Professionnel de santé', 'Praticien', (a) => a.professional],
  ['Spécialité', 'Specialite', (a) => a.specialty],
  ['Dépense', 'Montant paye', (a, s) => money(a.spentCents, s, a)],
  ['Base de remboursement', 'BASE', (a, s) => money(a.baseCents, s, a)],
  ['Taux', 'taux de remboursement', (a, s) => (s.amounts === 'euro' ? `${a.rate} %` : String(a.rate))],
  ['Montant remboursé', 'Rembourse', (a, s) => money(a.reimbursedCents, s, a)],
  ['Participation forfaitaire / franchise', 'FRANCHISE', (a, s) => money(a.deductibleCents, s, a)],
  ['Part complémentaire', 'Mutuelle', (a, s) => money(a.complementaryCents, s, a)],
  ['Date de remboursement', 'Paye le', (a, s) => date(a.paymentDate, s)],
  ['N° de décompte', 'Numero de decompte', (a) => a.reference],
];

/** The odd files put the columns in another order: the amounts first, the dates last. */
const ODD_ORDER = [2, 1, 7, 10, 8, 9, 11, 12, 3, 4, 5, 6, 0, 13, 14];

function quote(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r') ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV file of these acts (or raw rows), written the way `style` says, as bytes. */
export function renderCsv(acts: readonly (SeedAct | string[])[], style: CsvStyle): Buffer {
  const order = style.oddHeaders ? ODD_ORDER : COLUMNS.map((_, i) => i);
  const columns = order.map((i) => COLUMNS[i]!);
  const header = columns.map((c) => (style.oddHeaders ? c[1] : c[0]));
  if (style.beneficiaries) header.splice(1, 0, style.oddHeaders ? 'BENEFICIAIRE' : 'Bénéficiaire');
  const lines = [...style.preamble, header.map((h) => quote(h, style.delimiter)).join(style.delimiter)];
  for (const act of acts) {
    const cells = Array.isArray(act) ? act : columns.map((c) => c[2](act, style));
    if (style.beneficiaries && !Array.isArray(act)) cells.splice(1, 0, style.beneficiaries[act.person]!);
    lines.push(cells.map((c) => quote(c, style.delimiter)).join(style.delimiter));
  }
  const text = lines.join(style.eol) + style.eol;
  if (style.encoding === 'win1252') return iconv.encode(text, 'win1252');
  return Buffer.concat([style.encoding === 'utf8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** The cells of an act in the default layout, for a row a variant then spoils on purpose. */
export function defaultCells(act: SeedAct): string[] {
  return COLUMNS.map((c) => c[2](act, DEFAULT_STYLE));
}

/** Index of each default column by its header, for spoiling one cell. */
export const CELL = Object.fromEntries(COLUMNS.map((c, i) => [c[0], i])) as Record<string, number>;
