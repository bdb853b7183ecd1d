import type { Command } from 'commander';
import { eventHistory, type HistoryEntry } from '../../../consent/events.js';
import { PROFESSION_KEYS, professionLabel } from '../../../consent/professions.js';
import { DENIED_TYPES } from '../../../consent/matrix.js';
import { type AccessEntry, type ConsentState, consentState } from '../../../consent/state.js';
import { findType } from '../../../documents/taxonomy.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { professionalText, stateText } from './shared.js';

export function registerShow(consent: Command, ctx: Context): void {
  consent
    .command('show')
    .description('every consent setting as it is now: médecin traitant, GP rights, blocked professionals, emergency and SAMU access, trusted person, contacts, organ donation, advance directives')
    .addHelpText('after', examples('dmp consent show', 'dmp --patient "Léo DUPONT" consent show --json'))
    .action(
      action(ctx, () => {
        requireSession(ctx);
        const state = consentState(ctx.store(), currentPatient(ctx).id);
        ctx.out.result(state, () => printState(ctx, state));
      }),
    );

  consent
    .command('history')
    .description('every change of the consent settings, newest first, with the value before and after')
    .addHelpText('after', examples('dmp consent history', 'dmp consent history --json'))
    .action(
      action(ctx, () => {
        requireSession(ctx);
        const rows = eventHistory(ctx.store(), currentPatient(ctx).id);
        ctx.out.result(rows.map(historyJson), () => {
          if (rows.length === 0 && ctx.out.isTTY) return ctx.out.note('No consent setting was changed yet: the defaults apply.');
          ctx.out.table<HistoryEntry>(
            [
              { header: 'id', value: (e) => e.id, align: 'right' },
              { header: 'at', value: (e) => e.at },
              { header: 'setting', value: (e) => e.topic },
              { header: 'before', value: (e) => stateText(e.topic, e.before) },
              { header: 'after', value: (e) => (e.state === null ? (e.topic === 'contact' ? 'removed' : 'cleared') : stateText(e.topic, e.state)) },
            ],
            rows,
          );
        });
      }),
    );

  consent
    .command('professions')
    .description('the professions dmp knows (keys for --profession) and what the access matrix keeps from each')
    .addHelpText('after', examples('dmp consent professions', 'dmp consent professions --json'))
    .action(
      action(ctx, () => {
        const rows = PROFESSION_KEYS.map((key) => ({ key, label: professionLabel(key), deniedTypes: [...(DENIED_TYPES[key] ?? [])] }));
        ctx.out.result(rows, () =>
          ctx.out.table<(typeof rows)[number]>(
            [
              { header: 'key', value: (r) => r.key },
              { header: 'label', value: (r) => r.label },
              { header: 'does not see', value: (r) => r.deniedTypes.map((c) => `${c} (${findType(c)?.label ?? c})`).join(', ') },
            ],
            rows,
          ),
        );
      }),
    );
}

/** A history line as JSON: `after` is the stored state, `before` the one it replaced. */
function historyJson(e: HistoryEntry) {
  return { id: e.id, uuid: e.uuid, at: e.at, actor: e.actor, setting: e.topic, subject: e.subject, before: e.before, after: e.state };
}

const accessText = (a: AccessEntry) => `${a.setting === 'allow' ? 'allowed' : 'opposed'}${a.isDefault ? ' (the default: you did not object)' : ''}`;

function printState(ctx: Context, s: ConsentState): void {
  const list = (items: string[]) => (items.length ? items.join('; ') : 'none');
  ctx.out.fields([
    ['médecin traitant', s.gp ? professionalText(s.gp) : 'none'],
    ["médecin traitant's rights", list(s.gpRights.map(professionalText))],
    ['blocked', list(s.blocked.map(professionalText))],
    ['emergency access', accessText(s.emergency)],
    ['SAMU regulator', accessText(s.samu)],
    ['trusted person', s.trustedPerson ? stateText('trusted-person', { ...s.trustedPerson }) : 'none'],
    ['contacts', list(s.contacts.map((c) => `${c.id}: ${stateText('contact', { ...c })}`))],
    ['organ donation', s.donation.position === null ? 'no position stated' : stateText('donation', { position: s.donation.position, refuses: s.donation.refuses })],
    ['advance directives', s.directives ? `document ${s.directives.documentId}` : 'none'],
    ['hidden from legal representatives', s.hiddenFromRepresentatives.length ? s.hiddenFromRepresentatives.map((id) => `document ${id}`).join(', ') : 'none'],
  ]);
  ctx.out.note(s.donation.notice);
}
