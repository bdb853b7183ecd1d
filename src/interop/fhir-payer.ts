import { SECTION_LABELS, type Section } from '../reimbursements/sections.js';
import type { ExportAct } from './collect.js';
import { clean, coded, DMP_ACT_CODE, DMP_SECTION, euros, ref, type Resource, TERMINOLOGY } from './fhir-types.js';

/** FHIR's claim types (http://terminology.hl7.org/CodeSystem/claim-type) for the DMP's five sections. */
const CLAIM_TYPE: Record<Section, string> = {
  pharmacy: 'pharmacy',
  hospitalization: 'institutional',
  medical_dental: 'professional',
  radiology: 'professional',
  biology: 'professional',
};

const adjudication = (code: string, cents: number | null) => (cents === null ? undefined : { category: coded(`${TERMINOLOGY}/adjudication`, code), amount: euros(cents) });

/**
 * One reimbursed act as an ExplanationOfBenefit: the Assurance Maladie as insurer, the
 * professional as a display, the act code and label as the product, the amounts in EUR
 * (submitted = spent, eligible = base, benefit = reimbursed, deductible).
 */
export function explanationOfBenefit({ act: a, uuid }: ExportAct, patientUuid: string): Resource {
  const item = clean({
    sequence: 1,
    productOrService: clean({ coding: a.code ? [{ system: DMP_ACT_CODE, code: a.code }] : undefined, text: a.label }),
    servicedDate: a.careDate,
    quantity: { value: a.quantity },
    adjudication: [adjudication('submitted', a.spentCents), adjudication('eligible', a.baseCents), adjudication('benefit', a.reimbursedCents), adjudication('deductible', a.deductibleCents)].filter(Boolean),
  });
  return clean({
    resourceType: 'ExplanationOfBenefit',
    id: uuid,
    status: 'active',
    type: coded(`${TERMINOLOGY}/claim-type`, CLAIM_TYPE[a.section]),
    subType: coded(DMP_SECTION, a.section, SECTION_LABELS[a.section]),
    use: 'claim',
    patient: ref('Patient', patientUuid),
    created: a.paymentDate ?? a.careDate,
    insurer: { display: 'Assurance Maladie' },
    provider: { display: a.professional ?? 'non précisé' },
    outcome: 'complete',
    insurance: [{ focal: true, coverage: { display: 'Assurance Maladie obligatoire' } }],
    item: [item],
    total: [
      { category: coded(`${TERMINOLOGY}/adjudication`, 'submitted'), amount: euros(a.spentCents) },
      { category: coded(`${TERMINOLOGY}/adjudication`, 'benefit'), amount: euros(a.reimbursedCents) },
    ],
    payment: a.paymentDate ? { date: a.paymentDate, amount: euros(a.reimbursedCents) } : undefined,
  });
}
