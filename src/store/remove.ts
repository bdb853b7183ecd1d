import { existsSync, lstatSync, realpathSync, rmSync } from 'node:fs';

/** The files SQLite keeps beside a record: what must go with it. */
const COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Deletes a record for good: its write-ahead log, shared memory and journal first (the log can
 * hold recent pages), then the file itself. A symbolic link is followed (SQLite names the
 * companions after the real file) and removed too. Returns the paths removed.
 * The caller must have closed the database.
 */
export function removeRecordFiles(path: string): string[] {
  const real = existsSync(path) ? realpathSync(path) : path;
  const removed: string[] = [];
  const remove = (p: string) => {
    if (!isPresent(p)) return;
    rmSync(p, { force: true });
    removed.push(p);
  };
  for (const suffix of COMPANIONS) remove(`${real}${suffix}`);
  remove(real);
  if (real !== path) {
    for (const suffix of COMPANIONS) remove(`${path}${suffix}`);
    remove(path);
  }
  return removed;
}

function isPresent(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
