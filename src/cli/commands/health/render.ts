import type { HealthEntry } from '../../../health/types.js';
import type { Flag } from '../../../health/values.js';
import { parsePositiveInt } from '../../command.js';
import type { Context } from '../../context.js';
import type { Column } from '../../output.js';

export const entryId = (value: unknown): number => parsePositiveInt(String(value), 'health entry id');

/** The entry's day: its date, or "since". */
export function entryDay(e: HealthEntry): string | null {
  return 'date' in e ? e.date : e.since;
}

export function entryName(e: HealthEntry): string {
  switch (e.kind) {
    case 'allergy':
      return e.substance;
    case 'lab':
      return e.analyte;
    case 'measurement':
      return e.type;
    case 'vaccination':
      return e.vaccine;
    default:
      return e.name;
  }
}

/** A one-cell account of what the entry says beyond its name. */
export function entryDetail(e: HealthEntry): string {
  switch (e.kind) {
    case 'allergy':
      return [e.reaction, e.severity].filter(Boolean).join(', ');
    case 'condition':
      return e.status;
    case 'medication':
      return [e.dose, e.origin === 'otc' ? 'over the counter' : 'prescribed', e.until ? `until ${e.until}` : ''].filter(Boolean).join(', ');
    case 'lab':
      return `${valueWithUnit(e.value, e.unit)}${range(e.low, e.high, e.unit)}`;
    case 'measurement':
      return valueWithUnit(e.value, e.unit);
    case 'vaccination':
      return [e.dose ? `dose ${e.dose}` : '', e.lot ? `lot ${e.lot}` : ''].filter(Boolean).join(', ');
  }
}

export const valueWithUnit = (value: string, unit: string | null) => (unit ? `${value} ${unit}` : value);

export function range(low: string | null, high: string | null, unit: string | null): string {
  if (low === null && high === null) return '';
  return ` (ref. ${low ?? '…'}–${high ?? '…'}${unit ? ` ${unit}` : ''})`;
}

/** "high"/"low", in colour on a terminal. */
export function flagText(ctx: Context, flag: Flag): string {
  if (!flag) return '';
  return flag === 'high' ? ctx.out.color.red.bold('high') : ctx.out.color.blue.bold('low');
}

export function entryColumns(ctx: Context): Column<HealthEntry>[] {
  return [
    { header: 'id', value: (e) => e.id, align: 'right' },
    { header: 'kind', value: (e) => e.kind },
    { header: 'date', value: (e) => entryDay(e) },
    { header: 'what', value: (e) => entryName(e) },
    { header: 'detail', value: (e) => entryDetail(e) },
    { header: 'flag', value: (e) => (e.kind === 'lab' ? flagText(ctx, e.flag) : '') },
    { header: 'act', value: (e) => e.reimbursementId },
  ];
}

/** One entry: JSON as stored (the read model), or its fields. */
export function printEntry(ctx: Context, e: HealthEntry): void {
  ctx.out.result(e, () => {
    const pairs: [string, string | number | null][] = [
      ['id', e.id],
      ['kind', e.kind],
      ['date' in e ? 'date' : 'since', entryDay(e)],
      [e.kind === 'lab' ? 'analyte' : e.kind === 'allergy' ? 'substance' : e.kind === 'measurement' ? 'type' : e.kind === 'vaccination' ? 'vaccine' : 'name', entryName(e)],
      ['detail', entryDetail(e)],
    ];
    if (e.kind === 'lab') pairs.push(['flag', flagText(ctx, e.flag) || 'in range or no range'], ['loinc', e.loinc], ['lab', e.lab]);
    if (e.reimbursementId !== null) pairs.push(['act', e.reimbursementId]);
    pairs.push(['note', e.note], ['added', e.createdAt], ['uuid', e.uuid]);
    ctx.out.fields(pairs);
  });
}
