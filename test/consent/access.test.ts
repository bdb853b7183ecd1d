import { describe, expect, it } from 'vitest';
import { type AccessFacts, type DocumentFacts, type Rule, type Viewer, whoCanSee } from '../../src/consent/access.js';

const GP = '10003456786';
const RIGHTS = '10000000025';
const BLOCKED = '10100000123';
const OTHER = '12345678903';

const settings = (over: Partial<AccessFacts> = {}): AccessFacts => ({ gp: GP, gpRights: [RIGHTS], blocked: [BLOCKED], emergency: 'allow', samu: 'allow', ...over });
const doc = (over: Partial<DocumentFacts> = {}): DocumentFacts => ({ typeCode: '11488-4', masked: false, hiddenFromRepresentatives: false, patientIsMinor: false, ...over });

const patient: Viewer = { kind: 'patient' };
const representative: Viewer = { kind: 'legal-representative' };
const pro = (profession: 'medecin' | 'chirurgien-dentiste' | 'pedicure-podologue' | 'infirmier' | 'sage-femme', rpps?: string): Viewer => ({ kind: 'professional', profession, ...(rpps ? { rpps } : {}) });
const emergency: Viewer = { kind: 'emergency', profession: 'medecin' };
const samu: Viewer = { kind: 'samu' };

// [what, document, viewer, settings, can see, the rules that decide (the denying ones, else the allowing ones)]
const CASES: [string, DocumentFacts, Viewer, AccessFacts, boolean, Rule[]][] = [
  ['the patient, an ordinary document', doc(), patient, settings(), true, ['patient']],
  ['the patient, a masked document', doc({ masked: true }), patient, settings(), true, ['patient']],
  ['the médecin traitant, an ordinary document', doc(), pro('medecin', GP), settings(), true, ['gp']],
  ['the médecin traitant, a masked document', doc({ masked: true }), pro('medecin', GP), settings(), true, ['gp']],
  ['the médecin traitant, with emergency access opposed', doc(), pro('medecin', GP), settings({ emergency: 'oppose' }), true, ['gp']],
  ['GP rights, a masked document', doc({ masked: true }), pro('infirmier', RIGHTS), settings(), true, ['gp-rights']],
  ['GP rights held by a dentist, advance directives', doc({ typeCode: 'EXPPAT_3' }), pro('chirurgien-dentiste', RIGHTS), settings(), true, ['gp-rights']],
  ['a blocked professional, an ordinary document', doc(), pro('medecin', BLOCKED), settings(), false, ['blocked']],
  ['a blocked professional in an emergency', doc(), { kind: 'emergency', profession: 'medecin', rpps: BLOCKED }, settings(), false, ['blocked']],
  ['a blocked professional, a masked document', doc({ masked: true }), pro('medecin', BLOCKED), settings(), false, ['blocked', 'masked']],
  ['any médecin, an ordinary document', doc(), pro('medecin'), settings(), true, ['profession']],
  ['an unknown RPPS, an ordinary document', doc(), pro('medecin', OTHER), settings(), true, ['profession']],
  ['any médecin, a masked document', doc({ masked: true }), pro('medecin'), settings(), false, ['masked']],
  ['a dentist, advance directives', doc({ typeCode: 'EXPPAT_3' }), pro('chirurgien-dentiste'), settings(), false, ['profession']],
  ['a dentist, a consultation report', doc(), pro('chirurgien-dentiste'), settings(), true, ['profession']],
  ['a pedicure-podiatrist, a delivery report', doc({ typeCode: '15508-5' }), pro('pedicure-podologue'), settings(), false, ['profession']],
  ['a pedicure-podiatrist, advance directives', doc({ typeCode: 'EXPPAT_3' }), pro('pedicure-podologue'), settings(), true, ['profession']],
  ['a midwife, a delivery report', doc({ typeCode: '15508-5' }), pro('sage-femme'), settings(), true, ['profession']],
  ['emergency access allowed', doc(), emergency, settings(), true, ['emergency-allowed', 'profession']],
  ['emergency access opposed', doc(), emergency, settings({ emergency: 'oppose' }), false, ['emergency-opposed']],
  ['emergency access allowed, a masked document', doc({ masked: true }), emergency, settings(), false, ['masked']],
  ['emergency by a dentist, advance directives', doc({ typeCode: 'EXPPAT_3' }), { kind: 'emergency', profession: 'chirurgien-dentiste' }, settings(), false, ['profession']],
  ['SAMU allowed', doc(), samu, settings(), true, ['samu-allowed', 'profession']],
  ['SAMU opposed, emergency allowed (the official test scenario)', doc(), samu, settings({ samu: 'oppose' }), false, ['samu-opposed']],
  ['emergency still allowed when only SAMU is opposed', doc(), emergency, settings({ samu: 'oppose' }), true, ['emergency-allowed', 'profession']],
  ['SAMU allowed but emergency opposed', doc(), samu, settings({ emergency: 'oppose' }), true, ['samu-allowed', 'profession']],
  ["a minor's legal representatives", doc({ patientIsMinor: true }), representative, settings(), true, ['legal-representative']],
  ["a minor's document hidden from them", doc({ patientIsMinor: true, hiddenFromRepresentatives: true }), representative, settings(), false, ['hidden-from-representatives']],
  ["a minor's masked document (masking is for professionals)", doc({ patientIsMinor: true, masked: true }), representative, settings(), true, ['legal-representative']],
  ["an adult's legal representatives", doc(), representative, settings(), false, ['not-a-minor']],
  ['hidden from representatives does not hide from the GP', doc({ patientIsMinor: true, hiddenFromRepresentatives: true }), pro('medecin', GP), settings(), true, ['gp']],
  ['no médecin traitant named: that RPPS is any médecin', doc({ masked: true }), pro('medecin', GP), settings({ gp: null }), false, ['masked']],
];

describe('whoCanSee', () => {
  it('holds at least 20 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)('%s', (_what, document, viewer, facts, canSee, rules) => {
    const verdict = whoCanSee(document, viewer, facts);
    expect(verdict.canSee).toBe(canSee);
    const deciding = canSee ? verdict.reasons : verdict.reasons.filter((r) => !r.allows);
    expect(deciding.map((r) => r.rule)).toEqual(rules);
    for (const r of verdict.reasons) expect(r.text.length).toBeGreaterThan(20);
  });

  it('names the profession and the document type when the matrix refuses', () => {
    const verdict = whoCanSee(doc({ typeCode: 'EXPPAT_3' }), pro('chirurgien-dentiste'), settings());
    expect(verdict.reasons).toEqual([{ rule: 'profession', allows: false, text: 'The access matrix keeps "Directives anticipées" from the profession Chirurgien-dentiste.' }]);
  });

  it('says why a blocked professional cannot see', () => {
    expect(whoCanSee(doc(), pro('medecin', BLOCKED), settings()).reasons[0]).toEqual({ rule: 'blocked', allows: false, text: `The patient blocked this professional (RPPS ${BLOCKED}).` });
  });
});
