import { fold } from '../util/fold.js';
import { parseAmount, parseDate, parseQuantity, parseRate } from './cells.js';
import { type Field, HEADER_NAMES, type HeaderMap } from './columns.js';
import { matchSection, type Section, SECTION_LABELS, SECTIONS } from './sections.js';

/** One reimbursed act, normalised: cents, ISO dates, a section key, trimmed text. */
export interface Act {
  patientId: number;
  careDate: string;
  section: Section;
  label: string;
  code: string | null;
  quantity: number;
  professional: string | null;
  specialty: string | null;
  spentCents: number;
  baseCents: number | null;
  /** Hundredths of a percent (7000 = 70 %). */
  rateBp: number | null;
  reimbursedCents: number;
  deductibleCents: number | null;
  complementaryCents: number | null;
  paymentDate: string | null;
  reference: string | null;
}

export interface RowError {
  /** Physical line in the file (the header and preamble count); null for the whole file. */
  line: number | null;
  /** The column as the file names it; null for a problem with the whole row. */
  column: string | null;
  value: string | null;
  /** What is wrong, in the user's terms (no commands or flags: the CLI words the next step). */
  message: string;
  /** A Bénéficiaire the record does not know, split into the names a new person would take. */
  unknownPerson?: { givenName: string; familyName: string };
  /** A Bénéficiaire that names several people of the record: their ids. */
  ambiguousPerson?: number[];
}

export interface RowRules {
  header: HeaderMap;
  /** A dot is a decimal mark only when the delimiter is not a comma. */
  dotDecimal: boolean;
  /** YYYY-MM-DD: care dates after it are refused. */
  today: string;
  /** Folded "given family" (either order) -> person id, for the Bénéficiaire column. */
  people: Map<string, number[]>;
  /** Who rows without a beneficiary are about. */
  defaultPatientId: number;
  /** Person id -> birth date (YYYY-MM-DD): care before it is refused. */
  birthDates?: Map<number, string>;
}

/** The earliest date an act may carry: anything before is a typo or a placeholder (0000, 1800). */
export const EARLIEST_DATE = '1900-01-01';

/**
 * Checks one data row against every rule of the format and returns the act, or the errors
 * (each naming the column, the value and the rule). Column positions are resolved once.
 */
export class RowReader {
  private readonly at: Record<Field, number>;
  private readonly width: number;
  /** Cells up to the last named header column. */
  private readonly named: number;
  private readonly beneficiaries = new Map<string, number>();

  constructor(private readonly rules: RowRules) {
    const index = rules.header.index;
    this.at = Object.fromEntries(Object.keys(HEADER_NAMES).map((f) => [f, index[f as Field] ?? -1])) as Record<Field, number>;
    this.width = rules.header.names.length;
    const names = rules.header.names;
    let named = names.length;
    while (named > 0 && names[named - 1] === '') named--;
    this.named = named;
  }

  /** True for a line of empty cells (`;;;;`), which spreadsheets write and which carries no act. */
  static isBlank(cells: string[]): boolean {
    for (const c of cells) if (c.length > 0 && c.trim() !== '') return false;
    return true;
  }

  // The row being read. Kept on the instance rather than in closures: this runs a million
  // times for a large file, and per-row closures are garbage the collector must chase.
  private cells: string[] = [];
  private line = 0;
  private errors: RowError[] | null = null;

  read(cells: string[], line: number): Act | RowError[] {
    this.cells = cells;
    this.line = line;
    this.errors = null;
    if (cells.length !== this.width && !this.onlyTrailingBlanks(cells)) {
      this.fail(null, `the row has ${cells.length} cells where the header has ${this.width} (a delimiter inside an unquoted value?)`);
      return this.errors!;
    }
    const today = this.rules.today;
    const careText = this.required('careDate', 'the care date');
    const careDate = careText === null ? null : this.date('careDate', careText);
    if (careDate !== null && careDate > today) this.fail('careDate', `a care date in the future (after ${today})`);
    const paymentText = this.text('paymentDate');
    const paymentDate = paymentText === null ? null : this.date('paymentDate', paymentText);
    if (paymentDate !== null && careDate !== null && paymentDate < careDate) this.fail('paymentDate', `a payment date before the care date (${careDate})`);

    const sectionText = this.required('section', 'the section');
    const section = sectionText === null ? undefined : matchSection(sectionText);
    if (sectionText !== null && section === undefined) {
      this.fail('section', `not one of the five sections (${SECTIONS.map((s) => SECTION_LABELS[s]).join(', ')})`);
    }
    const label = this.required('label', 'the nature of the act');

    const quantityText = this.text('quantity');
    const quantity = quantityText === null ? 1 : parseQuantity(quantityText);
    if (Number.isNaN(quantity)) this.fail('quantity', 'a quantity that is not a positive whole number');

    const spentCents = this.amount('spent', this.required('spent', 'the amount spent'));
    const reimbursedCents = this.amount('reimbursed', this.required('reimbursed', 'the amount reimbursed'));
    const baseCents = this.amount('base', this.text('base'));
    const complementaryCents = this.amount('complementary', this.text('complementary'));
    const deductibleCents = this.amount('deductible', this.text('deductible'));
    if (deductibleCents !== null && deductibleCents < 0) this.fail('deductible', 'a negative deductible (it is withheld, so 0 or more)');

    const rateText = this.text('rate');
    let rateBp: number | null = null;
    if (rateText !== null) {
      rateBp = parseRate(rateText, this.rules.dotDecimal);
      if (Number.isNaN(rateBp)) this.fail('rate', 'not a rate (like 70, 70 % or 70,0)');
      else if (rateBp > 10000) this.fail('rate', 'a rate outside 0-100');
    }

    if (spentCents !== null && reimbursedCents !== null) {
      const regularisation = spentCents < 0 || reimbursedCents < 0 || (complementaryCents ?? 0) < 0;
      if (!regularisation && spentCents - reimbursedCents - (complementaryCents ?? 0) < 0) {
        this.fail('reimbursed', 'more paid back than spent (out of pocket can be negative only in a regularisation row, with a minus sign)');
      }
    }
    const patient = this.beneficiary(this.text('beneficiary'));
    const birth = patient === undefined || careDate === null ? undefined : this.rules.birthDates?.get(patient);
    if (birth !== undefined && careDate! < birth) this.fail('careDate', `a care date before the person's birth date (${birth})`);
    if (this.errors !== null) return this.errors;
    return {
      patientId: patient!,
      careDate: careDate!,
      section: section!,
      label: label!,
      code: this.text('code'),
      quantity,
      professional: this.text('professional'),
      specialty: this.text('specialty'),
      spentCents: spentCents!,
      baseCents,
      rateBp,
      reimbursedCents: reimbursedCents!,
      deductibleCents,
      complementaryCents,
      paymentDate,
      reference: this.text('reference'),
    };
  }

