import type { Command } from 'commander';
import { clearGp, setGp } from '../../../consent/consent.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { reportChange, stateText, who } from './shared.js';

export function registerGp(consent: Command, ctx: Context): void {
  const gp = consent.command('gp').description('your médecin traitant (regular doctor), who sees every document, masked ones included');
  gp.command('set')
    .description('name your médecin traitant')
    .requiredOption('--rpps <number>', 'their RPPS number (11 digits)')
    .requiredOption('--name <name>', 'their name, e.g. "Dr Martin"')
    .addHelpText('after', examples('dmp consent gp set --rpps 10003456786 --name "Dr Martin"'))
    .action(
      action<{ rpps: string; name: string }>(ctx, (_a, flags) => {
        const w = who(ctx);
        const outcome = setGp(ctx.store(), w, { rpps: flags.rpps, name: flags.name });
        const text = stateText('gp', outcome.event?.state ?? null);
        reportChange(ctx, w, outcome, `Médecin traitant: ${text}.`, `${text} is already your médecin traitant; nothing changed.`);
      }),
    );
  gp.command('clear')
    .description('no médecin traitant any more')
    .addHelpText('after', examples('dmp consent gp clear'))
    .action(
      action(ctx, () => {
        const w = who(ctx);
        reportChange(ctx, w, clearGp(ctx.store(), w), 'No médecin traitant is named any more.', 'No médecin traitant was named; nothing changed.');
      }),
    );
}
