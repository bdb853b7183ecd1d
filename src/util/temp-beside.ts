import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The file a write to `path` goes through before it is renamed over it: beside it (same file
 * system, so the rename is atomic), named for this process (a process writes one at a time).
 */
export function tempBeside(path: string): string {
  removeStaleTemps(path);
  return `${path}.${process.pid}.new`;
}

/**
 * Removes what earlier writes to `path` left when their process was killed between the write
 * and the rename (`path.<pid>.new` of a process no longer running, or of this one: a pid
 * reused), so that no copy of what they held outlives them. A link there is removed, not
 * followed; a file of a process still running is left to it.
 */
function removeStaleTemps(path: string): void {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return; // the folder's own problem is reported by the write itself
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith('.new') ? name.slice(prefix.length, -'.new'.length) : '';
    if (/^\d+$/.test(pid) && (Number(pid) === process.pid || !running(Number(pid)))) rmSync(join(dirname(path), name), { force: true });
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
