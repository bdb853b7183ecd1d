import type { Db } from '../store/database.js';

export const FORMAT = 'dmp-record';
export const FORMAT_VERSION = 1;

/**
 * Tables a JSON export leaves out: open sessions (a restored record starts logged out), and
 * what SQLite derives or keeps for itself (FTS5 indexes are rebuilt by the documents'
 * triggers as rows come back). Everything else is exported, so a new area's tables are
 * covered without touching this file.
 */
const SKIPPED = new Set(['session']);

export interface TableDump {
  name: string;
  columns: string[];
}

/** The tables a JSON export holds, in the schema's order (a restore checks foreign keys at the commit). */
export function exportedTables(db: Db): TableDump[] {
  const listed = db.prepare("SELECT name, type FROM pragma_table_list WHERE schema = 'main'").all() as { name: string; type: string }[];
  const plain = new Set(listed.filter((t) => t.type === 'table').map((t) => t.name));
  const ordered = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid").all() as { name: string }[];
  return ordered
    .map((t) => t.name)
    .filter((name) => plain.has(name) && !name.startsWith('sqlite_') && !SKIPPED.has(name))
    .map((name) => ({ name, columns: (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(name) as { name: string }[]).map((c) => c.name) }));
}

/** A cell as JSON: blobs as {"$base64": ...}; integers beyond 2^53 never occur in dmp's schema (checked). */
function cell(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return { $base64: v.toString('base64') };
  if (typeof v === 'bigint') throw new Error('an integer beyond 2^53 in the record');
  return v;
}

/**
 * The whole record as one JSON document (docs/export-format.md), in pieces so a large record
 * never has to sit in memory as one string: one table per object, one row per line, rows in
 * rowid order. The same record always gives the same bytes.
 */
export function* exportJson(db: Db): Generator<string> {
  // One read transaction: every table as of the same moment, whatever another dmp commits while
  // the pieces are written (a mixed dump failed to restore, or restored a document without its audit row).
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN');
  try {
    yield* pieces(db);
  } finally {
    if (own && db.inTransaction) db.exec('COMMIT');
  }
}

function* pieces(db: Db): Generator<string> {
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  yield `{"format":${JSON.stringify(FORMAT)},"formatVersion":${FORMAT_VERSION},"schemaVersion":${schemaVersion},"tables":[`;
  const tables = exportedTables(db);
  for (const [i, t] of tables.entries()) {
    yield `${i ? ',' : ''}\n{"name":${JSON.stringify(t.name)},"columns":${JSON.stringify(t.columns)},"rows":[`;
    const select = db.prepare(`SELECT ${t.columns.map((c) => `"${c}"`).join(', ')} FROM "${t.name}" ORDER BY rowid`).raw(true);
    let first = true;
    for (const row of select.iterate() as IterableIterator<unknown[]>) {
      yield `${first ? '' : ','}\n${JSON.stringify(row.map(cell))}`;
      first = false;
    }
    yield ']}';
  }
  // AUTOINCREMENT counters: a restored record never reuses an id the original gave out.
  const hasSequences = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get() !== undefined;
  const sequences = hasSequences ? db.prepare("SELECT name, seq FROM sqlite_sequence WHERE name <> 'session' ORDER BY name").all() : [];
  yield `\n],"sequences":${JSON.stringify(sequences)}}\n`;
}
