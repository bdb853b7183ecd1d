import { createRequire } from 'node:module';
import { invalidData } from '../errors.js';
import { fold } from '../util/fold.js';

/**
 * UCUM units through @lhncbc/ucum-lhc. The library and its unit tables cost ~40 ms to load, so
 * it is loaded on first use only (health add/edit/trend), never at start-up.
 */
interface UcumResult {
  status: 'valid' | 'invalid' | 'error';
  ucumCode: string | null;
  msg: string[];
  suggestions?: { units: [string, string][] }[];
}
interface Ucum {
  validateUnitString(unit: string, suggest?: boolean): UcumResult;
  convertUnitTo(from: string, value: number, to: string, options?: { molecularWeight?: number }): { status: string; toVal: number | null };
}

let instance: Ucum | undefined;
function ucum(): Ucum {
  if (!instance) {
    const require = createRequire(import.meta.url);
    const lib = require('@lhncbc/ucum-lhc') as { UcumLhcUtils: { getInstance(): Ucum } };
    instance = lib.UcumLhcUtils.getInstance();
  }
  return instance;
}

/** Common spellings people type that are not UCUM codes. */
const ALIASES: Record<string, string> = {
  '°C': 'Cel',
  '°c': 'Cel',
  '°F': '[degF]',
  mmHg: 'mm[Hg]',
  bpm: '/min',
  'batt/min': '/min',
  'g/l': 'g/L',
  'mmol/l': 'mmol/L',
  'mg/dl': 'mg/dL',
  'µmol/l': 'umol/L',
  'µmol/L': 'umol/L',
  UI: '[iU]',
  'UI/L': '[iU]/L',
  'UI/l': '[iU]/L',
};

/** The UCUM code for a unit as typed, or an 'invalid' error naming it (with a suggestion when UCUM has one). */
export function checkUnit(raw: string, field = 'unit'): string {
  const typed = raw.trim();
  if (!typed) throw invalidData(`The ${field} is empty.`, 'Give a UCUM unit such as mmol/L, g/L or kg.');
  const unit = ALIASES[typed] ?? typed;
  const result = ucum().validateUnitString(unit, true);
  if (result.status === 'valid' && result.ucumCode) return result.ucumCode;
  const suggestion = result.suggestions?.[0]?.units[0]?.[0];
  throw invalidData(
    `The ${field} "${raw}" is not a UCUM unit.`,
    suggestion ? `Did you mean ${suggestion}? Units are UCUM codes such as mmol/L, g/L, 10*9/L or kg.` : 'Units are UCUM codes such as mmol/L, g/L, 10*9/L or kg.',
  );
}

/**
 * Molar masses (g/mol) of the analytes whose mass and molar concentrations people mix
 * (g/L and mmol/L glucose); values are converted only for these.
 */
const MOLAR_MASS: Record<string, number> = {
  glucose: 180.156,
  glycemie: 180.156,
  cholesterol: 386.654,
  'cholesterol total': 386.654,
  'ldl cholesterol': 386.654,
  'hdl cholesterol': 386.654,
  creatinine: 113.12,
  creatininemie: 113.12,
  uree: 60.06,
  urea: 60.06,
};

export function molarMass(name: string): number | undefined {
  return MOLAR_MASS[fold(name)];
}

/** `value` in `from` expressed in `to`, or null when the two are not of one kind (or need an unknown molar mass). */
export function convert(value: number, from: string, to: string, molarMassGPerMol?: number): number | null {
  if (from === to) return value;
  const lib = ucum();
  const plain = lib.convertUnitTo(from, value, to);
  if (plain.status === 'succeeded' && plain.toVal !== null) return plain.toVal;
  if (molarMassGPerMol === undefined) return null;
  const molar = lib.convertUnitTo(from, value, to, { molecularWeight: molarMassGPerMol });
  return molar.status === 'succeeded' && molar.toVal !== null ? molar.toVal : null;
}
