import type { Command } from 'commander';
import { validateIdentity } from '../../../profile/identity.js';
import { registerPatient } from '../../../profile/changes.js';
import { isoDay } from '../../../util/dates.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { type IdentityFlags, identityOptions, readIdentity } from '../../identity-flags.js';
import { requireSession } from '../../session.js';
import { showPatient } from './show.js';

export function registerAdd(patients: Command, ctx: Context): void {
  identityOptions(patients.command('add').description('add a person to the record (a child of the holder, for instance)'))
    .addHelpText('after', examples('dmp patients add --given-name Léo --family-name DUPONT --birth-date 2015-06-02 --sex M'))
    .action(action<IdentityFlags>(ctx, (_a, flags) => add(ctx, flags)));
}

async function add(ctx: Context, flags: IdentityFlags): Promise<void> {
  const actor = requireSession(ctx);
  const identity = validateIdentity(await readIdentity(ctx, flags), isoDay(ctx.now()));
  showPatient(ctx, registerPatient(ctx.store(), identity, actor.username, ctx.now()));
}
