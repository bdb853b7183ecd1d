import type { Command } from 'commander';
import { type IdentityInput, validateIdentity } from '../profile/identity.js';
import { isoDay } from '../util/dates.js';
import type { Context } from './context.js';

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
  const check = (partial: IdentityInput) => (value: string) => {
    try {
      validateIdentity({ ...sample, ...partial }, today);
      return true;
    } catch (err) {
      return `${(err as Error).message}`;
    }
  };
  const givenName = flags.givenName ?? (await p.input('Given name (prénom):', { validate: (v) => check({ givenName: v })(v) }));
  const familyName = flags.familyName ?? (await p.input('Family name (nom):', { validate: (v) => check({ familyName: v })(v) }));
  const birthDate = flags.birthDate ?? (await p.input('Date of birth (YYYY-MM-DD):', { validate: (v) => check({ birthDate: v })(v) }));
  const sex = flags.sex ?? (await p.select('Sex:', [{ name: 'F', value: 'F' }, { name: 'M', value: 'M' }]));
  const nir =
    flags.nir ??
    ((await p.input('NIR (social security number, optional):', { validate: (v) => (v.trim() ? check({ birthDate, sex, nir: v })(v) : true) })) ||
      undefined);
  return { givenName, familyName, birthDate, sex, nir };
}
