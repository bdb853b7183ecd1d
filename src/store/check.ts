import type { Db } from './database.js';
import { withWritesAllowed } from './read-only.js';

/**
 * SQLite's own checks of a record, each problem in words: page and index structure
 * (integrity_check), rows pointing at missing parents (foreign_key_check), and each full-text
 * index against its content (FTS5 'integrity-check'). Empty when all is well.
 */
export function checkRecordFile(db: Db): string[] {
  const problems: string[] = [];
  const integrity = db.prepare('PRAGMA integrity_check(20)').pluck().all() as string[];
  if (!(integrity.length === 1 && integrity[0] === 'ok')) problems.push(...integrity.map((m) => `file structure: ${m}`));
  for (const r of db.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number; parent: string }[]) {
    problems.push(`table ${r.table}, row ${r.rowid}: refers to a missing row of ${r.parent}`);
  }
  const virtual = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string; sql: string }[];
  // fts5 tables only (not their fts5vocab views, which hold nothing of their own).
  for (const { name } of virtual.filter((v) => /\busing\s+fts5\s*\(/i.test(v.sql))) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    try {
      // A command written as an INSERT that writes nothing: a closed (query_only) record is checked too.
      withWritesAllowed(db, () => db.prepare(`INSERT INTO ${quoted} (${quoted}, rank) VALUES ('integrity-check', 1)`).run());
    } catch (err) {
      problems.push(`search index ${name}: ${(err as Error).message}`);
    }
  }
  return problems;
}
