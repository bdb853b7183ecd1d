/**
 * The few FHIR R4 shapes the export writes, typed loosely: the tests validate every resource
 * against the R4 StructureDefinitions, which is the check that counts.
 */
export interface Coding {
  system?: string;
  code: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Reference {
  reference?: string;
  display?: string;
}
export interface Quantity {
  value: number;
  unit?: string;
  system?: string;
  code?: string;
}
export type Resource = { resourceType: string; id: string } & Record<string, unknown>;

export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: Resource }[];
}

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
/** INS-NIR: the NIR as a national health identifier (shared/reference/dmp-document-types.md). */
export const INS_NIR = 'urn:oid:1.2.250.1.213.1.4.8';
/** TRE_A05-TypeDocComplementaire: the national typeCodes that are not LOINC. */
export const TRE_A05 = 'urn:oid:1.2.250.1.213.1.1.4.12';
/** dmp's own code systems (DMP categories, payer sections, act codes as the files give them). */
export const DMP_CATEGORY = 'urn:dmp:document-category';
export const DMP_SECTION = 'urn:dmp:payer-section';
export const DMP_ACT_CODE = 'urn:dmp:act-code';
export const TERMINOLOGY = 'http://terminology.hl7.org/CodeSystem';

export const coded = (system: string, code: string, display?: string): CodeableConcept => ({ coding: [{ system, code, ...(display ? { display } : {}) }] });
export const ref = (type: string, id: string): Reference => ({ reference: `${type}/${id}` });
/** Cents as a FHIR Money in euros (the decimal from integer cents, never a float sum). */
export const euros = (cents: number) => ({ value: Number((cents / 100).toFixed(2)), currency: 'EUR' });

/** Drops undefined, null, empty strings and empty lists, which FHIR forbids. */
export function clean<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as T;
}
