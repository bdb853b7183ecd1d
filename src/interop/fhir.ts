import { CATEGORIES, findType } from '../documents/taxonomy.js';
import type { ExportAct, ExportDocument, ExportPerson, RecordView } from './collect.js';
import { type Bundle, clean, coded, DMP_CATEGORY, INS_NIR, LOINC, ref, type Resource, TERMINOLOGY, TRE_A05 } from './fhir-types.js';
import { consentResources } from './fhir-consent.js';
import { healthResource } from './fhir-health.js';
import { explanationOfBenefit } from './fhir-payer.js';

export interface FhirOptions {
  /** Attachments as files under this relative folder (`url`), instead of inline `data`. */
  attachmentsDir?: string;
}

/** The file an attachment is written to with --attachments: its uuid and an extension from its type. */
export function attachmentName(d: ExportDocument): string {
  const mime = d.document.mimeType;
  const ext = mime === 'application/pdf' ? '.pdf' : mime.startsWith('text/plain') ? '.txt' : mime === 'application/xml' ? '.xml' : mime.startsWith('image/') ? `.${mime.slice(6).replace(/[^a-z0-9]/g, '')}` : '.bin';
  return `${d.uuid}${ext}`;
}

/** Every resource of the record, one at a time (the export streams them; a million acts need not sit in memory as resources). */
export function* fhirResources(view: RecordView, options: FhirOptions = {}): Generator<Resource> {
  const patientRef = new Map(view.people.map((p) => [p.patient.id, p.uuid]));
  const actRef = new Map(view.acts.map((a) => [a.act.id, a.uuid]));
  const documentUuids = new Map(view.documents.map((d) => [d.document.id, d.uuid]));
  for (const p of view.people) yield patient(p);
  for (const d of view.documents) yield documentReference(d, patientRef.get(d.document.patientId)!, options);
  for (const a of view.acts) yield explanationOfBenefit(a, patientRef.get(a.patientId)!);
  for (const h of view.health) yield healthResource(h, patientRef.get(h.patientId)!, view.today, actRef);
  for (const c of view.consent) yield* consentResources(c, { patientUuid: patientRef.get(c.patientId)!, documentUuids });
}

const entry = (resource: Resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource });

/** A FHIR R4 Bundle (type collection) of the whole record: a pure function of the read models. */
export function toFhirBundle(view: RecordView, options: FhirOptions = {}): Bundle {
  return { resourceType: 'Bundle', id: view.recordUuid, type: 'collection', timestamp: view.generatedAt, entry: [...fhirResources(view, options)].map(entry) };
}

/** The same bundle as JSON text, resource by resource: what `dmp export --format fhir` writes. */
export function* fhirBundleJson(view: RecordView, options: FhirOptions = {}): Generator<string> {
  yield `{"resourceType":"Bundle","id":${JSON.stringify(view.recordUuid)},"type":"collection","timestamp":${JSON.stringify(view.generatedAt)},"entry":[`;
  let first = true;
  for (const r of fhirResources(view, options)) {
    yield `${first ? '' : ','}\n${JSON.stringify(entry(r))}`;
    first = false;
  }
  yield '\n]}\n';
}

function patient({ patient: p, uuid, contact: c }: ExportPerson): Resource {
  const address = c.address || c.postcode || c.city ? [clean({ use: 'home', line: c.address ? [c.address] : undefined, postalCode: c.postcode, city: c.city, country: 'FR' })] : undefined;
  const telecom = [c.phone ? { system: 'phone', value: c.phone, use: 'mobile' } : undefined, c.email ? { system: 'email', value: c.email } : undefined].filter(Boolean);
  return clean({
    resourceType: 'Patient',
    id: uuid,
    identifier: p.nir ? [{ use: 'official', system: INS_NIR, value: p.nir }] : undefined,
    name: [{ use: 'official', family: p.familyName, given: p.givenName.split(' ') }],
    gender: p.sex === 'F' ? 'female' : 'male',
    birthDate: p.birthDate,
    address,
    telecom,
  });
}

function documentReference(x: ExportDocument, patientUuid: string, options: FhirOptions): Resource {
  const { document: d, uuid, bytes, sha1 } = x;
  const type = findType(d.typeCode);
  const system = /^\d+-\d$/.test(d.typeCode) ? LOINC : TRE_A05;
  const attachment = clean({
    contentType: d.mimeType,
    size: d.size,
    hash: sha1,
    title: d.title,
    creation: d.date,
    ...(options.attachmentsDir !== undefined ? { url: `${options.attachmentsDir}/${attachmentName(x)}` } : { data: bytes.toString('base64') }),
  });
  return clean({
    resourceType: 'DocumentReference',
    id: uuid,
    identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${uuid}` }],
    status: 'current',
    type: coded(system, d.typeCode, type?.label),
    category: [coded(DMP_CATEGORY, d.category, CATEGORIES[d.category].label)],
    subject: ref('Patient', patientUuid),
    date: d.createdAt,
    author: [d.author ? { display: d.author } : undefined, d.org ? { display: d.org } : undefined].filter(Boolean),
    description: d.title,
    securityLabel: d.masked ? [coded(`${TERMINOLOGY}/v3-Confidentiality`, 'R', 'restricted')] : undefined,
    content: [{ attachment }],
    context: { period: { start: d.date } },
  });
}
