import type { Command } from 'commander';
import type { Viewer } from '../../../consent/access.js';
import { professionLabel } from '../../../consent/professions.js';
import { validateRpps } from '../../../consent/rpps.js';
import { allViewers, documentAccess, knownProfessional, type ViewerAnswer } from '../../../consent/who-can-see.js';
import { usageError } from '../../../errors.js';
import { action, examples, parsePositiveInt } from '../../command.js';
import type { Context } from '../../context.js';
import { requireSession } from '../../session.js';
import { optionalProfession } from './shared.js';

interface Flags {
  rpps?: string;
  profession?: string;
}

export function registerWhoCanSee(consent: Command, ctx: Context): void {
  consent
    .command('who-can-see')
    .description('who can see a document, and why: you, your legal representatives, your médecin traitant, professionals by profession, emergency and SAMU access')
    .argument('<id>', 'the document id')
    .option('--rpps <number>', 'ask about this professional (their settings: médecin traitant, GP rights, blocked)')
    .option('--profession <key>', 'ask about any professional of this profession (see `dmp consent professions`)')
    .addHelpText(
      'after',
      `${examples('dmp consent who-can-see 12', 'dmp consent who-can-see 12 --profession chirurgien-dentiste', 'dmp consent who-can-see 12 --rpps 10100000123 --json')}
Access by profession follows a matrix (profession x document type). dmp holds the two rules the
public descriptions give (a chirurgien-dentiste does not see advance directives, a
pedicure-podologue does not see a delivery report) and allows everything else: the real DMP's
matrix is finer.
`,
    )
    .action(
      action<Flags>(ctx, ([id], flags) => {
        const docId = parsePositiveInt(String(id), 'document id');
        const rpps = flags.rpps === undefined ? undefined : validateRpps(flags.rpps);
        const profession = optionalProfession(flags.profession);
        requireSession(ctx);
        const answer = documentAccess(ctx.store(), docId, ctx.now(), (state) => {
          if (rpps === undefined && profession === undefined) return allViewers(state);
          const known = rpps ? knownProfessional(state, rpps).profession : null;
          const p = profession ?? known;
          if (!p) throw usageError(`Your settings do not say which profession RPPS ${rpps} has.`, 'Pass --profession too (see `dmp consent professions`).');
          return [{ kind: 'professional', profession: p, ...(rpps ? { rpps } : {}) } satisfies Viewer];
        });
        ctx.out.result(answer, () => {
          for (const v of answer.viewers) printAnswer(ctx, v);
        });
      }),
    );
}

function printAnswer(ctx: Context, v: ViewerAnswer): void {
  const verdict = v.canSee ? ctx.out.color.green('can see') : ctx.out.color.red('cannot see');
  ctx.out.line(`${ctx.out.safe(viewerText(v))}: ${verdict}`);
  for (const r of v.reasons) ctx.out.line(`  ${r.allows ? '+' : '-'} ${ctx.out.safe(r.text)}`);
}

export function viewerText(v: ViewerAnswer): string {
  const p = v.viewer;
  const profession = p.profession ? professionLabel(p.profession) : '';
  const named = p.rpps ? `${p.name ? `${p.name}, ` : ''}RPPS ${p.rpps}` : '';
  switch (p.kind) {
    case 'patient':
      return 'You (the patient)';
    case 'legal-representative':
      return 'Your legal representatives';
    case 'emergency':
      return 'Emergency access (bris de glace)';
    case 'samu':
      return 'SAMU regulating doctor (centre 15)';
    case 'professional': {
      const role = p.role === 'gp' ? 'Médecin traitant' : p.role === 'gp-rights' ? "With the médecin traitant's rights" : p.role === 'blocked' ? 'Blocked' : null;
      if (named) return `${role ?? profession} (${role ? `${profession.toLowerCase()}, ` : ''}${named})`;
      return `Any ${profession.toLowerCase()}`;
    }
  }
}
