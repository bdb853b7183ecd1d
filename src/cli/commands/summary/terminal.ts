import { CATEGORIES } from '../../../documents/taxonomy.js';
import { SECTION_LABELS } from '../../../reimbursements/sections.js';
import type { Summary } from '../../../summary/summary.js';
import type { Context } from '../../context.js';
import { flagText } from '../health/render.js';
import { entryText, formatEuros, shown } from './lines.js';
import { consentPairs } from './consent.js';
import type { WordedNotice } from './notices.js';

const BARS = ' ▁▂▃▄▅▆▇█';
const CHART_ROWS = 5;

/** One screen: headings, euros in French format, a 24-bar chart, flags in colour, notices last. */
export function printDashboard(ctx: Context, s: Summary, notices: WordedNotice[]): void {
  const { color, line } = { color: ctx.out.color, line: (t = '') => ctx.out.line(t) };
  const heading = (t: string) => line(color.bold.underline(t));
  const p = s.person;
  line(color.bold(`${p.givenName} ${p.familyName}`) + `  ${p.sex}, born ${p.birthDate} (${p.age})${p.nirMasked ? `  NIR ${p.nirMasked}` : ''}`);
  line();

  heading('Health');
  const h = s.health;
  const list = (label: string, items: string[], warn = false) =>
    line(`${color.bold(label.padEnd(13))} ${items.length ? items.join(warn ? color.red(' | ') : ' | ') : color.dim('none entered')}`);
  list('Allergies', h.allergies.map((a) => color.red.bold(shown(entryText(a)))), true);
  list('Conditions', h.conditions.map((c) => shown(entryText(c))));
  list('Medication', h.medications.map((m) => shown(entryText(m))));
  list('Measurements', h.latestMeasurements.map((m) => shown(entryText(m))));
  list('Labs', h.latestLabs.map((l) => `${shown(entryText(l))}${l.flag ? ` ${flagText(ctx, l.flag)}` : ''}`));
  list('Vaccinations', h.vaccinations.map((v) => shown(entryText(v))));
  line();

  heading(`Documents (${s.documents.count})`);
  for (const c of s.documents.byCategory) {
    const latest = c.latest[0];
    line(`${CATEGORIES[c.category].label.padEnd(22)} ${String(c.count).padStart(5)}  ${latest ? color.dim(`${latest.date} ${shown(latest.title)}`) : ''}`);
  }
  line();

  heading(`Payer data, ${s.payer.from} → ${s.payer.to}`);
  for (const sec of s.payer.sections) {
    line(`${SECTION_LABELS[sec.section].padEnd(28)} ${String(sec.count).padStart(6)} acts  ${formatEuros(sec.spentCents).padStart(14)} spent  ${formatEuros(sec.reimbursedCents).padStart(14)} reimbursed`);
  }
  const t = s.payer.total;
  line(color.bold(`${'Total'.padEnd(28)} ${String(t.count).padStart(6)} acts  ${formatEuros(t.spentCents).padStart(14)} spent  ${formatEuros(t.reimbursedCents).padStart(14)} reimbursed  ${formatEuros(t.outOfPocketCents)} out of pocket`));
  chart(ctx, s);
  line();

  heading('Consent');
  for (const [k, v] of consentPairs(s.consent)) line(`${color.bold(k.padEnd(13))} ${shown(v)}`);
  line(color.dim(s.consent.donation.notice));
  line();

  for (const n of notices) line(`${color.yellow('!')} ${n.message}`);
}

/** 24 bars, one per month, a block character per row (eighths at the top of each bar). */
function chart(ctx: Context, s: Summary): void {
  const months = s.payer.months;
  const peak = s.payer.peakMonth?.spentCents ?? 0;
  if (peak === 0) return ctx.out.line(ctx.out.color.dim('No spending in the window.'));
  ctx.out.line(`Monthly spending (peak ${s.payer.peakMonth!.month}: ${formatEuros(peak)})`);
  const eighths = months.map((m) => Math.round((m.spentCents / peak) * CHART_ROWS * 8));
  for (let row = CHART_ROWS - 1; row >= 0; row--) {
    const cells = eighths.map((e) => BARS[Math.max(0, Math.min(8, e - row * 8))]!.repeat(2));
    ctx.out.line(ctx.out.color.cyan(`  ${cells.join(' ')}`));
  }
  ctx.out.line(`  ${months.map((m) => m.month.slice(5)).join(' ')}`);
  ctx.out.line(`  ${months[0]!.month.slice(0, 4)}${' '.repeat(Math.max(1, months.length * 3 - 8))}${months[months.length - 1]!.month.slice(0, 4)}`);
}
