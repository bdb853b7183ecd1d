import type { Lang } from '../../../summary/pdf-labels.js';
import { summaryPdf } from '../../../summary/pdf.js';
import type { Summary } from '../../../summary/summary.js';
import type { Context } from '../../context.js';
import { writeNewFileChunks } from '../../write-file.js';

/**
 * Writes the PDF: made in memory first (nothing half-written), then written as every file dmp
 * writes: created 0600 exclusively, never through a symbolic link, replaced only with --force
 * (a fresh file renamed over a regular one).
 */
export async function writeSummaryPdf(ctx: Context, summary: Summary, rawPath: string, lang: Lang, force: boolean): Promise<{ path: string; bytes: number }> {
  const bytes = await summaryPdf(summary, lang, ctx.now());
  const path = writeNewFileChunks(ctx, rawPath, [bytes], force, '--pdf');
  return { path, bytes: bytes.length };
}
