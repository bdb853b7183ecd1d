import type { Command } from 'commander';
import { usageError } from '../../../errors.js';
import { addHealthEntry } from '../../../health/service.js';
import { KINDS, type Kind } from '../../../health/types.js';
import type { RawEntry } from '../../../health/validate.js';
import { action, examples, parsePositiveInt } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { printEntry } from './render.js';
import { KIND_SPECS } from './specs.js';
import { explain } from './wording.js';

type Flags = Record<string, string | boolean | undefined>;

export function registerAdd(health: Command, ctx: Context): void {
  const add = health.command('add').description('add an allergy, condition, medication, lab result, measurement or vaccination');
  add.addHelpText('after', examples(...KINDS.map((k) => KIND_SPECS[k].examples[0]!)));
  for (const kind of KINDS) {
    const spec = KIND_SPECS[kind];
    const cmd = add.command(kind).description(`add ${spec.description}`);
    for (const flag of spec.flags) cmd.option(flag.flag, flag.help);
    if (kind === 'medication') cmd.option('--otc', 'over the counter (the default)').option('--prescribed', 'prescribed by a doctor');
    if (spec.link) cmd.option('--reimbursement <id>', `the reimbursed ${kind === 'lab' ? 'biology' : 'pharmacy'} act it goes with (see \`dmp reimbursements list --json\`)`);
    cmd.addHelpText('after', examples(...spec.examples)).action(action<Flags>(ctx, (_a, flags) => run(ctx, kind, flags)));
  }
}

async function run(ctx: Context, kind: Kind, flags: Flags): Promise<void> {
  const actor = requireSession(ctx);
  const patient = currentPatient(ctx);
  const raw = await readRaw(ctx, kind, flags);
  const link = flags.reimbursement === undefined ? null : parsePositiveInt(String(flags.reimbursement), 'reimbursed act id');
  const entry = explain(kind, () => addHealthEntry(ctx.store(), { actor: actor.username, patientId: patient.id }, kind, raw, link, ctx.now()));
  printEntry(ctx, entry);
}

/** The flags as raw fields; a required one that is missing is asked for on a terminal. */
export async function readRaw(ctx: Context, kind: Kind, flags: Flags): Promise<RawEntry> {
  const raw: RawEntry = {};
  for (const spec of KIND_SPECS[kind].flags) {
    const given = flags[spec.key];
    raw[spec.field] = typeof given === 'string' ? given : spec.prompt ? await ctx.ask(undefined, spec.flag.split(' ')[0]!, () => ctx.prompter.input(`${spec.prompt}:`)) : undefined;
  }
  if (kind === 'medication') {
    if (flags.otc && flags.prescribed) throw usageError('Pass --otc or --prescribed, not both.', 'Over the counter is the default; pass --prescribed alone for a prescribed one.');
    raw.origin = flags.prescribed ? 'prescribed' : 'otc';
  }
  return raw;
}
