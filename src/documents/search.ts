import type { Db } from '../store/database.js';
import { type DocumentFilters, filterClause } from './repo.js';
import { type PrefixExpander, toFtsQuery } from './query.js';

export interface SearchHit {
  id: number;
  title: string;
  typeCode: string;
  date: string;
  /** The best passage; matched words are wrapped in HIGHLIGHT_START / HIGHLIGHT_END. */
  snippet: string;
  /** bm25 relevance, higher is better. */
  score: number;
}

export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/** bm25 column weights: a word in the title counts ten times one in the body. */
const WEIGHTS = '10.0, 1.0, 3.0, 3.0';

/**
 * Ranked full-text search. Ranking runs over ids and scores only; snippets are made for the
 * returned rows alone, because SQLite would otherwise build one for every match before sorting.
 */
export function searchDocuments(db: Db, query: string, filters: DocumentFilters): SearchHit[] {
  const match = toFtsQuery(query, prefixExpander(db));
  const where = filterClause(filters);
  const ranked = db
    .prepare(
      `SELECT d.id, d.title, d.type_code AS typeCode, d.date, bm25(document_fts, ${WEIGHTS}) AS rank
       FROM document_fts JOIN document d ON d.id = document_fts.rowid
       WHERE document_fts MATCH @match AND ${where.sql}
       ORDER BY rank LIMIT @limit`,
    )
    .all({ ...where.params, match, limit: filters.limit ?? -1 }) as (Omit<SearchHit, 'snippet' | 'score'> & { rank: number })[];
  const snippet = db.prepare(
    `SELECT snippet(document_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS s
     FROM document_fts WHERE document_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
  );
  // The CAST matters: better-sqlite3 binds a JS number as a REAL, and FTS5 (3.53) then
  // ignores the rowid constraint for OR queries and answers with the first matching row.
  return ranked.map(({ rank, ...hit }) => ({
    ...hit,
    snippet: ((snippet.get(match, hit.id) as { s: string | null } | undefined)?.s ?? '').replace(/\s+/g, ' ').trim(),
    score: Math.round(-rank * 1000) / 1000,
  }));
}

/** At most this many words stand in for a prefix; beyond, FTS5 handles the prefix itself. */
const MAX_EXPANSION = 32;

/** Looks a prefix up in the index's vocabulary (document_fts_terms, an fts5vocab table). */
function prefixExpander(db: Db): PrefixExpander {
  const terms = db.prepare(`SELECT term FROM document_fts_terms WHERE term >= ? AND term < ? || char(1114111) LIMIT ${MAX_EXPANSION + 1}`).pluck();
  return (prefix) => {
    const words = terms.all(prefix, prefix) as string[];
    return words.length > MAX_EXPANSION ? null : words;
  };
}

/** Rebuilds the whole index from the documents, merged into one compact segment (`docs reindex`). */
export function rebuildIndex(db: Db): number {
  db.prepare("INSERT INTO document_fts (document_fts) VALUES ('rebuild')").run();
  db.prepare("INSERT INTO document_fts (document_fts) VALUES ('optimize')").run();
  return (db.prepare('SELECT count(*) AS n FROM document').get() as { n: number }).n;
}
