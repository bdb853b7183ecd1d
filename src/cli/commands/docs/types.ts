import type { Command } from 'commander';
import { CATEGORIES, type DocumentType, parseCategory, typesIn } from '../../../documents/taxonomy.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';

export function registerTypes(docs: Command, ctx: Context): void {
  docs
    .command('types')
    .description('list the document categories and sub-types (national typeCodes) and their slugs (needs no record)')
    .option('--category <key>', `only one category: ${Object.keys(CATEGORIES).join(', ')}`)
    .addHelpText('after', examples('dmp docs types', 'dmp docs types --category imaging --json'))
    .action(
      action<{ category?: string }>(ctx, (_a, flags) => {
        // The taxonomy is fixed: no record, no session needed.
        const rows = typesIn(flags.category !== undefined ? parseCategory(flags.category) : undefined);
        ctx.out.result(
          rows.map((d) => ({ code: d.code, category: d.category, label: d.label, labelEn: d.labelEn, slug: d.slug })),
          () =>
            ctx.out.table<DocumentType>(
              [
                { header: 'category', value: (d) => d.category },
                { header: 'code', value: (d) => d.code },
                { header: 'slug', value: (d) => d.slug },
                { header: 'label', value: (d) => d.label },
                { header: 'English', value: (d) => d.labelEn },
              ],
              rows,
            ),
        );
      }),
    );
}
