import type { Db } from '../store/database.js';
import { type DocumentFilters, filterClause, countDocuments } from './repo.js';
import { indexTokens, type PrefixExpander, toFtsQuery } from './query.js';

export interface SearchHit {
  id: number;
  title: string;
  typeCode: string;
  date: string;
  /** The best passage; matched words are wrapped in HIGHLIGHT_START / HIGHLIGHT_END. */
  snippet: string;
  /** bm25 relevance, higher is better; 0 when the query has only common words (see searchDocuments). */
  score: number;
}

export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/** bm25 column weights: a word in the title counts ten times one in the body. */
const WEIGHTS = '10.0, 1.0, 3.0, 3.0';

type Ranked = Omit<SearchHit, 'snippet' | 'score'> & { rank: number };

/**
 * Ranked full-text search: best first by bm25 (FTS5's, with the column weights above), ties
 * by id. Except when every word the query looks for is common, that is found in at least half
 * of the indexed documents: bm25 then gives each such word its floor weight (FTS5 clamps its
 * idf to 1e-6), so the scores are all ~0 and say next to nothing, yet FTS5 must score every
 * match before the first is known (~150 ms for a word in 100,000 documents). Such a query
 * lists its matches newest first (by id: the latest added), with score 0, and stops once it
 * has enough. Ranking runs over ids and scores only; snippets are made for the returned rows
 * alone, because SQLite would otherwise build one for every match before sorting.
 */
