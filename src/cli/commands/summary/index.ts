import type { Command } from 'commander';
import { usageError } from '../../../errors.js';
import { buildSummary } from '../../../summary/summary.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { wordNotices } from './notices.js';
import { printPiped } from './piped.js';
import { printDashboard } from './terminal.js';

interface Flags {
  pdf?: string;
  lang?: string;
  force?: boolean;
}

export function registerSummary(program: Command, ctx: Context): void {
  program
    .command('summary')
    .description('the RÉCAPITULATIF: who, documents by category, 24 months of payer data, health entries, and what is missing; --pdf for a doctor')
    .option('--pdf <path>', 'write a one- or two-page summary for a doctor to this file (created 0600)')
    .option('--lang <lang>', 'language of the PDF: fr (default) or en')
    .option('--force', 'overwrite the PDF file if it exists')
    .addHelpText('after', examples('dmp summary', 'dmp summary --json', 'dmp --patient 2 summary | grep lab', 'dmp summary --pdf ~/recap-medecin.pdf', 'dmp summary --pdf recap.pdf --lang en --force'))
    .action(action<Flags>(ctx, (_a, flags) => run(ctx, flags)));
}

async function run(ctx: Context, flags: Flags): Promise<void> {
  requireSession(ctx);
  const lang = flags.lang === undefined ? 'fr' : flags.lang.trim().toLowerCase();
  if (lang !== 'fr' && lang !== 'en') throw usageError(`"${flags.lang}" is not a language of the PDF.`, 'Pass --lang fr or --lang en.');
  if (flags.lang !== undefined && flags.pdf === undefined) throw usageError('--lang is for the PDF.', 'Pass --pdf PATH with it.');
  if (flags.force && flags.pdf === undefined) throw usageError('--force is for the PDF.', 'Pass --pdf PATH with it.');
  const summary = buildSummary(ctx.store(), currentPatient(ctx).id, ctx.now());
  const notices = wordNotices(summary.notices);
  if (flags.pdf !== undefined) {
    const { writeSummaryPdf } = await import('./pdf.js');
    const written = await writeSummaryPdf(ctx, summary, flags.pdf, lang, Boolean(flags.force));
    return ctx.out.result({ pdf: written.path, bytes: written.bytes, lang }, () => ctx.out.note(`Wrote ${written.path} (${written.bytes} bytes, ${lang === 'fr' ? 'French' : 'English'}).`));
  }
  if (ctx.out.json) return ctx.out.jsonValue({ ...summary, notices });
  if (ctx.out.isTTY) printDashboard(ctx, summary, notices);
  else printPiped(ctx, summary, notices);
}
