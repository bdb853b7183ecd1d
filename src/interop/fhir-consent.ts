import type { ConsentState, PersonEntry, ProfessionalEntry } from '../consent/state.js';
import { uuidV5 } from './ids.js';
import { clean, coded, LOINC, ref, type Resource, TERMINOLOGY } from './fhir-types.js';

/** The OID of French health professionals' national identifiers (RPPS). */
export const RPPS = 'urn:oid:1.2.250.1.71.4.2.1';

const PRIVACY = coded(`${TERMINOLOGY}/consentscope`, 'patient-privacy');
const CONSENT_DOC = [coded(LOINC, '59284-0', 'Consent Document')];
const rule = (permit: boolean) => coded(`${TERMINOLOGY}/v3-ActCode`, permit ? 'OPTIN' : 'OPTOUT');
const recipient = coded(`${TERMINOLOGY}/v3-ParticipationType`, 'IRCP', 'information recipient');
const emergencyPurpose = [{ system: `${TERMINOLOGY}/v3-ActReason`, code: 'ETREAT', display: 'Emergency Treatment' }];

interface Context {
  patientUuid: string;
  documentUuids: Map<number, string>;
}

function consent(id: string, c: Context, fields: Record<string, unknown>, permit: boolean, provision: Record<string, unknown> = {}): Resource {
  return clean({
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: PRIVACY,
    category: CONSENT_DOC,
    patient: ref('Patient', c.patientUuid),
    policyRule: rule(permit),
    ...fields,
    provision: clean({ type: permit ? 'permit' : 'deny', ...provision }),
  });
}

const professional = (p: ProfessionalEntry) => ({ role: recipient, reference: clean({ identifier: { system: RPPS, value: p.rpps }, display: p.name ?? `RPPS ${p.rpps}` }) });

/**
 * A person's consent choices as Consent resources (médecin traitant and GP rights permit,
 * blocked professionals deny, emergency and SAMU access, the donation position, the advance
 * directives) and RelatedPerson for the trusted person and the people to warn.
 */
export function consentResources(s: ConsentState, c: Context): Resource[] {
  const out: Resource[] = [];
  const since = (at: string | null) => (at ? { dateTime: at } : {});
  if (s.gp) out.push(consent(s.gp.uuid, c, since(s.gp.since), true, { actor: [professional(s.gp)] }));
  for (const p of s.gpRights) out.push(consent(p.uuid, c, since(p.since), true, { actor: [professional(p)] }));
  for (const p of s.blocked) out.push(consent(p.uuid, c, since(p.since), false, { actor: [professional(p)] }));
  for (const [which, display] of [['emergency', 'Accès en urgence (bris de glace)'], ['samu', 'Médecin régulateur du SAMU (centre 15)']] as const) {
    const a = s[which];
    // A setting never chosen is the law's presumption ("allow"), under an id derived from the person's.
    const id = a.uuid ?? uuidV5(c.patientUuid, `consent:${which}:default`);
    out.push(consent(id, c, since(a.since), a.setting === 'allow', { purpose: emergencyPurpose, actor: [{ role: recipient, reference: { display } }] }));
  }
  if (s.donation.position && s.donation.uuid) {
    const refuse = s.donation.position === 'refuse';
    out.push(
      consent(s.donation.uuid, c, { ...since(s.donation.since), scope: coded(`${TERMINOLOGY}/consentscope`, 'treatment') }, !refuse, {
        code: [{ text: "don d'organes et de tissus" }],
        provision: refuse ? s.donation.refuses.map((use) => ({ type: 'deny', code: [{ text: use }] })) : undefined,
      }),
    );
  }
  if (s.directives) {
    const doc = c.documentUuids.get(s.directives.documentId);
    out.push(
      consent(s.directives.uuid, c, {
        ...since(s.directives.since),
        scope: coded(`${TERMINOLOGY}/consentscope`, 'adr'),
        category: [coded(LOINC, '75320-2', 'Advance directive')],
        sourceReference: doc ? ref('DocumentReference', doc) : undefined,
      }, true),
    );
  }
  if (s.trustedPerson) out.push(relatedPerson(s.trustedPerson, c, { text: 'personne de confiance' }));
  for (const p of s.contacts) out.push(relatedPerson(p, c, coded('http://terminology.hl7.org/CodeSystem/v2-0131', 'C', 'Emergency Contact')));
  return out;
}

function relatedPerson(p: PersonEntry, c: Context, role: { text?: string; coding?: unknown[] }): Resource {
  const telecom = [p.phone ? { system: 'phone', value: p.phone } : undefined, p.email ? { system: 'email', value: p.email } : undefined].filter(Boolean);
  return clean({
    resourceType: 'RelatedPerson',
    id: p.uuid,
    active: true,
    patient: ref('Patient', c.patientUuid),
    relationship: [role, { text: p.relation }],
    name: [{ family: p.familyName, given: p.givenName.split(' ') }],
    telecom,
    period: { start: p.since },
  });
}
