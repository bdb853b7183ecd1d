import type { Kind } from '../../../health/types.js';
import type { RawField } from '../../../health/validate.js';

/** One flag of an entry kind: how it is spelled, what it says in --help, which field it fills. */
export interface FlagSpec {
  flag: string;
  /** commander's key for it in the options object */
  key: string;
  field: RawField;
  help: string;
  /** Asked for on a terminal when missing (the field is required). */
  prompt?: string;
}

export interface KindSpec {
  description: string;
  flags: FlagSpec[];
  /** Can link a reimbursed act (medication: pharmacy, lab: biology). */
  link: boolean;
  examples: string[];
}

const f = (flag: string, key: string, field: RawField, help: string, prompt?: string): FlagSpec => ({ flag, key, field, help, prompt });
const note = f('--note <text>', 'note', 'note', 'a free note');

export const KIND_SPECS: Record<Kind, KindSpec> = {
  allergy: {
    description: 'an allergy or intolerance',
    flags: [
      f('--substance <name>', 'substance', 'name', 'what causes it (a drug, a food...)', 'Substance'),
      f('--reaction <text>', 'reaction', 'reaction', 'what happens (urticaire, œdème...)'),
      f('--severity <level>', 'severity', 'severity', 'mild, moderate or severe'),
      f('--since <YYYY-MM-DD>', 'since', 'since', 'known since this day'),
      note,
    ],
    link: false,
    examples: ['dmp health add allergy --substance pénicilline --reaction urticaire --severity severe'],
  },
  condition: {
    description: 'a condition (illness, long-term disease)',
    flags: [
      f('--name <name>', 'name', 'name', 'the condition', 'Condition'),
      f('--since <YYYY-MM-DD>', 'since', 'since', 'since this day'),
      f('--status <status>', 'status', 'status', 'active (default) or resolved'),
      note,
    ],
    link: false,
    examples: ['dmp health add condition --name "asthme" --since 2010-05-01'],
  },
  medication: {
    description: 'a medication taken (over the counter unless --prescribed)',
    flags: [
      f('--name <name>', 'name', 'name', 'the medication', 'Medication'),
      f('--dose <text>', 'dose', 'dose', 'how much and how often ("1 cp matin et soir")'),
      f('--since <YYYY-MM-DD>', 'since', 'since', 'taken since this day'),
      f('--until <YYYY-MM-DD>', 'until', 'until', 'taken until this day (current while unset)'),
      note,
    ],
    link: true,
    examples: ['dmp health add medication --name "Doliprane 1000" --dose "1 cp si douleur"', 'dmp health add medication --name Ventoline --prescribed --reimbursement 812'],
  },
  lab: {
    description: 'a lab result (from the paper report)',
    flags: [
      f('--analyte <name>', 'analyte', 'name', 'what was measured (glycémie, TSH...)', 'Analyte'),
      f('--value <value>', 'value', 'value', 'a number (5,4 or 5.4) or a text result (positif)', 'Value'),
      f('--unit <ucum>', 'unit', 'unit', 'the UCUM unit (g/L, mmol/L, 10*9/L...); required with a number'),
      f('--low <number>', 'low', 'low', 'low end of the reference range'),
      f('--high <number>', 'high', 'high', 'high end of the reference range'),
      f('--date <YYYY-MM-DD>', 'date', 'date', 'the day of the sample', 'Date (YYYY-MM-DD)'),
      f('--loinc <code>', 'loinc', 'loinc', 'the LOINC code (NNNNN-N, check digit verified)'),
      f('--lab <name>', 'lab', 'lab', 'the laboratory'),
      note,
    ],
    link: true,
    examples: ['dmp health add lab --analyte glycémie --value 1,32 --unit g/L --low 0.70 --high 1.10 --date 2026-03-14 --loinc 2345-7', 'dmp health add lab --analyte "TSH" --value 2,1 --unit mU/L --date 2026-03-14 --reimbursement 1203'],
  },
  measurement: {
    description: 'a measurement taken at home (weight, blood pressure...)',
    flags: [
      f('--type <type>', 'type', 'name', 'weight, height, blood-pressure, heart-rate, glucose, temperature or spo2', 'Type'),
      f('--value <value>', 'value', 'value', 'the value (blood pressure as 120/80)', 'Value'),
      f('--unit <ucum>', 'unit', 'unit', 'a UCUM unit of the type (default: kg, cm, mm[Hg], /min, g/L, Cel, %)'),
      f('--date <YYYY-MM-DD>', 'date', 'date', 'the day', 'Date (YYYY-MM-DD)'),
      note,
    ],
    link: false,
    examples: ['dmp health add measurement --type weight --value 72,5 --date 2026-03-14', 'dmp health add measurement --type blood-pressure --value 128/82 --date 2026-03-14'],
  },
  vaccination: {
    description: 'a vaccination',
    flags: [
      f('--vaccine <name>', 'vaccine', 'name', 'the vaccine', 'Vaccine'),
      f('--date <YYYY-MM-DD>', 'date', 'date', 'the day it was given', 'Date (YYYY-MM-DD)'),
      f('--lot <lot>', 'lot', 'lot', 'the batch number'),
      f('--dose <n>', 'dose', 'doseNumber', 'the dose in the series (1, 2, 3...)'),
      note,
    ],
    link: false,
    examples: ['dmp health add vaccination --vaccine "DTCaP (Repevax)" --date 2025-10-02 --lot X123 --dose 3'],
  },
};
