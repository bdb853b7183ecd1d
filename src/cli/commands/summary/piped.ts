import type { Summary } from '../../../summary/summary.js';
import type { Context } from '../../context.js';
import { entryDay, entryDetail, entryName } from '../health/render.js';
import { shown } from './lines.js';
import { consentPairs } from './consent.js';
import type { WordedNotice } from './notices.js';

const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : shown(String(v)).replace(/[\t\r\n]+/g, ' '));

/** The same facts as TSV blocks, each under a "# name" line; no escape codes. */
export function printPiped(ctx: Context, s: Summary, notices: WordedNotice[]): void {
  const block = (name: string, header: string[], rows: (string | number | null)[][]) => {
    ctx.out.line(`# ${name}`);
    ctx.out.line(header.join('\t'));
    for (const r of rows) ctx.out.line(r.map(cell).join('\t'));
    ctx.out.line();
  };
  const p = s.person;
  block('person', ['id', 'givenName', 'familyName', 'birthDate', 'age', 'sex', 'nirMasked'], [[p.id, p.givenName, p.familyName, p.birthDate, p.age, p.sex, p.nirMasked]]);
  const h = s.health;
  const entries = [...h.allergies, ...h.conditions, ...h.medications, ...h.latestMeasurements, ...h.latestLabs, ...h.vaccinations];
  block('health', ['id', 'kind', 'date', 'what', 'detail', 'flag'], entries.map((e) => [e.id, e.kind, entryDay(e), entryName(e), entryDetail(e), e.kind === 'lab' ? e.flag : null]));
  block('documents', ['category', 'count', 'latestDate', 'latestTitle'], s.documents.byCategory.map((c) => [c.category, c.count, c.latest[0]?.date ?? null, c.latest[0]?.title ?? null]));
  block(`payer ${s.payer.from} ${s.payer.to}`, ['section', 'count', 'spentCents', 'reimbursedCents', 'outOfPocketCents'], [
    ...s.payer.sections.map((x) => [x.section, x.count, x.spentCents, x.reimbursedCents, x.outOfPocketCents]),
    ['total', s.payer.total.count, s.payer.total.spentCents, s.payer.total.reimbursedCents, s.payer.total.outOfPocketCents],
  ]);
  block('months', ['month', 'spentCents'], s.payer.months.map((m) => [m.month, m.spentCents]));
  block('consent', ['setting', 'value'], consentPairs(s.consent));
  block('notices', ['code', 'message'], notices.map((n) => [n.code, n.message]));
}
