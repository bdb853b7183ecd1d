import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

// node:crypto (~2 ms to load) only when a session path is needed: `dmp --help` never needs it.
const require = createRequire(import.meta.url);

export type Env = Record<string, string | undefined>;

/** --record, else $DMP_RECORD, else the XDG data directory. */
export function recordPath(flag: string | undefined, env: Env, cwd: string): string {
  const chosen = flag ?? env.DMP_RECORD;
  if (chosen) return resolve(cwd, chosen);
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'dmp', 'record.db');
}

/** $DMP_STATE_DIR, else the XDG state directory; one session file per record. */
export function sessionPath(record: string, env: Env): string {
  const stateHome = env.DMP_STATE_DIR || join(env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state'), 'dmp');
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const id = createHash('sha256').update(record).digest('hex').slice(0, 16);
  return join(stateHome, `session-${id}.json`);
}
