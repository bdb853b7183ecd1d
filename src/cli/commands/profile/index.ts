import type { Command } from 'commander';
import { formatNir } from '../../../profile/nir.js';
import { CONTACT_FIELDS, type ContactChanges, editContact, getContact } from '../../../profile/contact.js';
import { usageError } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';

interface EditFlags {
  address?: string;
  postcode?: string;
  city?: string;
  phone?: string;
  email?: string;
  clear?: string;
}

export function registerProfile(program: Command, ctx: Context): void {
  const profile = program.command('profile').description("the person's information: identity and contact details (MES INFORMATIONS)");
  profile
    .command('show')
    .description('show the identity and contact details of the holder (or --patient)')
    .addHelpText('after', examples('dmp profile show', 'dmp --patient 2 profile show --json'))
    .action(action(ctx, () => show(ctx)));
  profile
    .command('edit')
    .description('set contact details; each is checked (phone: French or international, stored +33...; e-mail; 5-digit postcode)')
    .option('--address <text>', 'street address')
    .option('--postcode <code>', 'the 5-digit code postal')
    .option('--city <name>', 'the town')
    .option('--phone <number>', 'a French (06 12 34 56 78) or international (+44 ...) number')
    .option('--email <address>', 'an e-mail address')
    .option('--clear <fields>', `empty these fields (comma-separated: ${CONTACT_FIELDS.join(', ')})`)
    .addHelpText('after', examples('dmp profile edit --address "12 rue des Lilas" --postcode 75011 --city Paris', 'dmp profile edit --phone "06 12 34 56 78" --email marie@example.fr', 'dmp profile edit --clear phone'))
    .action(action<EditFlags>(ctx, (_a, flags) => edit(ctx, flags)));
}

function show(ctx: Context): void {
  requireSession(ctx);
  const p = currentPatient(ctx);
  const contact = getContact(ctx.store(), p.id);
  ctx.out.result({ ...p, contact }, () =>
    ctx.out.fields([
      ['id', p.id],
      ['name', `${p.givenName} ${p.familyName}`],
      ['born', p.birthDate],
      ['sex', p.sex],
      ['NIR', p.nir ? formatNir(p.nir) : '(none)'],
      ['address', contact.address],
      ['postcode', contact.postcode],
      ['city', contact.city],
      ['phone', contact.phone],
      ['e-mail', contact.email],
    ]),
  );
}

function edit(ctx: Context, flags: EditFlags): void {
  const actor = requireSession(ctx);
  const changes: ContactChanges = {};
  for (const field of CONTACT_FIELDS) if (flags[field] !== undefined) changes[field] = flags[field];
  for (const name of (flags.clear ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(CONTACT_FIELDS as readonly string[]).includes(name)) throw usageError(`"${name}" is not a contact field.`, `Clear one of: ${CONTACT_FIELDS.join(', ')}.`);
    if (changes[name as keyof ContactChanges] !== undefined) throw usageError(`--${name} is both set and cleared.`, 'Pass one or the other.');
    changes[name as keyof ContactChanges] = null;
  }
  if (Object.keys(changes).length === 0) throw usageError('Nothing to change.', 'Pass --address, --postcode, --city, --phone, --email or --clear.');
  editContact(ctx.store(), currentPatient(ctx).id, changes, actor.username, ctx.now());
  show(ctx);
}
