import type { Db } from '../store/database.js';
import { fold } from '../util/fold.js';
import { entriesNamed } from './repo.js';
import type { Lab, Measurement } from './types.js';
import { convert, molarMass } from './units.js';
import { type Flag, normaliseDecimal } from './values.js';

export interface TrendPoint {
  entryId: number;
  date: string;
  /** As stored (the unit the person entered). */
  value: string;
  unit: string | null;
  /** The value in the series' unit: the stored value itself, or converted (then `converted`). */
  seriesValue: string;
  converted: boolean;
  low: string | null;
  high: string | null;
  flag: Flag;
}

export interface TrendSeries {
  /** "systolic"/"diastolic" for blood pressure, else the analyte or type as first entered. */
  label: string;
  unit: string | null;
  points: TrendPoint[];
}

export interface Trend {
  name: string;
  kind: 'lab' | 'measurement' | null;
  series: TrendSeries[];
}

/**
 * The values of one analyte (labs) or measurement type over time, oldest first. Values in
 * another unit join the newest entry's series when UCUM converts them (with the molar mass for
 * the few analytes where it is known); otherwise they form a series of their own.
 */
export function healthTrend(db: Db, patientId: number, name: string): Trend {
  const entries = entriesNamed(db, patientId, fold(name)).filter((e): e is Lab | Measurement => e.kind === 'lab' || e.kind === 'measurement');
  const numeric = entries.filter((e) => e.kind === 'measurement' || normaliseDecimal(e.value) === e.value);
  if (numeric.length === 0) return { name: name.trim(), kind: entries[0]?.kind ?? null, series: [] };
  const label = numeric[0]!.kind === 'lab' ? (numeric[0] as Lab).analyte : (numeric[0] as Measurement).type;
  if (numeric[0]!.kind === 'measurement' && label === 'blood-pressure') return bloodPressure(numeric as Measurement[]);
  const mass = molarMass(label);
  const target = numeric[numeric.length - 1]!.unit;
  const series = new Map<string | null, TrendSeries>([[target, { label, unit: target, points: [] }]]);
  for (const e of numeric) {
    const inTarget = e.unit === target ? e.value : convertText(e.value, e.unit, target, mass);
    const key = inTarget === null ? e.unit : target;
    if (!series.has(key)) series.set(key, { label, unit: key, points: [] });
    const low = e.kind === 'lab' ? e.low : null;
    const high = e.kind === 'lab' ? e.high : null;
    const into = (v: string | null) => (v === null || key === e.unit ? v : convertText(v, e.unit, target, mass));
    series.get(key)!.points.push({
      entryId: e.id, date: e.date, value: e.value, unit: e.unit, seriesValue: inTarget ?? e.value, converted: inTarget !== null && key !== e.unit,
      low: into(low), high: into(high), flag: e.kind === 'lab' ? e.flag : null,
    });
  }
  return { name: label, kind: numeric[0]!.kind, series: [...series.values()].filter((s) => s.points.length > 0) };
}

function bloodPressure(entries: Measurement[]): Trend {
  const part = (i: 0 | 1, label: string): TrendSeries => ({
    label,
    unit: 'mm[Hg]',
    points: entries.map((e) => {
      const own = e.value.split('/')[i]!;
      const inMmHg = e.unit === 'mm[Hg]' ? own : convertText(own, e.unit, 'mm[Hg]');
      return { entryId: e.id, date: e.date, value: own, unit: e.unit, seriesValue: inMmHg ?? own, converted: e.unit !== 'mm[Hg]', low: null, high: null, flag: null };
    }),
  });
  return { name: 'blood-pressure', kind: 'measurement', series: [part(0, 'systolic'), part(1, 'diastolic')] };
}

/** A converted decimal, rounded to 4 significant digits (a conversion is never more exact than that). */
function convertText(value: string, from: string | null, to: string | null, mass?: number): string | null {
  if (from === null || to === null) return null;
  const out = convert(Number(value), from, to, mass);
  return out === null ? null : String(Number(out.toPrecision(4)));
}
