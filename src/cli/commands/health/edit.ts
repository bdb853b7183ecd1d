import type { Command } from 'commander';
import { usageError } from '../../../errors.js';
import { editHealthEntry, ownEntry } from '../../../health/service.js';
import { aKind, KINDS, type Kind } from '../../../health/types.js';
import type { RawEntry } from '../../../health/validate.js';
import { action, examples, parsePositiveInt } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { entryId, printEntry } from './render.js';
import { type FlagSpec, KIND_SPECS } from './specs.js';
import { explain } from './wording.js';

type Flags = Record<string, string | boolean | undefined>;

/** Every kind's flags, once each (--dose is text for medication, a number for a vaccination). */
const ALL_FLAGS = new Map<string, FlagSpec>();
for (const kind of KINDS) for (const spec of KIND_SPECS[kind].flags) if (!ALL_FLAGS.has(spec.key)) ALL_FLAGS.set(spec.key, spec);

export function registerEdit(health: Command, ctx: Context): void {
  const cmd = health
    .command('edit')
    .description("change an entry's fields (the flags of its kind, as for `dmp health add KIND`); the whole entry is checked again")
    .argument('<id>', 'the entry id');
  for (const spec of ALL_FLAGS.values()) cmd.option(spec.flag, spec.help);
  cmd
    .option('--otc', 'medication: over the counter')
    .option('--prescribed', 'medication: prescribed')
    .option('--reimbursement <id>', 'medication or lab: link this reimbursed act')
    .option('--unlink', 'remove the link to a reimbursed act')
    .option('--clear <fields>', 'empty these optional fields (comma-separated flag names: reaction,note)')
    .addHelpText('after', examples('dmp health edit 3 --severity moderate', 'dmp health edit 7 --value 1,05 --clear note', 'dmp health edit 7 --reimbursement 1203'))
    .action(action<Flags>(ctx, ([id], flags) => run(ctx, entryId(id), flags)));
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function run(ctx: Context, id: number, flags: Flags): void {
  const actor = requireSession(ctx);
  const db = ctx.store();
  const patientId = currentPatient(ctx).id;
  const before = explain(undefined, () => ownEntry(db, patientId, id));
  const changes = readChanges(before.kind, flags);
  if (flags.reimbursement !== undefined && flags.unlink) throw usageError('Pass --reimbursement or --unlink, not both.');
  const link = flags.unlink ? null : flags.reimbursement === undefined ? undefined : parsePositiveInt(String(flags.reimbursement), 'reimbursed act id');
  if (Object.keys(changes).length === 0 && link === undefined) {
    throw usageError(`Nothing to change in health entry ${id}.`, `Pass the fields to change; see \`dmp health add ${before.kind} --help\` for ${aKind(before.kind)}'s flags.`);
  }
  const after = explain(before.kind, () => editHealthEntry(db, { actor: actor.username, patientId }, id, changes, link, ctx.now()));
  printEntry(ctx, after);
}

function readChanges(kind: Kind, flags: Flags): RawEntry {
  const own = new Map(KIND_SPECS[kind].flags.map((s) => [s.key, s]));
  const changes: RawEntry = {};
  for (const [key, value] of Object.entries(flags)) {
    if (['otc', 'prescribed', 'reimbursement', 'unlink', 'clear'].includes(key) || value === undefined) continue;
    const spec = own.get(key);
    if (!spec) throw usageError(`${cap(aKind(kind))} has no ${ALL_FLAGS.get(key)?.flag.split(' ')[0] ?? key} flag.`, `See \`dmp health add ${kind} --help\` for ${aKind(kind)}'s flags.`);
    if (typeof value === 'string' && !value.trim()) throw usageError(`${spec.flag.split(' ')[0]} is empty.`, `Give a value, or use --clear ${key} to empty an optional field.`);
    changes[spec.field] = String(value);
  }
  if (flags.otc || flags.prescribed) {
    if (kind !== 'medication') throw usageError(`${cap(aKind(kind))} has no ${flags.otc ? '--otc' : '--prescribed'} flag.`, 'Only medication is over the counter or prescribed.');
    if (flags.otc && flags.prescribed) throw usageError('Pass --otc or --prescribed, not both.', 'Over the counter is the default; pass --prescribed alone for a prescribed one.');
    changes.origin = flags.prescribed ? 'prescribed' : 'otc';
  }
  for (const name of typeof flags.clear === 'string' ? flags.clear.split(',').map((s) => s.trim().replace(/^--/, '')).filter(Boolean) : []) {
    const spec = own.get(name);
    if (!spec) throw usageError(`${cap(aKind(kind))} has no ${name} field to clear.`, `Clear one of: ${[...own.keys()].join(', ')}.`);
    if (spec.prompt) throw usageError(`The ${name} of ${aKind(kind)} cannot be cleared; it is required.`, `Give a new value with ${spec.flag.split(' ')[0]}.`);
    changes[spec.field] = null;
  }
  return changes;
}
