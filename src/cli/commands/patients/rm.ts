import type { Command } from 'commander';
import { dataOf, removePatient } from '../../../profile/changes.js';
import { resolvePatient } from '../../../profile/patients.js';
import { usageError } from '../../../errors.js';
import { action, examples } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';

interface RmFlags {
  yes?: boolean;
  force?: boolean;
}

export function registerRm(patients: Command, ctx: Context): void {
  patients
    .command('rm')
    .description('remove a person added by mistake (never the holder); refused while documents or payer data are filed under them, unless --force; asks first')
    .argument('<ref>', 'an id, a NIR, or a full name ("Léo DUPONT")')
    .option('--force', 'also delete, for good, the documents and payer data filed under the person')
    .option('--yes', 'do not ask (needed when not on a terminal)')
    .addHelpText('after', examples('dmp patients rm 3', 'dmp patients rm 3 --yes', 'dmp patients rm "zoe dupont" --force --yes'))
    .action(action<RmFlags>(ctx, ([ref], flags) => rm(ctx, String(ref), flags)));
}

async function rm(ctx: Context, ref: string, flags: RmFlags): Promise<void> {
  const actor = requireSession(ctx);
  const db = ctx.store();
  const p = resolvePatient(db, ref);
  if (!flags.yes) {
    if (!ctx.interactive) throw usageError(`Removing person ${p.id} needs confirmation.`, 'Pass --yes to confirm; dmp only asks on a terminal.');
    const data = dataOf(db, p.id);
    const what = flags.force && data.documents + data.reimbursements > 0 ? ` and their ${data.documents} documents and ${data.reimbursements} reimbursed acts` : '';
    const ok = await ctx.prompter.confirm(`Remove ${p.givenName} ${p.familyName} (person ${p.id})${what} for good?`, false);
    // Saying no is an answer, not a failure (130 is for Ctrl-C).
    if (!ok) return ctx.out.result({ removed: null }, () => ctx.out.note('Not removed; nothing changed.'));
  }
  const { removed } = removePatient(db, p.id, { actor: actor.username, force: flags.force }, ctx.now());
  ctx.out.result({ removed: p.id, ...removed }, () =>
    ctx.out.note(`Removed ${p.givenName} ${p.familyName} (person ${p.id})${removed.documents + removed.reimbursements > 0 ? `, with ${removed.documents} documents and ${removed.reimbursements} reimbursed acts` : ''}.`),
  );
}
