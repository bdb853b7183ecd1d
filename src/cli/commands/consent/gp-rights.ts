import type { Command } from 'commander';
import { grantGpRights, revokeGpRights } from '../../../consent/consent.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { optionalProfession, reportChange, stateText, who } from './shared.js';

export function registerGpRights(consent: Command, ctx: Context): void {
  consent
    .command('grant-gp-rights')
    .description("give a professional the médecin traitant's rights: they see every document, masked ones included")
    .requiredOption('--rpps <number>', 'their RPPS number (11 digits)')
    .option('--name <name>', 'their name')
    .option('--profession <key>', 'their profession (see `dmp consent professions`)')
    .addHelpText('after', examples('dmp consent grant-gp-rights --rpps 10000000025 --name "Dr Petit" --profession medecin'))
    .action(
      action<{ rpps: string; name?: string; profession?: string }>(ctx, (_a, flags) => {
        const w = who(ctx);
        const outcome = grantGpRights(ctx.store(), w, { rpps: flags.rpps, name: flags.name, profession: optionalProfession(flags.profession) });
        const text = stateText('gp-rights', outcome.event?.state ?? null);
        reportChange(ctx, w, outcome, `${text} now has the médecin traitant's rights.`, `${text} already had these rights; nothing changed.`);
      }),
    );

  consent
    .command('revoke-gp-rights')
    .description("take the médecin traitant's rights back from a professional")
    .requiredOption('--rpps <number>', 'their RPPS number')
    .addHelpText('after', examples('dmp consent revoke-gp-rights --rpps 10000000025'))
    .action(
      action<{ rpps: string }>(ctx, (_a, flags) => {
        const w = who(ctx);
        reportChange(ctx, w, revokeGpRights(ctx.store(), w, flags.rpps), `RPPS ${flags.rpps.trim()} no longer has the médecin traitant's rights.`, 'Nothing changed.');
      }),
    );
}
