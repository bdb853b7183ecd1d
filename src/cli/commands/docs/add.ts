import { resolve } from 'node:path';
import type { Command } from 'commander';
import { addDocument, validateOptionalName, validateTitle } from '../../../documents/documents.js';
import { checkSize, type Content, DEFAULT_MAX_SIZE, fileContent, parseSize, readDocumentFile, typedContent } from '../../../documents/ingest.js';
import { CATEGORIES, type CategoryKey, type DocumentType, resolveType, typesIn } from '../../../documents/taxonomy.js';
import { invalidData, usageError } from '../../../errors.js';
import { isoDay } from '../../../util/dates.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { actDate, documentJson } from './shared.js';
import { printDocument } from './show.js';
import { asValidator } from '../../prompter.js';

interface AddFlags {
  type?: string;
  title?: string;
  date?: string;
  author?: string;
  org?: string;
  masked?: boolean;
  text?: string;
  stdin?: boolean;
  file?: string;
  maxSize?: string;
  allowDuplicate?: boolean;
}

export function registerAdd(docs: Command, ctx: Context): void {
  docs
    .command('add')
    .description('add a document: typed text, standard input or a file (on a terminal with no content flag: pick the type, then type the text in $EDITOR)')
    .option('--type <code|slug>', 'the sub-type: a typeCode or slug from `dmp docs types`')
    .option('--title <text>', 'the title (default: the file name, else the sub-type)')
    .option('--date <YYYY-MM-DD>', 'date of the act (default: today; not in the future)')
    .option('--author <name>', 'who wrote it')
    .option('--org <name>', 'the organisation (hospital, laboratory, practice)')
    .option('--masked', 'hide it from professionals')
    .option('--text <text>', 'the content, typed')
    .option('--stdin', 'read the content from standard input')
    .option('--file <path>', 'attach a file (its exact bytes are kept)')
    .option('--max-size <size>', 'refuse content over this size (default 50MiB)')
    .option('--allow-duplicate', 'add it even if the same bytes are already filed')
    .addHelpText(
      'after',
      examples(
        'dmp docs add --type synthese --title "Synthèse 2026" --text "Patiente en bonne santé."',
        'dmp docs add --type cr-imagerie --file radio-thorax.pdf --date 2026-03-02 --org "CHU de Nantes"',
        'pbpaste | dmp docs add --type cr-consultation --stdin --author "Dr Martin"',
      ),
    )
    .action(action<AddFlags>(ctx, (_a, flags) => add(ctx, flags)));
}

async function add(ctx: Context, flags: AddFlags): Promise<void> {
  const actor = requireSession(ctx);
  const patient = currentPatient(ctx);
  const sources = [flags.text !== undefined, Boolean(flags.stdin), flags.file !== undefined].filter(Boolean).length;
  if (sources > 1) throw usageError('Give the content with only one of --text, --stdin and --file.', 'Drop the others; one document has one content.');
  const maxSize = flags.maxSize !== undefined ? parseSize(flags.maxSize) : DEFAULT_MAX_SIZE;
  const date = actDate(ctx, flags.date, isoDay(ctx.now()));
  const givenTitle = flags.title !== undefined ? validateTitle(flags.title) : undefined;
  const author = validateOptionalName(flags.author, 'author');
  const org = validateOptionalName(flags.org, 'org');
  if (sources === 0 && !ctx.interactive) {
    throw usageError('Missing the content.', 'Pass --text TEXT, --stdin or --file PATH; dmp only opens an editor on a terminal.');
  }
  const type = flags.type !== undefined ? resolveType(flags.type) : await chooseType(ctx);
  const { content, fileName } = await readContent(ctx, flags, maxSize);
  const title = givenTitle ?? validateTitle(await askTitle(ctx, fileName ?? type.label));
  const db = ctx.store();
  const result = addDocument(
    db,
    { patientId: patient.id, typeCode: type.code, title, date, author, org, fileName, masked: flags.masked },
    content,
    { actor: actor.username, allowDuplicate: flags.allowDuplicate },
    ctx.now(),
  );
  if (result.duplicateOf !== undefined) {
    ctx.out.note(`These exact bytes are already document ${result.duplicateOf}; nothing was added.`);
    ctx.out.note('  Pass --allow-duplicate to file them again.');
    // The same shape as a new add (the document already filed), plus where it is.
    if (ctx.out.json) ctx.out.jsonValue({ ...documentJson(result.document), duplicateOf: result.duplicateOf });
    return;
  }
  if (content.text.warning) ctx.out.note(`Note: ${content.text.warning}; the document is stored and found by its title, author and organisation only.`);
  printDocument(ctx, result.document, null);
}

async function readContent(ctx: Context, flags: AddFlags, maxSize: number): Promise<{ content: Content; fileName: string | null }> {
  if (flags.file !== undefined) {
    const file = readDocumentFile(resolve(ctx.cwd, flags.file), maxSize);
    return { content: await fileContent(file.bytes), fileName: file.fileName };
  }
  if (flags.stdin) {
    // Reads at most one byte over the limit: `cat /dev/zero | dmp docs add --stdin` stops there.
    const bytes = await ctx.readStdinLimited(maxSize);
    checkSize('Standard input', bytes.length, maxSize, true);
    return { content: await fileContent(bytes), fileName: null };
  }
  const text = flags.text ?? (await ctx.prompter.editor('Text of the document (save and close the editor when done)'));
  if (!text.trim()) throw invalidData('The text is empty.', 'Type the content of the document.');
  const content = typedContent(text);
  checkSize('The text', content.bytes.length, maxSize);
  return { content, fileName: null };
}

/** On a terminal: category, then sub-type, from lists. */
async function chooseType(ctx: Context): Promise<DocumentType> {
  if (!ctx.interactive) throw usageError('Missing --type.', 'Pass --type CODE or SLUG (see `dmp docs types`).');
  const category = await ctx.prompter.select<CategoryKey>(
    'Category',
    Object.entries(CATEGORIES).map(([key, c]) => ({ name: c.label, value: key as CategoryKey, description: c.labelEn })),
  );
  return ctx.prompter.select<DocumentType>(
    'Type of document',
    typesIn(category).map((d) => ({ name: d.label, value: d, description: `${d.code} · ${d.slug}` })),
  );
}

async function askTitle(ctx: Context, fallback: string): Promise<string> {
  if (!ctx.interactive) return fallback;
  const title = await ctx.prompter.input('Title', { default: fallback, validate: asValidator(validateTitle) });
  return title.trim() || fallback;
}
