import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { addContact, clearTrustedPerson, removeContact, setTrustedPerson } from '../../../consent/consent.js';
import type { PersonInput } from '../../../consent/people.js';
import { type ContactEntry, consentState } from '../../../consent/state.js';
import { action, examples, parsePositiveInt } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';
import { reportChange, stateText, who } from './shared.js';

function personOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--given-name <name>', 'their given name')
    .requiredOption('--family-name <name>', 'their family name')
    .requiredOption('--relation <text>', 'who they are to you: sister, friend, neighbour...')
    .option('--phone <number>', 'a French number (06 12 34 56 78) or an international one (+44 ...)')
    .option('--email <address>', 'their e-mail address');
}

export function registerTrustedPerson(consent: Command, ctx: Context): void {
  const trusted = consent
    .command('trusted-person')
    .description('your personne de confiance (CSP L1111-6): accompanies you and is consulted if you cannot express your will');
  personOptions(trusted.command('set').description('name your trusted person (replaces the one named before)'))
    .addHelpText('after', examples('dmp consent trusted-person set --given-name Jean --family-name DUPONT --relation frère --phone "06 12 34 56 78"'))
    .action(
      action<PersonInput>(ctx, (_a, flags) => {
        const w = who(ctx);
        const outcome = setTrustedPerson(ctx.store(), w, flags);
        const text = stateText('trusted-person', outcome.event?.state ?? null);
        reportChange(ctx, w, outcome, `Trusted person: ${text}.`, `${text} is already your trusted person; nothing changed.`);
      }),
    );
  trusted
    .command('clear')
    .description('no trusted person any more')
    .addHelpText('after', examples('dmp consent trusted-person clear'))
    .action(
      action(ctx, () => {
        const w = who(ctx);
        reportChange(ctx, w, clearTrustedPerson(ctx.store(), w), 'No trusted person is named any more.', 'No trusted person was named; nothing changed.');
      }),
    );
}

export function registerContacts(consent: Command, ctx: Context): void {
  const contacts = consent.command('contacts').description('people to warn (personnes à prévenir), distinct from the trusted person');
  personOptions(contacts.command('add').description('add a person to warn'))
    .addHelpText('after', examples('dmp consent contacts add --given-name Paul --family-name MARTIN --relation voisin --email paul@example.fr'))
    .action(
      action<PersonInput>(ctx, (_a, flags) => {
        const w = who(ctx);
        const outcome = addContact(ctx.store(), w, flags, randomUUID());
        reportChange(ctx, w, outcome, `Added contact ${outcome.event!.id}: ${stateText('contact', outcome.event!.state)}.`, 'Nothing changed.');
      }),
    );
  contacts
    .command('list')
    .description('the people to warn')
    .addHelpText('after', examples('dmp consent contacts list', 'dmp consent contacts list --json'))
    .action(
      action(ctx, () => {
        requireSession(ctx);
        const rows = consentState(ctx.store(), currentPatient(ctx).id).contacts;
        ctx.out.result(rows, () => {
          if (rows.length === 0 && ctx.out.isTTY) return ctx.out.note('No contact yet.');
          ctx.out.table<ContactEntry>(
            [
              { header: 'id', value: (c) => c.id, align: 'right' },
              { header: 'given name', value: (c) => c.givenName },
              { header: 'family name', value: (c) => c.familyName },
              { header: 'relation', value: (c) => c.relation },
              { header: 'phone', value: (c) => c.phone },
              { header: 'email', value: (c) => c.email },
            ],
            rows,
          );
        });
      }),
    );
  contacts
    .command('rm')
    .description('remove a person to warn (the history keeps them)')
    .argument('<id>', 'the contact id (see `dmp consent contacts list`)')
    .addHelpText('after', examples('dmp consent contacts rm 3'))
    .action(
      action(ctx, ([id]) => {
        const contactId = parsePositiveInt(String(id), 'contact id');
        const w = who(ctx);
        reportChange(ctx, w, removeContact(ctx.store(), w, contactId), `Removed contact ${contactId}.`, 'Nothing changed.');
      }),
    );
}
