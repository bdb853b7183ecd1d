import { existsSync } from 'node:fs';
import type { KdfCost } from '../account/password.js';
import { usageError } from '../errors.js';
import { openRecord, type Db } from '../store/database.js';
import { Output, type OutputStreams } from './output.js';
import { type Env, recordPath, sessionPath } from './paths.js';
import type { Prompter } from './prompter.js';

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

  recordExists(): boolean {
    return existsSync(this.recordPath);
  }

  /** The record, opened (and migrated) on first use. */
  store(): Db {
    this.db ??= openRecord(this.recordPath);
    return this.db;
  }

  /** Creates the record file; only `init` does this. */
  createStore(): Db {
    this.db ??= openRecord(this.recordPath, { create: true });
    return this.db;
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

  /** All of standard input, for --stdin and --password-stdin. */
  async readStdin(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks);
  }
}
