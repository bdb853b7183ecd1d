import type { Command, Option } from 'commander';
import type { RootCommand } from '@bomb.sh/tab';
import { DONATION_USES } from '../../consent/donation.js';
import { PROFESSIONS } from '../../consent/professions.js';
import { CATEGORIES, DOCUMENT_TYPES } from '../../documents/taxonomy.js';
import { KINDS, MEASUREMENT_TYPES, SEVERITIES, STATUSES } from '../../health/types.js';
import { SECTIONS } from '../../reimbursements/sections.js';
import { VARIANTS } from '../../testdata/variant-names.js';

type Values = readonly (readonly [value: string, description: string])[];

const documentTypes: Values = DOCUMENT_TYPES.flatMap((t) => [[t.code, t.label], [t.slug, t.label]] as const);
const categories: Values = Object.entries(CATEGORIES).map(([key, c]) => [key, c.label]);
const plain = (list: readonly string[]): Values => list.map((v) => [v, '']);

/**
 * The values an option takes, by option name; `path` (the command, "health add measurement")
 * tells apart options of the same name (--type is a document type, or a measurement type).
 */
function valuesFor(path: string, option: string): Values | undefined {
  if (option === 'type') return path.startsWith('health') ? plain(MEASUREMENT_TYPES) : path.startsWith('docs') ? documentTypes : undefined;
  const byName: Record<string, Values> = {
    category: categories,
    section: plain(SECTIONS),
    kind: plain(KINDS),
    severity: plain(SEVERITIES),
    status: plain(STATUSES),
    variants: plain(VARIANTS),
    by: plain(['section', 'month', 'professional']),
    format: plain(['fhir', 'json']),
    lang: plain(['fr', 'en']),
    profession: Object.entries(PROFESSIONS),
    for: plain(DONATION_USES),
  };
  return byName[option];
}

/** Positional arguments that take a fixed set of values: `completion` shells, `consent samu allow|oppose`, health kinds. */
function argumentValues(path: string, name: string): Values | undefined {
  if (path === 'completion') return plain(['bash', 'zsh', 'fish']);
  // An argument named for its choices: <allow|oppose>, <no-objection|refuse>.
  if (name.includes('|')) return plain(name.split('|'));
  if (name === 'kind') return plain(KINDS);
  if (path.startsWith('health trend')) return plain(MEASUREMENT_TYPES);
  return undefined;
}

/** tab's tree of dmp's visible commands, their flags (with the globals on each) and the values above. */
export async function completionTree(program: Command): Promise<RootCommand> {
  const { RootCommand } = await import('@bomb.sh/tab');
  const root = new RootCommand();
  const globals = program.createHelp().visibleOptions(program).filter((o) => o.long !== '--help' && o.long !== '--version');
  addOptions(root, '', program.createHelp().visibleOptions(program));
  const walk = (cmd: Command, path: string) => {
    for (const sub of program.createHelp().visibleCommands(cmd)) {
      if (sub.name() === 'help') continue;
      const subPath = path ? `${path} ${sub.name()}` : sub.name();
      const node = root.command(subPath, sub.description());
      addOptions(node, subPath, [...cmd.createHelp().visibleOptions(sub), ...globals]);
      for (const arg of sub.registeredArguments) {
        const values = arg.argChoices?.map((c) => [c, ''] as const) ?? argumentValues(subPath, arg.name());
        node.argument(arg.name(), values ? (complete) => values.forEach(([v, d]) => complete(v, d)) : undefined, arg.variadic);
      }
      walk(sub, subPath);
    }
  };
  walk(program, '');
  return root;
}

function addOptions(node: { option: RootCommand['option'] }, path: string, options: readonly Option[]): void {
  for (const o of options) {
    const name = o.long?.replace(/^--/, '');
    if (!name) continue;
    const short = o.short?.replace(/^-/, '');
    const takesValue = o.required || o.optional;
    if (!takesValue) {
      node.option(name, o.description, short);
      continue;
    }
    const values = o.argChoices?.map((c) => [c, ''] as const) ?? valuesFor(path, name);
    node.option(name, o.description, (complete) => values?.forEach(([v, d]) => complete(v, d)), short);
  }
}
