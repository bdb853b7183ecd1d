import { describe, expect, it } from 'vitest';
import { addDocument, changeDocument } from '../../src/documents/documents.js';
import { typedContent } from '../../src/documents/ingest.js';
import type { DocumentFilters } from '../../src/documents/repo.js';
import { searchDocuments } from '../../src/documents/search.js';
import { addPatient } from '../../src/profile/patients.js';
import { openMemoryRecord } from '../../src/store/database.js';

const NOW = new Date('2026-11-26T10:00:00Z');

/**
 * Marie has forty documents that mention "tension", most of them more often than any of
 * Léo's three: the best matches of the record are hers, so a search for Léo cannot take its
 * answer from them and must rank his documents alone. Some of Marie's are archived, and
 * they span several years (for --from).
 */
function record() {
  const db = openMemoryRecord();
  const marie = addPatient(db, { givenName: 'Marie', familyName: 'DUPONT', birthDate: '1980-01-15', sex: 'F', nir: null }, NOW, true).id;
  const leo = addPatient(db, { givenName: 'Léo', familyName: 'DUPONT', birthDate: '2012-03-02', sex: 'M', nir: null }, NOW, false).id;
  const add = (patientId: number, i: number, text: string, title = `Consultation ${i}`) =>
    addDocument(db, { patientId, typeCode: 'synthese', title, date: `20${10 + (i % 16)}-0${1 + (i % 9)}-1${i % 10}` }, typedContent(`${text} ${i}`), { actor: 'marie', allowDuplicate: true }, NOW).document.id;
  for (let i = 0; i < 40; i++) {
    const id = add(marie, i, `${'tension '.repeat(1 + (i % 5))}artérielle contrôlée, suivi dans ${i} mois`);
    if (i % 7 === 0) changeDocument(db, id, { archived: true }, 'document.archive', 'marie', NOW);
  }
  for (let i = 0; i < 3; i++) add(leo, 100 + i, `compte rendu long sans rapport ${'examen clinique normal '.repeat(20)} tension`);
  const titled = add(leo, 200, 'examen sans rapport', 'Tension artérielle');
  // Documents without the word, so that it is rare enough for bm25 to rank (a word in at least
  // half of the documents is listed newest first instead: test/documents/common-words.test.ts).
  for (let i = 0; i < 50; i++) add(marie, 300 + i, 'ordonnance renouvelée', `Ordonnance ${i}`);
  return { db, marie, leo, titled };
}

describe('ranked search', () => {
  const { db, marie, leo, titled } = record();
  const search = (q: string, f: DocumentFilters) => searchDocuments(db, q, f);
  const owner = db.prepare('SELECT patient_id AS p, archived AS a, date FROM document WHERE id = ?');

  const cases: [string, DocumentFilters][] = [
    ['Marie', { patientId: marie }],
    ['Marie, archived', { patientId: marie, archived: true }],
    ['Marie, from 2020', { patientId: marie, from: '2020-01-01' }],
    ['Léo', { patientId: leo }],
  ];
  for (const [who, filters] of cases) {
    it(`gives the head of the full ranking whatever the limit (${who})`, () => {
      const all = search('tension', filters);
      expect(all.length).toBeGreaterThan(0);
      for (const h of all) {
        const row = owner.get(h.id) as { p: number; a: number; date: string };
        expect(row.p).toBe(filters.patientId);
        expect(row.a).toBe(filters.archived ? 1 : 0);
        if (filters.from) expect(row.date >= filters.from).toBe(true);
      }
      const scores = all.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const limit of [1, 2, 3, 5, 20, 300]) expect(search('tension', { ...filters, limit })).toEqual(all.slice(0, limit));
    });
  }

  it('ranks a word in the title above the same word in the text', () => {
    expect(search('tension', { patientId: leo, limit: 2 })[0]!.id).toBe(titled);
  });

  it('finds nothing for another person or a word no document holds', () => {
    expect(search('tension', { patientId: 999, limit: 5 })).toEqual([]);
    expect(search('xylophagie', { patientId: marie, limit: 5 })).toEqual([]);
  });
});
