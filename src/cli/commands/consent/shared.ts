import type { Who } from '../../../consent/consent.js';
import type { Outcome, State, Topic } from '../../../consent/events.js';
import { type Profession, parseProfession, professionLabel } from '../../../consent/professions.js';
import { type ConsentState, consentState, type ProfessionalEntry } from '../../../consent/state.js';
import type { Context } from '../../context.js';
import { currentPatient, requireSession } from '../../session.js';

/** Who changes whose consent: the logged-in holder, about --patient (default: the holder). */
export function who(ctx: Context): Who {
  const actor = requireSession(ctx);
  return { patientId: currentPatient(ctx).id, actor: actor.username, now: ctx.now() };
}

export const optionalProfession = (raw: string | undefined): Profession | undefined => (raw === undefined ? undefined : parseProfession(raw));

export function professionalText(p: Pick<ProfessionalEntry, 'rpps' | 'name' | 'profession'>): string {
  const what = [p.name, p.profession ? professionLabel(p.profession).toLowerCase() : null].filter(Boolean).join(', ');
  return `${what ? `${what} ` : ''}(RPPS ${p.rpps})`;
}

/** What a change did, then (with --json) the whole consent state after it. */
export function reportChange(ctx: Context, w: Who, outcome: Outcome, done: string, unchanged: string): void {
  const state: ConsentState = consentState(ctx.store(), w.patientId);
  ctx.out.result({ changed: outcome.changed, consent: state }, () => ctx.out.note(outcome.changed ? done : unchanged));
}

/** One setting's value in a line of text (history, show). */
export function stateText(topic: Topic, state: State | null): string {
  if (state === null) return 'none';
  const s = state as {
    rpps: string;
    name?: string | null;
    profession?: Profession | null;
    setting: string;
    givenName: string;
    familyName: string;
    relation: string;
    phone?: string | null;
    email?: string | null;
    position: string;
    refuses: string[];
    documentId: number;
  };
  switch (topic) {
    case 'gp':
    case 'gp-rights':
    case 'blocked':
      return professionalText({ rpps: s.rpps, name: s.name ?? null, profession: s.profession ?? null });
    case 'emergency':
    case 'samu':
      return s.setting === 'allow' ? 'allowed' : 'opposed';
    case 'trusted-person':
    case 'contact':
      return [`${s.givenName} ${s.familyName} (${s.relation})`, s.phone, s.email].filter(Boolean).join(', ');
    case 'donation':
      return s.position === 'refuse' ? `refuses ${s.refuses.join(', ')}` : 'no objection';
    case 'directives':
      return `document ${s.documentId}`;
    case 'representatives':
      return 'hidden from legal representatives';
  }
}
