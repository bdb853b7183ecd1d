import type { Command } from 'commander';
import { clearDirectives, setDirectives, setDonation, setHiddenFromRepresentatives } from '../../../consent/consent.js';
import { DONATION_NOTICE, DONATION_USES, parseDonationUses } from '../../../consent/donation.js';
import { usageError } from '../../../errors.js';
import { action, examples, parsePositiveInt } from '../../command.js';
import type { Context } from '../../context.js';
import { reportChange, stateText, who } from './shared.js';

export function registerDonation(consent: Command, ctx: Context): void {
  const donation = consent
    .command('donation')
    .description('your stated position on organ and tissue donation (only the Registre national des refus counts legally)');
  donation
    .command('set')
    .description('state your position: no-objection, or refuse (some or all uses)')
    .argument('<no-objection|refuse>', 'your position')
    .option('--for <uses>', `with refuse: what you refuse, comma-separated, any of ${DONATION_USES.join(', ')}`)
    .addHelpText('after', `${examples('dmp consent donation set no-objection', 'dmp consent donation set refuse --for transplantation,research,autopsy')}\n${DONATION_NOTICE}\n`)
    .action(
      action<{ for?: string }>(ctx, ([position], flags) => {
        if (position !== 'no-objection' && position !== 'refuse') throw usageError(`"${String(position)}" is neither no-objection nor refuse.`, 'Run `dmp consent donation set no-objection` or `dmp consent donation set refuse --for transplantation,research,autopsy`.');
        if (position === 'refuse' && flags.for === undefined) throw usageError('A refusal needs what it refuses.', `Pass --for with any of ${DONATION_USES.join(', ')} (comma-separated).`);
        if (position === 'no-objection' && flags.for !== undefined) throw usageError('--for goes with refuse, not with no-objection.', 'Drop --for, or state `refuse --for ...`.');
        const w = who(ctx);
        const outcome = setDonation(ctx.store(), w, position, flags.for === undefined ? [] : parseDonationUses(flags.for));
        const text = stateText('donation', outcome.event?.state ?? null);
        reportChange(ctx, w, outcome, `Organ donation: ${text}.`, `Your position was already: ${text}; nothing changed.`);
        if (!ctx.out.json) ctx.out.note(DONATION_NOTICE);
      }),
    );
}

export function registerDirectives(consent: Command, ctx: Context): void {
  const directives = consent.command('directives').description('your advance directives (directives anticipées): a document of type EXPPAT_3 in the record');
  directives
    .command('set')
    .description('point to the document holding your advance directives (type EXPPAT_3)')
    .requiredOption('--document <id>', 'the document id (add it first with `dmp docs add --type directives-anticipees`)')
    .addHelpText('after', examples('dmp docs add --type directives-anticipees --file directives.pdf', 'dmp consent directives set --document 12'))
    .action(
      action<{ document: string }>(ctx, (_a, flags) => {
        const id = parsePositiveInt(flags.document, 'document id');
        const w = who(ctx);
        reportChange(ctx, w, setDirectives(ctx.store(), w, id), `Advance directives: document ${id}.`, `Document ${id} already holds your advance directives; nothing changed.`);
      }),
    );
  directives
    .command('clear')
    .description('no advance directives document any more (the document itself stays)')
    .addHelpText('after', examples('dmp consent directives clear'))
    .action(
      action(ctx, () => {
        const w = who(ctx);
        reportChange(ctx, w, clearDirectives(ctx.store(), w), 'No document is named as your advance directives any more.', 'No advance directives were named; nothing changed.');
      }),
    );
}

export function registerRepresentatives(consent: Command, ctx: Context): void {
  const reps = consent.command('representatives').description("hide a minor's document from their legal representatives (parents, guardian), or show it to them again");
  for (const [verb, hidden] of [['hide', true], ['unhide', false]] as const) {
    reps
      .command(verb)
      .description(hidden ? "hide a minor's document from their legal representatives" : 'let the legal representatives see the document again')
      .argument('<id>', 'the document id')
      .addHelpText('after', examples(`dmp --patient "Léo DUPONT" consent representatives ${verb} 14`))
      .action(
        action(ctx, ([id]) => {
          const docId = parsePositiveInt(String(id), 'document id');
          const w = who(ctx);
          const outcome = setHiddenFromRepresentatives(ctx.store(), w, docId, hidden);
          const state = hidden ? 'hidden from' : 'visible to';
          reportChange(ctx, w, outcome, `Document ${docId} is now ${state} the legal representatives.`, `Document ${docId} was already ${state} the legal representatives; nothing changed.`);
        }),
      );
  }
}
