import { statSync } from 'node:fs';
import type { KdfCost } from '../account/password.js';
import { setAuditKey } from '../audit/key.js';
import { authError, usageError } from '../errors.js';
import { openRecord, type Db, type RecordKey } from '../store/database.js';
import { StoreError } from '../store/errors.js';
import { readRecordHeader } from '../store/format.js';
import { checkRecordPath } from '../store/path.js';
import { Output, type OutputStreams } from './output.js';
import { type Env, failuresPath, recordPath, sessionPath } from './paths.js';
import type { Prompter } from './prompter.js';
import { loadSession, type SessionSecrets } from './session-file.js';

/** Longest line accepted for a password or code on standard input. */
export const MAX_SECRET_LINE = 1024;

export interface Io extends OutputStreams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

export interface Globals {
  record?: string;
  patient?: string;
  json: boolean;
  color: boolean;
}

export interface ContextOptions {
  io: Io;
  env: Env;
  cwd: string;
  now?: () => Date;
  prompter: Prompter;
  /** Tests lower the scrypt cost; the real program never does. */
  kdfCost?: KdfCost;
  /** Listens for Ctrl-C (SIGINT) until the returned function is called; absent, Ctrl-C ends the process. */
  interrupts?: (onInterrupt: () => void) => () => void;
}

/** What a command may use of the outside world: streams, env, clock, prompts and the record. */
export class Context {
  readonly io: Io;
  readonly env: Env;
  readonly cwd: string;
  readonly prompter: Prompter;
  readonly kdfCost: KdfCost | undefined;
  readonly interrupts: ((onInterrupt: () => void) => () => void) | undefined;
  private readonly clock: () => Date;
  private globalsValue: Globals = { json: false, color: true };
  private outValue: Output | undefined;
  private db: Db | undefined;
  /** Set by a command that finished its work but must still report a failure (e.g. rejected rows). */
  exitCode = 0;

  constructor(options: ContextOptions) {
    this.io = options.io;
    this.env = options.env;
    this.cwd = options.cwd;
    this.prompter = options.prompter;
    this.kdfCost = options.kdfCost;
    this.interrupts = options.interrupts;
    this.clock = options.now ?? (() => new Date());
  }

  now(): Date {
    return this.clock();
  }

  get globals(): Globals {
    return this.globalsValue;
  }

  setGlobals(globals: Globals): void {
    this.globalsValue = globals;
    this.outValue = undefined;
  }

  get out(): Output {
    this.outValue ??= new Output(this.io, this.globals.json, this.globals.color && !this.env.NO_COLOR);
    return this.outValue;
  }

  /** Prompts are allowed only when a person is at the keyboard. */
  get interactive(): boolean {
    return Boolean(this.io.stdin.isTTY);
  }

  get recordPath(): string {
    return recordPath(this.globals.record, this.env, this.cwd);
  }

  get sessionPath(): string {
    return sessionPath(this.recordPath, this.env);
  }

  get failuresPath(): string {
    return failuresPath(this.recordPath, this.env);
  }

  /** An empty file is no record yet (`init` may use it). */
  recordExists(): boolean {
    try {
      const stat = statSync(this.recordPath);
      return !stat.isFile() || stat.size > 0;
    } catch {
      return false;
    }
  }

  /** Whether the record file is encrypted, judged from its header (without a key). */
  recordEncrypted(): boolean {
    if (!this.recordExists() || !statSync(this.recordPath).isFile()) return false;
    checkRecordPath(this.recordPath); // an unreadable file is named as such, before its header is read
    return readRecordHeader(this.recordPath).format === 'encrypted';
  }

  /** The session file's secrets for this record (read once per command). */
  session(): SessionSecrets | null {
    if (this.sessionValue === undefined) this.sessionValue = loadSession(this);
    return this.sessionValue;
  }
  private sessionValue: SessionSecrets | null | undefined;

  /**
   * The record, opened (and migrated) on first use: an encrypted one with the key the session
   * holds (no KDF: start-up stays fast), with the session's audit key loaded for appendAudit.
   */
  store(): Db {
    if (this.db) return this.db;
    const session = this.session();
    if (this.recordEncrypted() && !session?.recordKey) throw authError('You are not logged in to this record.', 'Run `dmp login` first.');
    try {
      this.db = openRecord(this.recordPath, { key: session?.recordKey });
    } catch (err) {
      // The key of a session from before a password change no longer opens the record.
      if (err instanceof StoreError && err.problem === 'wrong-key') throw authError('Your session was ended (logout, a newer login or a password change).', 'Run `dmp login` first.');
      throw err;
    }
    if (session) setAuditKey(this.db, session.auditKey);
    return this.db;
  }

  /** Opens the record with a key just derived from the password (login); none for a plain file. */
  openStore(key: RecordKey | undefined): Db {
    this.close();
    this.db = openRecord(this.recordPath, { key });
    return this.db;
  }

  /** Creates the record file (encrypted with `key`, or plain); only `init` does this. */
  createStore(key?: RecordKey): Db {
    this.db ??= openRecord(this.recordPath, { create: true, key });
    return this.db;
  }

  /** Forgets the session read at start (after login, logout or a password change wrote it). */
  sessionChanged(): void {
    this.sessionValue = undefined;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  /** A value from its flag, else from a prompt on a terminal, else a usage error naming the flag. */
  async ask(value: string | undefined, flag: string, prompt: () => Promise<string>): Promise<string> {
    if (value !== undefined) return value;
    if (!this.interactive) throw usageError(`Missing ${flag}.`, `Pass ${flag}; dmp only asks on a terminal.`);
    return prompt();
  }

  /** Kept for callers not yet moved to the bounded readers: at most 1 MiB and one byte. */
  async readStdin(): Promise<Buffer> {
    return this.readStdinLimited(1024 * 1024);
  }

  /**
   * Standard input up to `maxBytes` and at most one byte more, so the caller can tell "over the
   * limit" without holding all of it: `cat /dev/zero | dmp docs add --stdin` stops there.
   */
  async readStdinLimited(maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of this.io.stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      const room = maxBytes + 1 - total;
      chunks.push(bytes.length > room ? bytes.subarray(0, room) : bytes);
      total += Math.min(bytes.length, room);
      if (total > maxBytes) break; // leaving the loop stops reading (the stream is destroyed)
    }
    return Buffer.concat(chunks);
  }

  /**
   * The first `count` lines of standard input (for secrets), each at most `maxLineBytes`; stops
   * reading after them. Null when a line is longer, so the caller can say so.
   */
  async readStdinLines(count: number, maxLineBytes = MAX_SECRET_LINE): Promise<string[] | null> {
    const limit = count * (maxLineBytes + 2);
    const bytes = await this.readStdinLimited(limit);
    const lines: string[] = [];
    let start = 0;
    while (lines.length < count) {
      const end = bytes.indexOf(0x0a, start);
      const line = bytes.subarray(start, end === -1 ? bytes.length : end);
      const text = line.at(-1) === 0x0d ? line.subarray(0, -1) : line;
      if (text.length > maxLineBytes) return null;
      lines.push(text.toString('utf8'));
      if (end === -1) break;
      start = end + 1;
    }
    return lines;
  }
}
