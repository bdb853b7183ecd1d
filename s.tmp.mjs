import Database from 'better-sqlite3';
const db = new Database('/tmp/dmp-bench-docs-9rbhJo/record.db', { readonly: true });
const join = db.prepare(`SELECT d.id, bm25(document_fts, 10.0, 1.0, 3.0, 3.0) AS r FROM document_fts JOIN document d ON d.id = document_fts.rowid
  WHERE document_fts MATCH ? AND d.patient_id = 1 AND d.archived = 0 ORDER BY r LIMIT 20`);
const sub = db.prepare(`SELECT rowid AS id, bm25(document_fts, 10.0, 1.0, 3.0, 3.0) AS r FROM document_fts
  WHERE document_fts MATCH ? AND rowid IN (SELECT id FROM document d WHERE d.patient_id = 1 AND d.archived = 0) ORDER BY r LIMIT 20`);
const bare = db.prepare(`SELECT rowid AS id, bm25(document_fts, 10.0, 1.0, 3.0, 3.0) AS r FROM document_fts WHERE document_fts MATCH ? ORDER BY r LIMIT 20`);
const cnt = db.prepare(`SELECT count(*) FROM document_fts WHERE document_fts MATCH ?`);
const rid = db.prepare(`SELECT max(rowid) FROM document_fts WHERE document_fts MATCH ?`);
for (let i = 0; i < 3; i++) for (const q of ['"patient"', '"cardiaque"']) {
  const res = [];
  for (const [n, st] of [['join', join], ['sub', sub], ['bare', bare], ['count', cnt], ['maxrowid', rid]]) { const a = performance.now(); st.all(q); res.push(n + ' ' + (performance.now() - a).toFixed(1)); }
  console.log(q, res.join(' | '));
}
