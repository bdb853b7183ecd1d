import type { Command } from 'commander';
import { usageError } from '../../../errors.js';
import { healthTrend, type Trend } from '../../../health/trend.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { flagText, range, valueWithUnit } from './render.js';

export function registerTrend(health: Command, ctx: Context): void {
  health
    .command('trend')
    .description('the values of one analyte or measurement type over time, oldest first, with the reference range (a chart on a terminal)')
    .argument('<name>', 'a lab analyte as entered (glycémie) or a measurement type (weight, blood-pressure...)')
    .addHelpText('after', examples('dmp health trend glycémie', 'dmp health trend weight --json'))
    .action(
      action(ctx, async ([name]) => {
        requireSession(ctx);
        if (!String(name).trim()) throw usageError('The analyte or type is empty.', 'Pass a lab analyte as entered, or a measurement type such as weight.');
        const trend = healthTrend(ctx.store(), currentPatient(ctx).id, String(name));
        if (ctx.out.json) return ctx.out.jsonValue(trend);
        if (trend.series.length === 0) return ctx.out.note(`No numeric values of "${String(name).trim()}" for this person. See \`dmp health list --kind lab\`.`);
        if (ctx.out.isTTY) await chart(ctx, trend);
        printPoints(ctx, trend);
      }),
    );
}

function printPoints(ctx: Context, trend: Trend): void {
  const rows = trend.series.flatMap((s) => s.points.map((p) => ({ s, p })));
  ctx.out.table(
    [
      { header: 'series', value: (r) => `${r.s.label}${r.s.unit ? ` (${r.s.unit})` : ''}` },
      { header: 'date', value: (r) => r.p.date },
      { header: 'value', value: (r) => `${r.p.seriesValue}${r.p.converted ? ` (${valueWithUnit(r.p.value, r.p.unit)})` : ''}`, align: 'right' },
      { header: 'range', value: (r) => range(r.p.low, r.p.high, null).replace(/^ \(ref\. |\)$/g, '') },
      { header: 'flag', value: (r) => flagText(ctx, r.p.flag) },
      { header: 'entry', value: (r) => r.p.entryId, align: 'right' },
    ],
    rows,
  );
}

/** asciichart, loaded only here: one line per series, the newest value last. */
async function chart(ctx: Context, trend: Trend): Promise<void> {
  const asciichart = (await import('asciichart')).default;
  const colours = [asciichart.blue, asciichart.green, asciichart.magenta, asciichart.cyan];
  for (const [i, s] of trend.series.entries()) {
    if (s.points.length < 2) continue;
    ctx.out.line(ctx.out.color.bold(`${s.label}${s.unit ? ` (${s.unit})` : ''}, ${s.points[0]!.date} → ${s.points[s.points.length - 1]!.date}`));
    const width = Math.max(10, Math.min(60, (ctx.io.stdout.columns ?? 80) - 20));
    ctx.out.line(asciichart.plot(stretch(s.points.map((p) => Number(p.seriesValue)), width), { height: 8, colors: ctx.out.color.level > 0 ? [colours[i % colours.length]!] : undefined }));
    ctx.out.line();
  }
}

/** Repeats each point so a short series spans the chart (asciichart plots one column per value). */
function stretch(values: number[], width: number): number[] {
  if (values.length >= width) return values;
  const per = Math.floor(width / values.length);
  return values.flatMap((v) => Array<number>(per).fill(v));
}
