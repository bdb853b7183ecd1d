import { linkSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { usageError } from '../errors.js';
import { type Db, openRecord, type RecordKey } from '../store/database.js';
import { freeTempBeside } from '../util/temp-beside.js';
import type { Context } from './context.js';

/**
 * Makes a new record under a temporary name beside the record path and gives it that path only
 * once it is complete (a hard link, which fails rather than replace a file that appeared
 * meanwhile): a failure or a kill -9 midway never leaves a half-made record at the path.
 */
export async function buildNewRecord<T>(ctx: Context, key: RecordKey | undefined, fill: (db: Db) => Promise<T> | T, schemaVersion?: number): Promise<T> {
  const target = ctx.recordPath;
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  // Beside the path (same file system, for the link), named for this process: what a killed
  // build left there is removed by the next one (see temp-beside.ts).
  const temp = freeTempBeside(target);
  let db: Db | undefined = openRecord(temp, { create: true, key, schemaVersion });
  try {
    const value = await fill(db);
    db.close(); // checkpoints the WAL into the file
    db = undefined;
    try {
      linkSync(temp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw usageError(`A record already exists at ${target}.`, 'Choose a path that does not exist yet.');
      throw err;
    }
    return value;
  } finally {
    db?.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(temp + suffix, { force: true });
  }
}
