import { DmpError, invalidData } from '../errors.js';
import { isIsoDate, isoDay } from '../util/dates.js';
import { aKind, type EntryFields, type Kind, MEASUREMENT_TYPES, type MeasurementType, SEVERITIES, STATUSES } from './types.js';
import { checkUnit, convert, molarMass } from './units.js';
import { checkLoinc, compareDecimals, normaliseDecimal, requireDecimal } from './values.js';

/** What a person typed for an entry, field by field (null: cleared; undefined: not given). */
export type RawEntry = Partial<Record<RawField, string | null>>;
export type RawField =
  | 'since' | 'until' | 'date' | 'name' | 'reaction' | 'severity' | 'status' | 'dose' | 'origin'
  | 'value' | 'unit' | 'low' | 'high' | 'loinc' | 'lab' | 'lot' | 'doseNumber' | 'note';

/** What the `name` column holds for each kind, as the person calls it. */
export const NAME_FIELD: Record<Kind, string> = {
  allergy: 'substance',
  condition: 'name',
  medication: 'name',
  lab: 'analyte',
  measurement: 'type',
  vaccination: 'vaccine',
};

/** Which fields each kind has besides its name (anything else given is refused). */
const FIELDS: Record<Kind, RawField[]> = {
  allergy: ['since', 'reaction', 'severity', 'note'],
  condition: ['since', 'status', 'note'],
  medication: ['since', 'until', 'dose', 'origin', 'note'],
  lab: ['date', 'value', 'unit', 'low', 'high', 'loinc', 'lab', 'note'],
  measurement: ['date', 'value', 'unit', 'note'],
  vaccination: ['date', 'lot', 'doseNumber', 'note'],
};

/** The default unit of each measurement type; any unit of the same kind is accepted. */
export const MEASUREMENT_UNITS: Record<MeasurementType, string> = {
  weight: 'kg',
  height: 'cm',
  'blood-pressure': 'mm[Hg]',
  'heart-rate': '/min',
  glucose: 'g/L',
  temperature: 'Cel',
  spo2: '%',
};

/** A missing or misplaced field: `data.field` lets the CLI name the flag. */
const fieldError = (message: string, field: RawField) => new DmpError('usage', message, undefined, { field });

const HIDDEN = /[\p{Cc}\p{Cf}]/u;
const NOTE_HIDDEN = /[^\P{Cc}\n\t]|\p{Cf}/u;

/** Checks every field of an entry of `kind` and returns the columns to store. `today` bounds the dates. */
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export function validateEntry(kind: Kind, raw: RawEntry, now: Date, reimbursementId: number | null = null): EntryFields {
  const today = isoDay(now);
  const given = (Object.keys(raw) as RawField[]).filter((f) => f !== 'name' && raw[f] !== undefined && raw[f] !== null);
  const foreign = given.find((f) => !FIELDS[kind].includes(f));
  if (foreign) throw fieldError(`${cap(aKind(kind))} has no ${foreign} field.`, foreign);
  const nameField = NAME_FIELD[kind];
  const name = text(raw.name, nameField, 200);
  if (!name) throw fieldError(`Missing the ${nameField} of the ${kind}.`, 'name');
  const fields: EntryFields = {
    kind, date: null, until: null, name, value: null, unit: null, low: null, high: null, loinc: null, lab: null,
    reaction: null, severity: null, status: null, dose: null, origin: null, lot: null, doseNumber: null,
    reimbursementId, note: note(raw.note),
  };
  if (kind === 'lab' || kind === 'measurement' || kind === 'vaccination') {
    fields.date = day(raw.date, 'date', today);
    if (!fields.date) throw fieldError(`Missing the date of the ${kind}.`, 'date');
  } else {
    fields.date = day(raw.since, 'since date', today);
  }
  switch (kind) {
    case 'allergy':
      fields.reaction = text(raw.reaction, 'reaction', 200);
      fields.severity = oneOf(raw.severity, 'severity', SEVERITIES);
      break;
    case 'condition':
      fields.status = oneOf(raw.status, 'status', STATUSES) ?? 'active';
      break;
    case 'medication':
      fields.until = day(raw.until, 'until date', today);
      if (fields.date && fields.until && fields.until < fields.date) throw invalidData(`The until date ${fields.until} is before the since date ${fields.date}.`, 'Check the two dates.');
      fields.dose = text(raw.dose, 'dose', 100);
      fields.origin = oneOf(raw.origin, 'origin', ['otc', 'prescribed'] as const) ?? 'otc';
      break;
    case 'lab':
      Object.assign(fields, labValue(raw));
      fields.loinc = raw.loinc ? checkLoinc(raw.loinc) : null;
      fields.lab = text(raw.lab, 'lab', 200);
      break;
    case 'measurement':
      Object.assign(fields, measurement(name, raw));
      break;
    case 'vaccination':
      fields.lot = text(raw.lot, 'lot', 50);
      fields.doseNumber = doseNumber(raw.doseNumber);
      break;
  }
  return fields;
}

/** Trimmed one-line text, null when absent or blank; control characters refused. */
function text(value: string | null | undefined, field: string, max: number): string | null {
  const t = value?.trim().replace(/ {2,}/g, ' ');
  if (!t) return null;
  if (HIDDEN.test(t)) throw invalidData(`The ${field} ${JSON.stringify(t)} holds control or invisible characters.`, 'Type it again as plain text.');
  if (t.length > max) throw invalidData(`The ${field} is ${t.length} characters long; at most ${max} are kept.`, 'Shorten it, and put details in the note.');
  return t;
}

