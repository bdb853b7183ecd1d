import type { Command } from 'commander';
import { type IdentityInput, validateIdentity } from '../profile/identity.js';
import { isoDay } from '../util/dates.js';
import type { Context } from './context.js';
import { asValidator } from './prompter.js';

export interface IdentityFlags {
  givenName?: string;
  familyName?: string;
  birthDate?: string;
  sex?: string;
  nir?: string;
}

/** The identity flags shared by `init` and `patients add`. */
export function identityOptions(cmd: Command): Command {
  return cmd
    .option('--given-name <name>', 'given name (prénom)')
    .option('--family-name <name>', 'family name (nom)')
    .option('--birth-date <YYYY-MM-DD>', 'date of birth')
    .option('--sex <F|M>', 'sex, F or M')
    .option('--nir <number>', 'social security number (NIR), 15 digits, spaces allowed');
}

/**
 * Each missing trait is asked on a terminal, and checked as soon as it is typed (the same
 * checks as the flags); without a terminal, validation names the flag to pass.
 */
export async function readIdentity(ctx: Context, flags: IdentityFlags): Promise<IdentityInput> {
  // Prompts fill in what is missing; a command line with every required flag runs without asking.
  const complete = Boolean(flags.givenName && flags.familyName && flags.birthDate && flags.sex);
  if (!ctx.interactive || complete) return { ...flags };
  const p = ctx.prompter;
  const today = isoDay(ctx.now());
  const sample = { givenName: 'A', familyName: 'A', birthDate: '2000-01-01', sex: 'F' };
  // Each answer is checked alone, against placeholder values for the traits not asked yet.
  const check = (field: keyof IdentityInput, known: IdentityInput = {}) =>
    asValidator((v) => validateIdentity({ ...sample, ...known, [field]: v }, today));
  const givenName = flags.givenName ?? (await p.input('Given name (prénom):', { validate: check('givenName') }));
  const familyName = flags.familyName ?? (await p.input('Family name (nom):', { validate: check('familyName') }));
  const birthDate = flags.birthDate ?? (await p.input('Date of birth (YYYY-MM-DD):', { validate: check('birthDate') }));
  const sex = flags.sex ?? (await p.select('Sex:', [{ name: 'F', value: 'F' }, { name: 'M', value: 'M' }]));
  const nir =
    flags.nir ??
    ((await p.input('NIR (social security number, optional):', { validate: (v) => (v.trim() ? check('nir', { birthDate, sex })(v) : true) })) ||
      undefined);
  return { givenName, familyName, birthDate, sex, nir };
}
