import type { Flag } from './values.js';

export const KINDS = ['allergy', 'condition', 'medication', 'lab', 'measurement', 'vaccination'] as const;
export type Kind = (typeof KINDS)[number];

export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const STATUSES = ['active', 'resolved'] as const;
export type ConditionStatus = (typeof STATUSES)[number];
export type Origin = 'otc' | 'prescribed';

export const MEASUREMENT_TYPES = ['weight', 'height', 'blood-pressure', 'heart-rate', 'glucose', 'temperature', 'spo2'] as const;
export type MeasurementType = (typeof MEASUREMENT_TYPES)[number];

/** What every entry carries (the JSON of an entry: these, then its kind's fields). */
interface Common {
  id: number;
  uuid: string;
  patientId: number;
  reimbursementId: number | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Allergy extends Common {
  kind: 'allergy';
  since: string | null;
  substance: string;
  reaction: string | null;
  severity: Severity | null;
}
export interface Condition extends Common {
  kind: 'condition';
  since: string | null;
  name: string;
  status: ConditionStatus;
}
export interface Medication extends Common {
  kind: 'medication';
  since: string | null;
  until: string | null;
  name: string;
  dose: string | null;
  origin: Origin;
}
export interface Lab extends Common {
  kind: 'lab';
  date: string;
  analyte: string;
  /** A normalised decimal string ("5.4"), or a qualitative text ("positif"). */
  value: string;
  unit: string | null;
  low: string | null;
  high: string | null;
  loinc: string | null;
  lab: string | null;
  flag: Flag;
}
export interface Measurement extends Common {
  kind: 'measurement';
  date: string;
  type: MeasurementType;
  /** A decimal string; blood pressure as "120/80". */
  value: string;
  unit: string;
}
export interface Vaccination extends Common {
  kind: 'vaccination';
  date: string;
  vaccine: string;
  lot: string | null;
  dose: number | null;
}

export type HealthEntry = Allergy | Condition | Medication | Lab | Measurement | Vaccination;

/** The stored columns an entry is made of (what validation produces and the repo writes). */
export interface EntryFields {
  kind: Kind;
  date: string | null;
  until: string | null;
  name: string;
  value: string | null;
  unit: string | null;
  low: string | null;
  high: string | null;
  loinc: string | null;
  lab: string | null;
  reaction: string | null;
  severity: Severity | null;
  status: ConditionStatus | null;
  dose: string | null;
  origin: Origin | null;
  lot: string | null;
  doseNumber: number | null;
  reimbursementId: number | null;
  note: string | null;
}

export interface HealthFilter {
  kind?: Kind;
  /** Inclusive YYYY-MM-DD bounds on the entry's date (or since). */
  from?: string;
  to?: string;
}

/** "an allergy", "a lab": for messages. */
export const aKind = (kind: string): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
