import { findType } from '../documents/taxonomy.js';
import { professionMaySee } from './matrix.js';
import { type Profession, professionLabel } from './professions.js';
import type { AccessSetting } from './state.js';

/**
 * Who can see a document, and why: one pure function of the document, the viewer and the
 * patient's consent settings, so every rule is in one place and tested over a table.
 */

export type Viewer =
  | { kind: 'patient' }
  | { kind: 'legal-representative' }
  /** Any professional; with an RPPS, the patient's settings about that person apply. */
  | { kind: 'professional'; profession: Profession; rpps?: string }
  /** A professional opening the record in an emergency (bris de glace). */
  | { kind: 'emergency'; profession: Profession; rpps?: string }
  /** The SAMU's regulating doctor (centre 15). */
  | { kind: 'samu'; rpps?: string };

export interface DocumentFacts {
  typeCode: string;
  /** Masked from professionals (MASQUE_PS). */
  masked: boolean;
  /** A minor's document hidden from the legal representatives (INVISIBLE_REPRESENTANTS_LEGAUX). */
  hiddenFromRepresentatives: boolean;
  patientIsMinor: boolean;
}

export interface AccessFacts {
  gp: string | null;
  gpRights: readonly string[];
  blocked: readonly string[];
  emergency: AccessSetting;
  samu: AccessSetting;
}

export type Rule =
  | 'patient'
  | 'legal-representative'
  | 'not-a-minor'
  | 'hidden-from-representatives'
  | 'blocked'
  | 'gp'
  | 'gp-rights'
  | 'masked'
  | 'profession'
  | 'emergency-allowed'
  | 'emergency-opposed'
  | 'samu-allowed'
  | 'samu-opposed';

export interface Reason {
  rule: Rule;
  /** Whether this rule lets the viewer see the document. */
  allows: boolean;
  text: string;
}

export interface Verdict {
  canSee: boolean;
  reasons: Reason[];
}

const allow = (rule: Rule, text: string): Reason => ({ rule, allows: true, text });
const deny = (rule: Rule, text: string): Reason => ({ rule, allows: false, text });

/** The viewer sees the document when every rule that applies allows it. */
export function whoCanSee(doc: DocumentFacts, viewer: Viewer, facts: AccessFacts): Verdict {
  const reasons = reasonsFor(doc, viewer, facts);
  return { canSee: reasons.every((r) => r.allows), reasons };
}

function reasonsFor(doc: DocumentFacts, viewer: Viewer, facts: AccessFacts): Reason[] {
  switch (viewer.kind) {
    case 'patient':
      return [allow('patient', 'The patient sees every document of their own record, masked ones included.')];
    case 'legal-representative':
      if (!doc.patientIsMinor) return [deny('not-a-minor', 'The patient is not a minor: no legal representative reads their record through this right.')];
      if (doc.hiddenFromRepresentatives) return [deny('hidden-from-representatives', "This minor's document is hidden from the legal representatives.")];
      return [allow('legal-representative', "A minor's legal representatives see the documents not hidden from them.")];
    default:
      return professionalReasons(doc, viewer, facts);
  }
}

function professionalReasons(doc: DocumentFacts, viewer: Exclude<Viewer, { kind: 'patient' | 'legal-representative' }>, facts: AccessFacts): Reason[] {
  const reasons: Reason[] = [];
  const rpps = viewer.rpps;
  if (rpps && facts.blocked.includes(rpps)) reasons.push(deny('blocked', `The patient blocked this professional (RPPS ${rpps}).`));
  if (rpps && rpps === facts.gp) return [...reasons, allow('gp', 'The médecin traitant sees every document, masked ones included.')];
  if (rpps && facts.gpRights.includes(rpps)) {
    return [...reasons, allow('gp-rights', "The patient gave this professional the médecin traitant's rights: every document, masked ones included.")];
  }
  if (viewer.kind === 'emergency') {
    reasons.push(
      facts.emergency === 'allow'
        ? allow('emergency-allowed', 'Emergency access (bris de glace) is allowed: the patient did not object.')
        : deny('emergency-opposed', 'The patient objected to emergency access (bris de glace).'),
    );
  }
  if (viewer.kind === 'samu') {
    reasons.push(
      facts.samu === 'allow'
        ? allow('samu-allowed', "The SAMU's regulating doctor may open the record: the patient did not object.")
        : deny('samu-opposed', "The patient objected to access by the SAMU's regulating doctor (centre 15)."),
    );
  }
  if (doc.masked) reasons.push(deny('masked', "The document is masked from professionals; only the patient, the médecin traitant and those with its rights see it."));
  const profession: Profession = viewer.kind === 'samu' ? 'medecin' : viewer.profession;
  const type = findType(doc.typeCode)?.label ?? doc.typeCode;
  reasons.push(
    professionMaySee(profession, doc.typeCode)
      ? allow('profession', `The access matrix lets the profession ${professionLabel(profession)} see "${type}".`)
      : deny('profession', `The access matrix keeps "${type}" from the profession ${professionLabel(profession)}.`),
  );
  return reasons;
}
