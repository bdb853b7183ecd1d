import type { HealthEntry, Lab, Measurement, MeasurementType } from '../health/types.js';
import { clean, coded, LOINC, type Quantity, ref, type Resource, TERMINOLOGY, UCUM } from './fhir-types.js';

/** LOINC codes of the vital signs (FHIR's vital-signs profile uses these). */
const VITAL: Record<MeasurementType, [code: string, display: string]> = {
  weight: ['29463-7', 'Body weight'],
  height: ['8302-2', 'Body height'],
  'blood-pressure': ['85354-9', 'Blood pressure panel with all children optional'],
  'heart-rate': ['8867-4', 'Heart rate'],
  glucose: ['2339-0', 'Glucose [Mass/volume] in Blood'],
  temperature: ['8310-5', 'Body temperature'],
  spo2: ['59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'],
};

const quantity = (value: string, unit: string | null): Quantity => clean({ value: Number(value), unit: unit ?? undefined, system: unit ? UCUM : undefined, code: unit ?? undefined });
const category = (code: string) => [coded(`${TERMINOLOGY}/observation-category`, code)];

/** A self-entered health entry as its FHIR resource (labs and measurements as Observations). */
export function healthResource(e: HealthEntry, patientUuid: string, today: string, actUuids: Map<number, string>): Resource {
  const subject = ref('Patient', patientUuid);
  const note = e.note ? [{ text: e.note }] : undefined;
  switch (e.kind) {
    case 'lab':
      return lab(e, subject, note);
    case 'measurement':
      return measurement(e, subject, note);
    case 'allergy':
      return clean({
        resourceType: 'AllergyIntolerance',
        id: e.uuid,
        clinicalStatus: coded(`${TERMINOLOGY}/allergyintolerance-clinical`, 'active'),
        verificationStatus: coded(`${TERMINOLOGY}/allergyintolerance-verification`, 'unconfirmed'),
        code: { text: e.substance },
        patient: subject,
        onsetDateTime: e.since ?? undefined,
        reaction: e.reaction || e.severity ? [clean({ manifestation: [{ text: e.reaction ?? 'non précisée' }], severity: e.severity ?? undefined })] : undefined,
        note,
      });
    case 'condition':
      return clean({
        resourceType: 'Condition',
        id: e.uuid,
        clinicalStatus: coded(`${TERMINOLOGY}/condition-clinical`, e.status),
        code: { text: e.name },
        subject,
        onsetDateTime: e.since ?? undefined,
        note,
      });
    case 'medication': {
      const act = e.reimbursementId !== null ? actUuids.get(e.reimbursementId) : undefined;
      return clean({
        resourceType: 'MedicationStatement',
        id: e.uuid,
        status: e.until !== null && e.until < today ? 'completed' : 'active',
        // patientspecified: "medication use, including over the counter medication, provided by the patient".
        category: coded(`${TERMINOLOGY}/medication-statement-category`, e.origin === 'otc' ? 'patientspecified' : 'community'),
        medicationCodeableConcept: { text: e.name },
        subject,
        effectivePeriod: e.since || e.until ? clean({ start: e.since ?? undefined, end: e.until ?? undefined }) : undefined,
        derivedFrom: act ? [ref('ExplanationOfBenefit', act)] : undefined,
        dosage: e.dose ? [{ text: e.dose }] : undefined,
        note,
      });
    }
    case 'vaccination':
      return clean({
        resourceType: 'Immunization',
        id: e.uuid,
        status: 'completed',
        vaccineCode: { text: e.vaccine },
        patient: subject,
        occurrenceDateTime: e.date,
        primarySource: false,
        lotNumber: e.lot ?? undefined,
        protocolApplied: e.dose !== null ? [{ doseNumberPositiveInt: e.dose }] : undefined,
        note,
      });
  }
}

function lab(e: Lab, subject: { reference?: string }, note: { text: string }[] | undefined): Resource {
  const numeric = /^-?\d+(\.\d+)?$/.test(e.value);
  const range = e.low !== null || e.high !== null ? [clean({ low: e.low !== null ? quantity(e.low, e.unit) : undefined, high: e.high !== null ? quantity(e.high, e.unit) : undefined })] : undefined;
  const flag = e.flag === 'high' ? 'H' : e.flag === 'low' ? 'L' : undefined;
  return clean({
    resourceType: 'Observation',
    id: e.uuid,
    status: 'final',
    category: category('laboratory'),
    code: clean({ coding: e.loinc ? [{ system: LOINC, code: e.loinc }] : undefined, text: e.analyte }),
    subject,
    effectiveDateTime: e.date,
    performer: e.lab ? [{ display: e.lab }] : undefined,
    ...(numeric ? { valueQuantity: quantity(e.value, e.unit) } : { valueString: e.value }),
    interpretation: flag ? [coded(`${TERMINOLOGY}/v3-ObservationInterpretation`, flag, flag === 'H' ? 'High' : 'Low')] : undefined,
    referenceRange: numeric ? range : undefined,
    note,
  });
}

function measurement(e: Measurement, subject: { reference?: string }, note: { text: string }[] | undefined): Resource {
  const [code, display] = VITAL[e.type];
  const base = { resourceType: 'Observation', id: e.uuid, status: 'final', category: category('vital-signs'), code: { ...coded(LOINC, code, display), text: e.type }, subject, effectiveDateTime: e.date, note };
  if (e.type === 'blood-pressure') {
    const [systolic, diastolic] = e.value.split('/');
    return clean({
      ...base,
      component: [
        { code: coded(LOINC, '8480-6', 'Systolic blood pressure'), valueQuantity: quantity(systolic!, e.unit) },
        { code: coded(LOINC, '8462-4', 'Diastolic blood pressure'), valueQuantity: quantity(diastolic!, e.unit) },
      ],
    });
  }
  return clean({ ...base, valueQuantity: quantity(e.value, e.unit) });
}
