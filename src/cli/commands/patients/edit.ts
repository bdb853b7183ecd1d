import type { Command } from 'commander';
import { editPatient } from '../../../profile/changes.js';
import { resolvePatient } from '../../../profile/patients.js';
import { usageError } from '../../../errors.js';
import { isoDay } from '../../../util/dates.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { type IdentityFlags, identityOptions } from '../../identity-flags.js';
import { requireSession } from '../../session.js';
import { showPatient } from './show.js';

export function registerEdit(patients: Command, ctx: Context): void {
  identityOptions(
    patients
      .command('edit')
      .description('correct a person\'s identity (name, date of birth, sex, NIR); refused while documents or payer data are filed under them, unless --force')
      .argument('<ref>', 'an id, a NIR, or a full name ("Léo DUPONT")'),
  )
    .option('--force', 'change it even though documents or payer data are filed under the person')
    .addHelpText('after', examples('dmp patients edit 2 --birth-date 2015-06-12', 'dmp patients edit "leo dupont" --given-name Léon --force', 'dmp patients edit 2 --nir ""'))
    .action(action<IdentityFlags & { force?: boolean }>(ctx, ([ref], flags) => edit(ctx, String(ref), flags)));
}

function edit(ctx: Context, ref: string, flags: IdentityFlags & { force?: boolean }): void {
  const actor = requireSession(ctx);
  const { force, ...identity } = flags;
  if (Object.values(identity).every((v) => v === undefined)) {
    throw usageError('Nothing to change.', 'Pass at least one of --given-name, --family-name, --birth-date, --sex, --nir.');
  }
  const db = ctx.store();
  const person = resolvePatient(db, ref);
  const after = editPatient(db, person.id, identity, { actor: actor.username, force }, isoDay(ctx.now()), ctx.now());
  if (JSON.stringify(after) === JSON.stringify(person)) ctx.out.note(`Person ${person.id} already has that identity; nothing changed.`);
  showPatient(ctx, after);
}
