import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { totpCode } from '../src/account/totp.js';
import { setAuditKey } from '../src/audit/key.js';
import { Context } from '../src/cli/context.js';
import { inquirerPrompter } from '../src/cli/prompter.js';
import { loadSession } from '../src/cli/session-file.js';
import { type Db, openRecord } from '../src/store/database.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'dmp.js');

/**
 * A new encrypted record (holder Marie DUPONT) with a live session, opened in this process as
 * dmp opens it: with the record key and the audit key the login left in the session file, so
 * that rows added here are encrypted and audited like the CLI's.
 */
export function loggedInRecord(env: NodeJS.ProcessEnv): Db {
  const password = 'bench password 2026';
  const init = execFileSync(process.execPath, [BIN, 'init', '--username', 'bench', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F', '--json'], { env, input: `${password}\n`, encoding: 'utf8' });
  const secret = (JSON.parse(init) as { totp: { secret: string } }).totp.secret;
  // The code of the next 30-second step: init's enrolment may already have used this one.
  execFileSync(process.execPath, [BIN, 'login', '--username', 'bench', '--password-stdin', '--code', totpCode(secret, new Date(Date.now() + 30_000))], { env, input: `${password}\n`, stdio: 'pipe' });
  return openWithSession(env);
}

/** The record of `env`, opened with the keys of its live session. */
export function openWithSession(env: NodeJS.ProcessEnv): Db {
  const ctx = new Context({ io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, env, cwd: process.cwd(), prompter: inquirerPrompter({ input: process.stdin, output: process.stderr }) });
  const session = loadSession(ctx)!;
  const db = openRecord(env.DMP_RECORD!, { key: session.recordKey });
  setAuditKey(db, session.auditKey);
  return db;
}
