import type { ConsentSummary } from '../../../consent/state.js';

/** The consent part of the summary as label/value pairs, shared by the dashboard and the piped blocks. */
export function consentPairs(c: ConsentSummary): [string, string][] {
  const person = (p: { givenName: string; familyName: string; relation: string } | null) => (p ? `${p.givenName} ${p.familyName} (${p.relation})` : 'none');
  const donation = c.donation.position === 'refuse' ? `refuses: ${c.donation.refuses.join(', ')}` : (c.donation.position ?? 'not stated');
  return [
    ['gp', c.gp ? `${c.gp.name ?? ''} RPPS ${c.gp.rpps}`.trim() : 'none'],
    ['blocked', String(c.blocked)],
    ['emergency', c.emergency],
    ['samu', c.samu],
    ['trustedPerson', person(c.trustedPerson)],
    ['donation', donation],
    ['directives', c.directives ? `document ${c.directives.documentId}` : 'none'],
  ];
}
