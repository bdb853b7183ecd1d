import type { Context } from '../../context.js';
import { type Column, tsvCell } from '../../output.js';

/** Flush to stdout past this many characters: few writes, and memory flat whatever the row count. */
const FLUSH_CHARS = 64 * 1024;

/**
 * Writes rows as they come, never holding them all: with --json one array (the same document
 * `ctx.out.result` would print, one element per line), otherwise tab-separated lines under a
 * header. A TSV cell shows tabs and line breaks as spaces and other control characters
 * escaped (`\x1b`), so a stored value cannot drive the terminal a pipe ends in.
 */
export function streamRows<T>(ctx: Context, columns: Column<T>[], rows: Iterable<T>): void {
  let buffer = ctx.out.json ? '[' : `${columns.map((c) => c.header).join('\t')}\n`;
  let first = true;
  for (const row of rows) {
    if (ctx.out.json) {
      buffer += `${first ? '\n' : ',\n'}  ${JSON.stringify(row)}`;
      first = false;
    } else buffer += `${columns.map((c) => tsvCell((c.raw ?? c.value)(row))).join('\t')}\n`;
    if (buffer.length > FLUSH_CHARS) {
      ctx.out.write(buffer);
      buffer = '';
    }
  }
  if (ctx.out.json) buffer += first ? ']\n' : '\n]\n';
  ctx.out.write(buffer);
}
