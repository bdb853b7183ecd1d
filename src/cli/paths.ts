import { lstatSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

// node:crypto (~2 ms to load) only when a session path is needed: `dmp --help` never needs it.
const require = createRequire(import.meta.url);

export type Env = Record<string, string | undefined>;

/** --record, else $DMP_RECORD, else the XDG data directory. */
export function recordPath(flag: string | undefined, env: Env, cwd: string): string {
  const chosen = flag ?? env.DMP_RECORD;
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return followLink(chosen ? resolve(cwd, chosen) : join(dataHome, 'dmp', 'record.db'));
}

/**
 * A record reached through a symbolic link (say, into a synced folder) is the file it points to:
 * a password change renames a new file over the record, which must replace the target, not the
 * link. A dangling link stays as given, for the path checks to refuse by name.
 */
function followLink(path: string): string {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
  } catch {
    return path;
  }
}

const recordId = (record: string) => (require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(record).digest('hex').slice(0, 16);

/** $DMP_STATE_DIR, else the XDG state directory (kept across reboots). */
export function stateDir(env: Env): string {
  return env.DMP_STATE_DIR || join(env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state'), 'dmp');
}

/**
 * One session file per record: it holds the record's key while logged in, so it goes to
 * $XDG_RUNTIME_DIR/dmp when there is one (memory-backed, cleared when the OS session ends),
 * else to the state directory. $DMP_STATE_DIR overrides both.
 */
export function sessionPath(record: string, env: Env): string {
  const dir = env.DMP_STATE_DIR || (env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'dmp') : stateDir(env));
  return join(dir, `session-${recordId(record)}.json`);
}

/** Wrong passwords counted for a record (they cannot be counted inside an encrypted record): kept across reboots. */
export function failuresPath(record: string, env: Env): string {
  return join(stateDir(env), `failures-${recordId(record)}.jsonl`);
}
