import { describe, expect, it } from 'vitest';
import { addDocument, changeDocument } from '../../src/documents/documents.js';
import { typedContent } from '../../src/documents/ingest.js';
import { toFtsQuery } from '../../src/documents/query.js';
import { phrasesOf, searchDocuments } from '../../src/documents/search.js';
import { addPatient } from '../../src/profile/patients.js';
import { openMemoryRecord } from '../../src/store/database.js';

const NOW = new Date('2026-11-26T10:00:00Z');

/**
 * Ten documents for Marie, two for Léo. "patient" is in all twelve, "suivi" in exactly six
 * (half), "tension" in five (less than half), "xylophagie" in one. The oldest document has
 * "patient" and "suivi" in its title, which bm25 weighs ten times the text.
 */
function record() {
  const db = openMemoryRecord();
  const marie = addPatient(db, { givenName: 'Marie', familyName: 'DUPONT', birthDate: '1980-01-15', sex: 'F', nir: null }, NOW, true).id;
  const leo = addPatient(db, { givenName: 'Léo', familyName: 'DUPONT', birthDate: '2012-03-02', sex: 'M', nir: null }, NOW, false).id;
  const ids: number[] = [];
  for (let i = 0; i < 12; i++) {
    const words = ['patient', 'examen normal '.repeat(1 + i), i < 6 ? 'suivi' : '', i >= 7 ? 'tension' : '', i === 3 ? 'xylophagie' : ''];
    const title = i === 0 ? 'Suivi du patient' : `Compte rendu ${i}`;
    ids.push(addDocument(db, { patientId: i >= 10 ? leo : marie, typeCode: 'synthese', title, date: `2020-01-${10 + i}` }, typedContent(words.join(' ')), { actor: 'marie', allowDuplicate: true }, NOW).document.id);
  }
  changeDocument(db, ids[8]!, { archived: true }, 'document.archive', 'marie', NOW);
  return { db, marie, leo, ids };
}

describe('a query made only of common words', () => {
  const { db, marie, leo, ids } = record();
  const marieLive = ids.slice(0, 10).filter((id) => id !== ids[8]);

  it('lists a word found in every document newest first, with score 0, for the person and live documents only', () => {
    const hits = searchDocuments(db, 'patient', { patientId: marie });
    expect(hits.map((h) => h.id)).toEqual([...marieLive].reverse());
    expect(new Set(hits.map((h) => h.score))).toEqual(new Set([0]));
    expect(hits[0]!.snippet).toContain('\u0002patient\u0003');
    for (const limit of [1, 3, 20]) expect(searchDocuments(db, 'patient', { patientId: marie, limit })).toEqual(hits.slice(0, limit));
    expect(searchDocuments(db, 'patient', { patientId: leo, limit: 20 }).map((h) => h.id)).toEqual([ids[11], ids[10]]);
    expect(searchDocuments(db, 'patient', { patientId: marie, archived: true }).map((h) => h.id)).toEqual([ids[8]]);
    expect(searchDocuments(db, 'PATIENT* -xylophagie', { patientId: marie, limit: 20 }).map((h) => h.id)).toEqual([...marieLive].reverse().filter((id) => id !== ids[3]));
  });

  it('takes a word in exactly half of the documents as common, and ranks one in fewer by bm25', () => {
    expect(searchDocuments(db, 'suivi', { patientId: marie, limit: 3 }).map((h) => h.id)).toEqual([ids[5], ids[4], ids[3]]);
    const tension = searchDocuments(db, 'tension', { patientId: marie, limit: 20 });
    expect(tension.map((h) => h.id).sort((a, b) => a - b)).toEqual([ids[7], ids[9]]);
    expect(tension.every((h) => h.score > 0)).toBe(true);
  });

  it('ranks by bm25 as soon as one word looked for is not common (AND, OR) or the query has a phrase', () => {
    const and = searchDocuments(db, 'patient xylophagie', { patientId: marie, limit: 5 });
    expect(and.map((h) => h.id)).toEqual([ids[3]]);
    expect(and[0]!.score).toBeGreaterThan(0);
    expect(searchDocuments(db, 'patient OR xylophagie', { patientId: marie, limit: 1 }).map((h) => h.id)).toEqual([ids[3]]);
    // Common words in a phrase: still bm25, where the title match of the oldest document wins.
    expect(searchDocuments(db, '"suivi du patient"', { patientId: marie, limit: 1 }).map((h) => h.id)).toEqual([ids[0]]);
  });
});

describe('phrasesOf', () => {
  it('reads the phrases of a translated query, with prefixes, doubled quotes and the excluded part', () => {
    expect(phrasesOf(toFtsQuery('tension "bilan sanguin" radio* OR x"y -covid'))).toEqual([
      { source: '"tension"', text: 'tension', excluded: false },
      { source: '"bilan sanguin"', text: 'bilan sanguin', excluded: false },
      { source: '"radio" *', text: 'radio', excluded: false },
      { source: '"x""y"', text: 'x"y', excluded: false },
      { source: '"covid"', text: 'covid', excluded: true },
    ]);
  });
});
