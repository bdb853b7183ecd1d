import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CreateOptions, createAccount, type Enrolment } from '../account/account.js';
import type { KdfCost } from '../account/password.js';
import { addDocument } from '../documents/documents.js';
import { fileContent, typedContent } from '../documents/ingest.js';
import { addHealthEntry } from '../health/service.js';
import { editContact } from '../profile/contact.js';
import { registerPatient } from '../profile/changes.js';
import { type Patient, patientsByNameKey } from '../profile/patients.js';
import { setRecordUuid, setUuid } from '../interop/ids.js';
import { importFile } from '../reimbursements/import.js';
import { listActs } from '../reimbursements/views.js';
import type { Db } from '../store/database.js';
import { addMonths, isoDay } from '../util/dates.js';
import { makeActs } from './acts.js';
import { DEFAULT_STYLE, renderCsv } from './csv-format.js';
import { makeDocuments } from './documents.js';
import { seedConsent } from './consent.js';
import { labFor, personalHealth } from './health.js';
import { makeFamily } from './people.js';
import { Prng } from './prng.js';

export interface SeedOptions {
  seed: number;
  months: number;
  documents: number;
  reimbursements: number;
  children: number;
  username: string;
  password: string;
}

export interface SeedReport {
  enrolment: Enrolment;
  people: Patient[];
  documents: number;
  reimbursements: number;
  healthEntries: number;
  consentChoices: number;
}

/**
 * Fills a new, empty record: the account and its holder, the children, everyone's contact
 * details, documents across every category, a family payer-data export imported as a user
 * would (written to `workDir` first), health entries (labs linked to the biology acts they
 * report on), the holder's consent choices. Every value comes from one generator seeded with `seed`; `now` dates it all.
 */
export async function seedRecord(db: Db, o: SeedOptions, now: Date, workDir: string, cost?: KdfCost, account: CreateOptions = {}): Promise<SeedReport> {
  const today = isoDay(now);
  const rng = new Prng(o.seed);
  const family = makeFamily(rng.fork('people'), o.children, today);
  const [first, ...rest] = family;
  const enrolment = await createAccount(db, { username: o.username, password: o.password, identity: first! }, now, cost, account);
  const actor = enrolment.username;
  // Stable ids from the generator too, so two records of one seed export the same ids.
  const ids = rng.fork('ids');
  setRecordUuid(db, ids.uuid());
  setUuid(db, 'patient', enrolment.holder.id, ids.uuid());
  const people = [enrolment.holder];
  for (const child of rest) {
    people.push(db.transaction(() => {
      const p = registerPatient(db, child, actor, now);
      setUuid(db, 'patient', p.id, ids.uuid());
      return p;
    }).immediate());
  }
  family.forEach((p, i) => editContact(db, people[i]!.id, { address: p.address, postcode: p.town.postcode, city: p.town.city, phone: p.phone, email: p.email }, actor, now));

  const docs = makeDocuments(rng.fork('documents'), o.documents, people.length, o.months, today);
  let directives: number | undefined;
  for (const d of docs) {
    const content = 'text' in d.content ? typedContent(d.content.text) : await fileContent(d.content.pdf);
    const fileName = 'pdf' in d.content ? d.content.fileName : null;
    const added = addDocument(db, { patientId: people[d.person]!.id, typeCode: d.typeCode, title: d.title, date: d.date, author: d.author, org: d.org, fileName, masked: d.masked }, content, { actor, allowDuplicate: true }, now);
    setUuid(db, 'document', added.document.id, ids.uuid());
    if (d.typeCode === 'EXPPAT_3' && d.person === 0) directives = added.document.id;
  }

  const children = new Set(family.map((_, i) => i).filter((i) => i > 0 && family[i]!.birthDate > addMonths(today, -18 * 12)));
  const acts = makeActs(rng.fork('acts'), o.reimbursements, people.length, o.months, today, children);
  let imported = 0;
  if (acts.length > 0) {
    const path = join(workDir, `ameli-seed-${o.seed}.csv`);
    writeFileSync(path, renderCsv(acts, { ...DEFAULT_STYLE, beneficiaries: family.map((p) => `${p.givenName} ${p.familyName}`) }), { mode: 0o600, flag: 'wx' });
    const byName = new Map([...patientsByNameKey(db)].map(([k, ps]) => [k, ps.map((p) => p.id)]));
    imported = (await importFile(db, path, { actor, now, defaultPatientId: enrolment.holder.id, people: byName })).inserted;
  }

  let healthEntries = 0;
  const healthRng = rng.fork('health');
  const add = (patientId: number, e: { kind: Parameters<typeof addHealthEntry>[2]; raw: Parameters<typeof addHealthEntry>[3] }, actId: number | null) => {
    addHealthEntry(db, { actor, patientId }, e.kind, e.raw, actId, now, healthRng.uuid());
    healthEntries++;
  };
  family.forEach((p, i) => {
    const patientId = people[i]!.id;
    for (const e of personalHealth(healthRng, p.birthDate, today, !children.has(i))) add(patientId, e, null);
    // Most biology acts get their result; the rest show up as "biology without results".
    for (const act of listActs(db, { patientId, from: null, to: null, section: 'biology' }).reverse()) {
      const lab = healthRng.chance(0.75) ? labFor(healthRng, act.code ?? '', act.careDate) : undefined;
      if (lab) add(patientId, lab, act.id);
    }
  });
  const consentRng = rng.fork('consent');
  const consentChoices = seedConsent(db, consentRng, { patientId: enrolment.holder.id, actor, now, newUuid: () => consentRng.uuid() }, directives);
  return { enrolment, people, documents: docs.length, reimbursements: imported, healthEntries, consentChoices };
}
