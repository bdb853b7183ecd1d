import type { Command } from 'commander';
import { block, unblock } from '../../../consent/consent.js';
import { consentState, type ProfessionalEntry } from '../../../consent/state.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { optionalProfession, reportChange, stateText, who } from './shared.js';

interface BlockFlags {
  rpps: string;
  name?: string;
  profession?: string;
}

export function registerBlock(consent: Command, ctx: Context): void {
  consent
    .command('block')
    .description('block a named professional: they see none of your documents')
    .requiredOption('--rpps <number>', 'their RPPS number (11 digits)')
    .option('--name <name>', 'their name, for you to recognise them')
    .option('--profession <key>', 'their profession (see `dmp consent professions`)')
    .addHelpText('after', examples('dmp consent block --rpps 10100000123 --name "Dr Durand" --profession medecin'))
    .action(
      action<BlockFlags>(ctx, (_a, flags) => {
        const w = who(ctx);
        const outcome = block(ctx.store(), w, { rpps: flags.rpps, name: flags.name, profession: optionalProfession(flags.profession) });
        const text = stateText('blocked', outcome.event?.state ?? null);
        reportChange(ctx, w, outcome, `Blocked ${text}.`, `${text} was already blocked; nothing changed.`);
      }),
    );

  consent
    .command('unblock')
    .description('unblock a professional you blocked')
    .requiredOption('--rpps <number>', 'their RPPS number')
    .addHelpText('after', examples('dmp consent unblock --rpps 10100000123'))
    .action(
      action<{ rpps: string }>(ctx, (_a, flags) => {
        const w = who(ctx);
        const outcome = unblock(ctx.store(), w, flags.rpps);
        reportChange(ctx, w, outcome, `Unblocked RPPS ${flags.rpps.trim()}.`, 'Nothing changed.');
      }),
    );

  consent
    .command('blocked')
    .description('the professionals you blocked')
    .addHelpText('after', examples('dmp consent blocked', 'dmp consent blocked --json'))
    .action(
      action(ctx, () => {
        requireSession(ctx);
        const rows = consentState(ctx.store(), currentPatient(ctx).id).blocked;
        ctx.out.result(rows, () => professionalTable(ctx, rows, 'No professional is blocked.'));
      }),
    );
}

export function professionalTable(ctx: Context, rows: ProfessionalEntry[], empty: string): void {
  if (rows.length === 0 && ctx.out.isTTY) return ctx.out.note(empty);
  ctx.out.table<ProfessionalEntry>(
    [
      { header: 'rpps', value: (p) => p.rpps },
      { header: 'name', value: (p) => p.name },
      { header: 'profession', value: (p) => p.profession },
      { header: 'since', value: (p) => p.since.slice(0, 10) },
    ],
    rows,
  );
}


