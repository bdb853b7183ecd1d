import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDocument, changeDocument, removeDocument } from '../../src/documents/documents.js';
import { fileContent, typedContent } from '../../src/documents/ingest.js';
import { listDocuments } from '../../src/documents/repo.js';
import { rebuildIndex, searchDocuments } from '../../src/documents/search.js';
import { addPatient } from '../../src/profile/patients.js';
import { openMemoryRecord } from '../../src/store/database.js';
import { fixture } from './helpers.js';

const NOW = new Date('2026-11-26T10:00:00Z');

function record() {
  const db = openMemoryRecord();
  const p = addPatient(db, { givenName: 'Marie', familyName: 'DUPONT', birthDate: '1980-01-15', sex: 'F', nir: null }, NOW, true);
  return { db, patientId: p.id };
}

/** FTS5's own check that the index matches its content, row for row. */
const integrity = (db: ReturnType<typeof openMemoryRecord>) => db.prepare("INSERT INTO document_fts (document_fts, rank) VALUES ('integrity-check', 1)").run();

describe('the search index stays in step with the documents', () => {
  it('through add, edit, archive, delete and rebuild', async () => {
    const { db, patientId } = record();
    const opts = { actor: 'marie' };
    const a = addDocument(db, { patientId, typeCode: 'synthese', title: 'Synthèse', date: '2026-01-01' }, typedContent('Tension normale'), opts, NOW).document;
    const pdf = addDocument(db, { patientId, typeCode: 'cr-imagerie', title: 'Radio', date: '2026-01-02' }, await fileContent(readFileSync(fixture('radiologie.pdf'))), opts, NOW).document;
    const cp = addDocument(db, { patientId, typeCode: 'synthese', title: 'Ancienne', date: '2026-01-03' }, await fileContent(readFileSync(fixture('synthese-cp1252.txt'))), opts, NOW).document;
    integrity(db);
    changeDocument(db, a.id, { title: 'Bilan annuel', author: 'Dr Roux' }, 'document.edit', 'marie', NOW);
    changeDocument(db, pdf.id, { archived: true }, 'document.archive', 'marie', NOW);
    integrity(db);
    const find = (q: string, archived = false) => searchDocuments(db, q, { patientId, archived }).map((h) => h.id);
    expect(find('bilan roux')).toEqual([a.id]);
    expect(find('synthese')).toEqual([cp.id]);
    expect(find('thorax')).toEqual([]);
    expect(find('thorax', true)).toEqual([pdf.id]);
    removeDocument(db, cp.id, 'marie', NOW);
    integrity(db);
    expect(find('fievre')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM document_content').get()).toEqual({ n: 2 });
    expect(rebuildIndex(db)).toBe(2);
    integrity(db);
    expect(find('tension')).toEqual([a.id]);
    expect(listDocuments(db, { patientId }).map((d) => d.id)).toEqual([a.id]);
  });

  it('rolls back the document when its audit entry cannot be written', () => {
    const { db, patientId } = record();
    db.exec("CREATE TEMP TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => addDocument(db, { patientId, typeCode: 'synthese', title: 'X', date: '2026-01-01' }, typedContent('Texte'), { actor: 'marie' }, NOW)).toThrow('disk full');
    expect(db.prepare('SELECT (SELECT count(*) FROM document) + (SELECT count(*) FROM document_content) AS n').get()).toEqual({ n: 0 });
    integrity(db);
  });
});