function note(value: string | null | undefined): string | null {
  const t = value?.trim();
  if (!t) return null;
  if (NOTE_HIDDEN.test(t)) throw invalidData('The note holds control or invisible characters.', 'Type it again as plain text (line breaks and tabs are fine).');
  if (t.length > 2000) throw invalidData(`The note is ${t.length} characters long; at most 2000 are kept.`, 'Shorten it.');
  return t;
}

function day(value: string | null | undefined, field: string, today: string): string | null {
  const t = value?.trim();
  if (!t) return null;
  if (!isIsoDate(t)) throw invalidData(`The ${field} "${value}" is not a real date in YYYY-MM-DD form.`, 'Give a day such as 2026-03-14.');
  if (t > today) throw invalidData(`The ${field} ${t} is in the future.`, 'Give a day up to today.');
  return t;
}

function oneOf<T extends string>(value: string | null | undefined, field: string, allowed: readonly T[]): T | null {
  const t = value?.trim().toLowerCase();
  if (!t) return null;
  if (!(allowed as readonly string[]).includes(t)) throw invalidData(`The ${field} "${value}" is not one of ${allowed.join(', ')}.`, `Give one of ${allowed.join(', ')}.`);
  return t as T;
}

function doseNumber(value: string | null | undefined): number | null {
  const t = value?.trim();
  if (!t) return null;
  if (!/^\d{1,2}$/.test(t) || Number(t) < 1) throw invalidData(`The dose number "${value}" is not a whole number from 1 to 99.`, 'Give the dose in the series: 1, 2, 3...');
  return Number(t);
}

/** A number with its unit and optional range, or a qualitative result ("positif") without them. */
function labValue(raw: RawEntry): Pick<EntryFields, 'value' | 'unit' | 'low' | 'high'> {
  const typed = text(raw.value, 'value', 100);
  if (!typed) throw fieldError('Missing the value of the lab result.', 'value');
  const number = normaliseDecimal(typed);
  if (number === null) {
    if (/^[+-]?[\d.,\s]+$/.test(typed)) throw invalidData(`The value "${typed}" is not a number.`, 'Write it with digits and one decimal comma or point, such as 5,4.');
    if (raw.unit || raw.low || raw.high) throw invalidData(`The value "${typed}" is a text result; it cannot have a unit or a range.`, 'Give a number for a measured value, or leave out the unit and the range.');
    return { value: typed, unit: null, low: null, high: null };
  }
  if (!raw.unit?.trim()) throw invalidData(`The value ${number} needs its unit.`, 'Give the unit as on the report, such as g/L or mmol/L.');
  const unit = checkUnit(raw.unit);
  const low = raw.low?.trim() ? requireDecimal(raw.low, 'low bound') : null;
  const high = raw.high?.trim() ? requireDecimal(raw.high, 'high bound') : null;
  if (low !== null && high !== null && compareDecimals(low, high) > 0) throw invalidData(`The low bound ${low} is above the high bound ${high}.`, 'Check the reference range on the report.');
  return { value: number, unit, low, high };
}

function measurement(typed: string, raw: RawEntry): Pick<EntryFields, 'name' | 'value' | 'unit'> {
  const type = typed.toLowerCase() as MeasurementType;
  if (!MEASUREMENT_TYPES.includes(type)) throw invalidData(`The measurement type "${typed}" is not one of ${MEASUREMENT_TYPES.join(', ')}.`, `Give one of ${MEASUREMENT_TYPES.join(', ')}.`);
  const given = raw.value?.trim();
  if (!given) throw fieldError('Missing the value of the measurement.', 'value');
  const fallback = MEASUREMENT_UNITS[type];
  const unit = raw.unit?.trim() ? checkUnit(raw.unit) : fallback;
  if (convert(1, unit, fallback, type === 'glucose' ? molarMass('glucose') : undefined) === null) {
    throw invalidData(`The unit ${unit} does not measure ${type} (its unit is ${fallback}).`, `Give a unit of the same kind as ${fallback}, or leave the unit out.`);
  }
  if (type === 'blood-pressure') {
    const m = /^\s*(\d+(?:[.,]\d+)?)\s*\/\s*(\d+(?:[.,]\d+)?)\s*$/.exec(given);
    if (!m) throw invalidData(`The blood pressure "${given}" is not systolic/diastolic.`, 'Give it as 120/80.');
    const [sys, dia] = [normaliseDecimal(m[1]!)!, normaliseDecimal(m[2]!)!];
    if (compareDecimals(sys, dia) <= 0) throw invalidData(`The blood pressure "${given}" has its systolic value not above its diastolic one.`, 'Give the higher value first, as 120/80.');
    return { name: type, value: `${sys}/${dia}`, unit };
  }
  const value = requireDecimal(given, `${type} value`);
  if (compareDecimals(value, '0') <= 0) throw invalidData(`The ${type} value ${value} is not above zero.`, 'Check the value.');
  if (type === 'spo2' && unit === '%' && compareDecimals(value, '100') > 0) throw invalidData(`The spo2 value ${value} % is above 100 %.`, 'Check the value.');
  return { name: type, value, unit };
}