export function searchDocuments(db: Db, query: string, filters: DocumentFilters): SearchHit[] {
  const match = toFtsQuery(query, prefixExpander(db));
  const ranked = onlyCommonWords(db, match) ? newestFirst(db, match, filters) : (rankOnIndex(db, match, filters) ?? rankWithFilters(db, match, filters));
  const snippet = db.prepare(
    `SELECT snippet(document_fts, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS s
     FROM document_fts WHERE document_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
  );
  // The CAST matters: better-sqlite3 binds a JS number as a REAL, and FTS5 (3.53) then
  // ignores the rowid constraint for OR queries and answers with the first matching row.
  return ranked.map(({ rank, ...hit }) => ({
    ...hit,
    snippet: ((snippet.get(match, hit.id) as { s: string | null } | undefined)?.s ?? '').replace(/\s+/g, ' ').trim(),
    score: Math.round(-rank * 1000) / 1000 || 0,
  }));
}

/** How many of the best matches, per hit asked for, rankOnIndex checks against the filters. */
const CANDIDATES_PER_HIT = 4;
/** Above this --limit the candidates would be most matches anyway: rank with the filters. */
const MAX_INDEX_FIRST_LIMIT = 250;

/**
 * The fast path: the best matches ranked on the index alone (bm25 over the FTS table, a
 * bounded sort), then the few candidates checked against the filters (patient, archived...).
 * Joining every match to its document first costs a lookup per match (~10 ms for a word in
 * 100,000 documents). Exact: the filtered ranking is the full ranking with rows left out, so
 * if enough candidates pass, they are its head; otherwise (a person with few of the record's
 * documents) returns null and the search ranks with the filters applied. Not tried with a
 * narrowing flag (--category, --from, --archived...): few of the best matches would pass.
 * Ties are broken by id in both paths, so they give the same order.
 */
function rankOnIndex(db: Db, match: string, filters: DocumentFilters): Ranked[] | null {
  const limit = filters.limit;
  if (limit === undefined || limit > MAX_INDEX_FIRST_LIMIT || narrows(filters)) return null;
  const wanted = limit * CANDIDATES_PER_HIT;
  const candidates = db
    .prepare(`SELECT rowid AS id, bm25(document_fts, ${WEIGHTS}) AS rank FROM document_fts WHERE document_fts MATCH ? ORDER BY rank, rowid LIMIT ?`)
    .all(match, wanted) as { id: number; rank: number }[];
  if (candidates.length === 0) return [];
  const where = filterClause(filters);
  const kept = new Map(
    (
      db
        // The ids drive (CROSS JOIN): left to itself, the planner walked the person's whole
        // document index (~15 ms for 100,000) to test each entry against the list.
        .prepare(`SELECT d.id, d.title, d.type_code AS typeCode, d.date FROM json_each(@ids) AS c CROSS JOIN document d ON d.id = c.value WHERE ${where.sql}`)
        .all({ ...where.params, ids: JSON.stringify(candidates.map((c) => c.id)) }) as Omit<Ranked, 'rank'>[]
    ).map((d) => [d.id, d]),
  );
  const hits: Ranked[] = [];
  for (const { id, rank } of candidates) {
    const doc = kept.get(id);
    if (doc) hits.push({ ...doc, rank });
    if (hits.length === limit) return hits;
  }
  // Fewer than asked: exact only if every match was a candidate.
  return candidates.length < wanted ? hits : null;
}

/** Whether a filter other than the person (and archived or not) is set. */
const narrows = (f: DocumentFilters): boolean => Boolean(f.category || f.typeCode || f.from || f.to || f.author || f.masked || f.archived);

/**
 * Ranks the matches that pass the filters; bm25 runs only for those. CROSS JOIN keeps the
 * index as the outer loop: driven from the documents (as the planner chose with --from),
 * FTS5 evaluated the query again for each document, which took 30 s over 100,000 of them.
 */
function rankWithFilters(db: Db, match: string, filters: DocumentFilters): Ranked[] {
  const where = filterClause(filters);
  return db
    .prepare(
      `SELECT d.id, d.title, d.type_code AS typeCode, d.date, bm25(document_fts, ${WEIGHTS}) AS rank
       FROM document_fts CROSS JOIN document d ON d.id = document_fts.rowid
       WHERE document_fts MATCH @match AND ${where.sql}
       ORDER BY rank, d.id LIMIT @limit`,
    )
    .all({ ...where.params, match, limit: filters.limit ?? -1 }) as Ranked[];
}

/**
 * Whether every phrase the query looks for (outside its NOT part) is one word, or one prefix,
 * found in at least half of the indexed documents: where bm25's idf, ln((N - n + 0.5) / (n +
 * 0.5)), is at most 0 and FTS5 clamps it. Each count stops at N/2. A phrase of several words
 * is never taken as common (counting it means matching it throughout), so it is ranked.
 */
function onlyCommonWords(db: Db, match: string): boolean {
  const phrases = phrasesOf(match).filter((p) => !p.excluded);
  if (phrases.length === 0 || phrases.some((p) => indexTokens(p.text).length !== 1)) return false;
  const half = Math.ceil(indexedRows(db) / 2);
  if (half === 0) return false;
  const count = db.prepare('SELECT count(*) FROM (SELECT 1 FROM document_fts WHERE document_fts MATCH ? LIMIT ?)').pluck();
  return phrases.every((p) => (count.get(p.source, half) as number) >= half);
}

/**
 * The matches newest first (by id, the order FTS5 keeps its rows in, so the scan stops after
 * `limit` rows that pass the filters), each with score 0. The CROSS JOIN keeps the index as
 * the outer loop, as in rankWithFilters.
 */
function newestFirst(db: Db, match: string, filters: DocumentFilters): Ranked[] {
  const where = filterClause(filters);
  return db
    .prepare(
      `SELECT d.id, d.title, d.type_code AS typeCode, d.date, 0 AS rank
       FROM document_fts CROSS JOIN document d ON d.id = document_fts.rowid
       WHERE document_fts MATCH @match AND ${where.sql}
       ORDER BY document_fts.rowid DESC LIMIT @limit`,
    )
    .all({ ...where.params, match, limit: filters.limit ?? -1 }) as Ranked[];
}

/**
 * N, the number of rows in the index, as bm25 reads it: the first varint of FTS5's averages
 * record (document_fts_data, id 1; SQLite's varint format). Counting the documents instead
 * takes a few milliseconds on a large record.
 */
function indexedRows(db: Db): number {
  const block = db.prepare('SELECT block FROM document_fts_data WHERE id = 1').pluck().get() as Buffer | undefined;
  if (!block || block.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < Math.min(block.length, 8); i++) {
    n = n * 128 + (block[i]! & 0x7f);
    if ((block[i]! & 0x80) === 0) return n;
  }
  return countDocuments(db);
}

/**
 * The phrases of an expression made by toFtsQuery: each quoted string (quotes inside doubled),
 * with ` *` after it for a prefix; toFtsQuery puts every excluded phrase after its one NOT.
 */
export function phrasesOf(match: string): { source: string; text: string; excluded: boolean }[] {
  const phrases: { source: string; text: string; excluded: boolean }[] = [];
  let excluded = false;
  for (let i = 0; i < match.length; ) {
    if (match[i] !== '"') {
      if (match.startsWith('NOT', i)) excluded = true;
      i++;
      continue;
    }
    const start = i;
    let text = '';
    for (i++; ; ) {
      const close = match.indexOf('"', i);
      if (close === -1) throw new Error(`unterminated phrase in FTS expression ${match}`);
      text += match.slice(i, close);
      i = close + 1;
      if (match[i] !== '"') break;
      text += '"';
      i++;
    }
    if (match.startsWith(' *', i)) i += 2;
    phrases.push({ source: match.slice(start, i), text, excluded });
  }
  return phrases;
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
  return countDocuments(db);
}
