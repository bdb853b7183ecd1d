import type { Command } from 'commander';
import { formatNir } from '../../../profile/nir.js';
import { type Patient, resolvePatient } from '../../../profile/patients.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';

export function registerShow(patients: Command, ctx: Context): void {
  patients
    .command('show')
    .description('show one person: id, NIR or full name')
    .argument('<ref>', 'an id, a NIR, or a full name ("Léo DUPONT")')
    .addHelpText('after', examples('dmp patients show 2', 'dmp patients show "leo dupont" --json'))
    .action(
      action(ctx, ([ref]) => {
        requireSession(ctx);
        showPatient(ctx, resolvePatient(ctx.store(), String(ref)));
      }),
    );
}

export function showPatient(ctx: Context, p: Patient): void {
  ctx.out.result(p, () =>
    ctx.out.fields([
      ['id', p.id],
      ['name', `${p.givenName} ${p.familyName}`],
      ['born', p.birthDate],
      ['sex', p.sex],
      ['NIR', p.nir ? formatNir(p.nir) : '(none)'],
      ['role', p.isHolder ? 'record holder' : 'in the holder\'s record'],
    ]),
  );
}
