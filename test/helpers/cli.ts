import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach } from 'vitest';
import { totpCode } from '../../src/account/totp.js';
import { setAuditKey } from '../../src/audit/key.js';
import { Context } from '../../src/cli/context.js';
import { loadSession } from '../../src/cli/session-file.js';
import type { Choice, Prompter } from '../../src/cli/prompter.js';
import { run } from '../../src/cli/run.js';
import { type Db, openRecord, type RecordKey } from '../../src/store/database.js';

/** Cheap scrypt for tests; the program itself always uses OWASP's cost. */
export const TEST_KDF = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery';
export const START = new Date('2026-11-26T10:00:00Z');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not). */
  json<T = any>(): T;
}

/**
 * Answers to prompts, in the order they are asked; a prompt with no answer left fails the test.
 * An Error as an answer is thrown by that prompt (e.g. the person pressed Ctrl-C). Like the real
 * prompts, an answer the prompt's validate() refuses is not returned: its message is kept in
 * `rejected` and the same prompt takes the next answer.
 */
export function scriptedPrompter(answers: unknown[]): Prompter & { asked: string[]; rejected: string[] } {
  const asked: string[] = [];
  const rejected: string[] = [];
  const next = async <T>(message: string, validate?: (v: string) => true | string): Promise<T> => {
    for (;;) {
      asked.push(message);
      if (answers.length === 0) throw new Error(`unexpected prompt: ${message}`);
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      const verdict = validate && typeof answer === 'string' ? validate(answer) : true;
      if (verdict === true) return answer as T;
      rejected.push(verdict);
    }
  };
  return {
    asked,
    rejected,
    input: (m, o) => next<string>(m, o?.validate),
    password: (m, o) => next<string>(m, o?.validate),
    confirm: (m) => next<boolean>(m),
    select: <T,>(m: string, _c: Choice<T>[]) => next<T>(m),
    editor: (m) => next<string>(m),
  };
}

export interface RunOptions {
  /** What standard input holds; a stream for input that never ends (`cat /dev/zero`). */
  stdin?: string | Buffer | Readable;
  /** true: stdin, stdout and stderr are terminals; or each stream on its own (unset ones are not). */
  tty?: boolean | TtyStreams;
  answers?: unknown[];
  env?: Record<string, string>;
}

export interface TtyStreams {
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
}

function ttyOf(tty: RunOptions['tty']): Required<TtyStreams> {
  if (typeof tty === 'object') return { stdin: Boolean(tty.stdin), stdout: Boolean(tty.stdout), stderr: Boolean(tty.stderr) };
  return { stdin: Boolean(tty), stdout: Boolean(tty), stderr: Boolean(tty) };
}

function stream(isTTY: boolean): PassThrough & { isTTY?: boolean; columns?: number; text(): string; bytes(): Buffer } {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number; text(): string; bytes(): Buffer };
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  s.isTTY = isTTY;
  s.columns = 120;
  s.bytes = () => Buffer.concat(chunks);
  s.text = () => s.bytes().toString('utf8');
  return s;
}

/** A temp record directory with its own clock; `dmp` runs in-process against it. */
export class TestRecord {
  readonly dir = mkdtempSync(join(tmpdir(), 'dmp-test-'));
  readonly env: Record<string, string> = {
    DMP_RECORD: join(this.dir, 'record.db'),
    DMP_STATE_DIR: join(this.dir, 'state'),
    HOME: this.dir,
    NO_COLOR: '1',
  };
  now = new Date(START);
  totpSecret = '';
  recoveryCodes: string[] = [];
  lastStdout: Buffer = Buffer.alloc(0);
  /** The prompter of the last run: what it asked and which answers it refused. */
  lastPrompter = scriptedPrompter([]);

  get recordPath(): string {
    return this.env.DMP_RECORD!;
  }

  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }

  async run(argv: string[], options: RunOptions = {}): Promise<CliResult> {
    const tty = ttyOf(options.tty);
    const stdout = stream(tty.stdout);
    const stderr = stream(tty.stderr);
    const given = options.stdin;
    const stdin = (given instanceof Readable ? given : Readable.from(given === undefined ? [] : [Buffer.from(given)])) as Readable & { isTTY?: boolean };
    stdin.isTTY = tty.stdin;
    const ctx = new Context({
      io: { stdin, stdout, stderr },
      env: { ...this.env, ...options.env },
      cwd: this.dir,
      now: () => this.now,
      prompter: (this.lastPrompter = scriptedPrompter(options.answers ?? [])),
      kdfCost: TEST_KDF,
    });
    const code = await run(argv, ctx);
    this.lastStdout = stdout.bytes();
    const out = stdout.text();
    return { code, stdout: out, stderr: stderr.text(), json: () => JSON.parse(out) };
  }

  /** The next valid 6-digit code (moves the clock one step so a code is never a replay). */
  code(): string {
    this.advance(30_000);
    return totpCode(this.totpSecret, this.now);
  }

  async init(extra: string[] = []): Promise<CliResult> {
    const r = await this.run(
      ['init', '--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F', '--json', ...extra],
      { stdin: `${PASSWORD}\n` },
    );
    if (r.code === 0) {
      this.totpSecret = r.json().totp.secret;
      this.recoveryCodes = r.json().recoveryCodes;
    }
    return r;
  }

  async login(): Promise<CliResult> {
    return this.run(['login', '--username', 'marie', '--password-stdin', '--code', this.code()], { stdin: `${PASSWORD}\n` });
  }

  /** The secrets of the current session file (the record key, the audit key), as the CLI reads them. */
  session(): { token: string; recordKey?: RecordKey; auditKey: Buffer } {
    const ctx = new Context({ io: { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough() }, env: this.env, cwd: this.dir, prompter: scriptedPrompter([]) });
    const s = loadSession(ctx);
    if (!s) throw new Error('no session: log in first');
    return s;
  }

  /** Opens the record directly (as a test reaching behind the CLI), with the key and audit key of the current session. */
  /** The record opened with the session's key, without migrations or checks: for tampering with it behind dmp's back. */
  openRaw(): Db {
    return openRecord(this.recordPath, { key: this.session().recordKey, raw: true });
  }

  open(): Db {
    const s = this.session();
    const db = openRecord(this.recordPath, { key: s.recordKey });
    setAuditKey(db, s.auditKey);
    return db;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A TestRecord with nothing in it yet (no `init`), removed after the test. */
export function newRecord(): TestRecord {
  const rec = new TestRecord();
  afterEach(() => rec.cleanup());
  return rec;
}

/** A new record, created and logged in, removed after the test. */
export async function loggedInRecord(initArgs: string[] = [], now?: Date): Promise<TestRecord> {
  const rec = newRecord();
  if (now) rec.now = now;
  const init = await rec.init(initArgs);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const login = await rec.login();
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  return rec;
}

/** The same on the real clock: for tests that spawn the built program, which reads the machine's time. */
export const liveRecord = (): Promise<TestRecord> => loggedInRecord([], new Date());