  /**
   * A header padded with trailing delimiters (`A;B;C;`) over rows without them (`a;b;c`) is
   * fine. A row with more cells than the header is not: it cannot be told from a value cut
   * in two by an unquoted delimiter.
   */
  private onlyTrailingBlanks(cells: string[]): boolean {
    return cells.length >= this.named && cells.length < this.width;
  }

  private fail(field: Field | null, message: string): RowError {
    const i = field === null ? -1 : this.at[field];
    this.errors ??= [];
    const error: RowError = { line: this.line, column: i < 0 ? null : this.rules.header.names[i]!, value: i < 0 ? null : (this.cells[i] ?? ''), message };
    this.errors.push(error);
    return error;
  }

  /**
   * The trimmed cell of a field, or null when the column is absent or the cell empty. Line
   * breaks inside a quoted value become LF, so a CRLF and an LF copy of an export agree.
   */
  private text(field: Field): string | null {
    const i = this.at[field];
    if (i < 0) return null;
    let v = this.cells[i]!;
    if (v.length === 0) return null;
    // Most cells start and end with a printable ASCII character: nothing to trim then.
    const first = v.charCodeAt(0);
    const last = v.charCodeAt(v.length - 1);
    if (first <= 0x20 || first >= 0x7f || last <= 0x20 || last >= 0x7f) {
      v = v.trim();
      if (v === '') return null;
    }
    return v.indexOf('\r') === -1 ? v : v.replace(/\r\n?/g, '\n');
  }

  private required(field: Field, what: string): string | null {
    const v = this.text(field);
    if (v === null) this.fail(field, `${what} is required`);
    return v;
  }

  private amount(field: Field, v: string | null): number | null {
    if (v === null) return null;
    const cents = parseAmount(v, this.rules.dotDecimal);
    if (Number.isNaN(cents)) {
      this.fail(field, tooManyDigits(v) ? `an amount too large to be exact (at most ${MAX_AMOUNT})` : 'not an amount in euros (like 12,50 or 1 234,56 €)');
      return null;
    }
    return cents;
  }

  private date(field: Field, value: string): string | null {
    const iso = parseDate(value);
    if (iso === null) this.fail(field, 'not a real date in dd/mm/yyyy or yyyy-mm-dd form');
    else if (iso < EARLIEST_DATE) {
      this.fail(field, `a date before ${EARLIEST_DATE.slice(0, 4)}`);
      return null;
    }
    return iso;
  }

  private beneficiary(name: string | null): number | undefined {
    if (name === null) return this.rules.defaultPatientId;
    let patient = this.beneficiaries.get(name);
    if (patient === undefined) {
      const named = this.rules.people.get(fold(name)) ?? [];
      if (named.length > 1) {
        this.fail('beneficiary', `"${name}" names ${named.length} people in this record (ids ${named.join(', ')})`).ambiguousPerson = named;
        return undefined;
      }
      patient = named[0];
      // A family export repeats a few names: remember them (but not an unbounded number).
      if (patient !== undefined && this.beneficiaries.size < 1000) this.beneficiaries.set(name, patient);
    }
    if (patient === undefined) this.fail('beneficiary', `no one named "${name}" in this record`).unknownPerson = splitName(name);
    return patient;
  }
}

/** What parseAmount takes: 13 digits of euros, so that the cents stay exact integers. */
const MAX_AMOUNT = '9 999 999 999 999,99 €';

/** More digits of euros than parseAmount takes (the decimals and separators aside). */
function tooManyDigits(text: string): boolean {
  return text.replace(/[,.]\d*\s*\u20ac?\s*$/, '').replace(/\D/g, '').length > 13;
}

/**
 * The given and family names a full name stands for: the all-capitals words are the family
 * name ("Léo DUPONT", "DUPONT Léo"), else the last word is.
 */
export function splitName(name: string): { givenName: string; familyName: string } {
  const words = name.trim().split(/\s+/);
  const caps = words.map(isUpper);
  let family: string[];
  let given: string[];
  if (caps[0] && !caps.every(Boolean)) {
    const n = caps.indexOf(false);
    [family, given] = [words.slice(0, n), words.slice(n)];
  } else {
    let split = words.length - 1;
    while (split > 1 && caps[split - 1] && !caps.every(Boolean)) split--;
    [given, family] = [words.slice(0, split), words.slice(split)];
  }
  return { givenName: given.join(' '), familyName: family.join(' ') };
}

const isUpper = (w: string) => w === w.toUpperCase() && w !== w.toLowerCase();
