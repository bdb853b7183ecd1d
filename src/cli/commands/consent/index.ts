import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerAccess } from './access.js';
import { registerBlock } from './block.js';
import { registerGp } from './gp.js';
import { registerGpRights } from './gp-rights.js';
import { registerContacts, registerTrustedPerson } from './people.js';
import { registerShow } from './show.js';
import { registerWhoCanSee } from './who-can-see.js';
import { registerDirectives, registerDonation, registerRepresentatives } from './wishes.js';

export function registerConsent(program: Command, ctx: Context): void {
  const consent = program
    .command('consent')
    .description('who may see your record and why, and your wishes: médecin traitant, blocked professionals, emergency access, trusted person, contacts, organ donation, advance directives');
  registerShow(consent, ctx);
  registerGp(consent, ctx);
  registerBlock(consent, ctx);
  registerGpRights(consent, ctx);
  registerAccess(consent, ctx, 'emergency');
  registerAccess(consent, ctx, 'samu');
  registerTrustedPerson(consent, ctx);
  registerContacts(consent, ctx);
  registerDonation(consent, ctx);
  registerDirectives(consent, ctx);
  registerRepresentatives(consent, ctx);
  registerWhoCanSee(consent, ctx);
}
