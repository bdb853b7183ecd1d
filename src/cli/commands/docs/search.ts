import type { Command } from 'commander';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit, searchDocuments } from '../../../documents/search.js';
import { usageError } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
import { type FilterFlags, filterOptions, readFilters } from './shared.js';

const DEFAULT_LIMIT = 20;
const MARKS = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`, 'g');

export function registerSearch(docs: Command, ctx: Context): void {
  filterOptions(
    docs
      .command('search')
      .description('find documents by the words in their title, text, author or organisation (accents ignored), best first')
      .argument('<query...>', 'words (all must match), "exact phrase", prefix*, A OR B, -word to exclude')
      // `-word` excludes a word, so single-dash words are query terms, not unknown options.
      .allowUnknownOption(),
  )
    .addHelpText(
      'after',
      examples('dmp docs search synthese', 'dmp docs search \'"compte rendu" radio*\' --from 2025-01-01', 'dmp docs search covid-19 -vaccin --json'),
    )
    .action(
      action<FilterFlags>(ctx, ([words], flags) => {
        requireSession(ctx);
        const typo = (words as string[]).find((w) => w.startsWith('--') && w.length > 2);
        if (typo) throw usageError(`Unknown option ${typo}.`, 'Flags are listed in `dmp docs search --help`; to exclude a word write -word.');
        const query = (words as string[]).join(' ');
        const hits = searchDocuments(ctx.store(), query, readFilters(ctx, flags, DEFAULT_LIMIT));
        const plain = (s: string) => s.replace(MARKS, '');
        ctx.out.result(
          hits.map((h) => ({ ...h, snippet: plain(h.snippet) })),
          () => {
            if (hits.length === 0) return ctx.out.note(`No document matches "${query}".`);
            const c = ctx.out.color;
            // Each piece is made safe before the highlight's own escape codes are added around it.
            const marked = (s: string) =>
              s
                .split(new RegExp(`${HIGHLIGHT_START}(.*?)${HIGHLIGHT_END}`))
                .map((piece, i) => (i % 2 === 1 ? c.bold.yellow(ctx.out.safe(piece)) : ctx.out.safe(piece)))
                .join('');
            ctx.out.table<SearchHit>(
              [
                { header: 'id', value: (h) => h.id, align: 'right' },
                { header: 'date', value: (h) => h.date },
                { header: 'type', value: (h) => h.typeCode },
                { header: 'title', value: (h) => h.title },
                { header: 'snippet', value: (h) => marked(h.snippet), raw: (h) => plain(h.snippet), safe: true },
                { header: 'score', value: (h) => h.score.toFixed(2), align: 'right' },
              ],
              hits,
            );
          },
        );
      }),
    );
}
