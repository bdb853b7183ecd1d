import type { Command } from 'commander';
import { listPatients, type Patient } from '../../../profile/patients.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';

export function registerList(patients: Command, ctx: Context): void {
  patients
    .command('list')
    .description('list the people in the record, the holder first')
    .addHelpText('after', examples('dmp patients list', 'dmp patients list --json'))
    .action(
      action(ctx, () => {
        requireSession(ctx);
        const rows = listPatients(ctx.store());
        ctx.out.result(rows, () =>
          ctx.out.table<Patient>(
            [
              { header: 'id', value: (p) => p.id, align: 'right' },
              { header: 'name', value: (p) => `${p.givenName} ${p.familyName}` },
              { header: 'born', value: (p) => p.birthDate },
              { header: 'sex', value: (p) => p.sex },
              { header: 'NIR', value: (p) => p.nir },
              { header: 'holder', value: (p) => (p.isHolder ? 'yes' : '') },
            ],
            rows,
          ),
        );
      }),
    );
}
