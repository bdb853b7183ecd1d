import { type Command, Help } from 'commander';
import type { Context } from './context.js';

/** What a noun's module exports: registers the noun (and its verbs) on the program. */
export type Register = (program: Command, ctx: Context) => void;

export interface Noun {
  name: string;
  /** Its line in `dmp --help`: the same text as the noun's own .description() (a test checks). */
  summary: string;
  /** What `dmp --help` shows after the name (commander writes `[options]` for a noun with flags of its own). */
  term?: string;
  /** Left out of `dmp --help` (the shell completion protocol). */
  hidden?: boolean;
  load: () => Promise<Register>;
}

/** Thrown by a stand-in that commander dispatched to after all: run() then loads every noun. */
export class NounNotLoaded extends Error {
  constructor(readonly noun: string) {
    super(`the command "${noun}" was not loaded`);
  }
}

const standIns = new WeakMap<Command, Noun>();

/**
 * Registers a light stand-in for a noun that this command line does not use: its name and its
 * summary, enough for `dmp --help` and commander's "did you mean" suggestions. Commander should
 * never dispatch to it (the noun named in argv is loaded in full); if it does, it throws
 * NounNotLoaded instead of failing on flags it does not know.
 */
export function registerStandIn(program: Command, noun: Noun): void {
  const cmd = program
    .command(noun.name, { hidden: noun.hidden })
    .description(noun.summary)
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new NounNotLoaded(noun.name);
    });
  standIns.set(cmd, noun);
}

/** Help that shows a stand-in's line exactly as the loaded noun's would be. */
export function standInHelp(): Partial<Help> {
  return {
    subcommandTerm(cmd: Command): string {
      const noun = standIns.get(cmd);
      if (noun) return noun.term ? `${noun.name} ${noun.term}` : noun.name;
      return Help.prototype.subcommandTerm.call(this, cmd);
    },
  };
}

/**
 * The noun commander will dispatch this command line to, found the way commander's own
 * parseOptions does at the top level (global options may stand before the noun): the first
 * operand, skipping the program's own options and the values of those that take one, and none
 * once an option the program does not know appears (commander then hands the rest to the
 * subcommand unparsed, and reports the unknown option). For `dmp help NOUN`, NOUN.
 */
export function nounInArgv(program: Command, argv: readonly string[]): string | undefined {
  const operands: string[] = [];
  for (let i = 0; i < argv.length && operands.length < 2; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      operands.push(...argv.slice(i + 1, i + 3));
      break;
    }
    if (arg.length > 1 && arg.startsWith('-')) {
      const inline = /^--[^=]+=/.test(arg);
      const flag = inline ? arg.slice(0, arg.indexOf('=')) : arg;
      const option = program.options.find((o) => o.short === flag || o.long === flag);
      if (!option || (inline && !option.required && !option.optional)) break;
      const next = argv[i + 1];
      if (!inline && (option.required || (option.optional && next !== undefined && !next.startsWith('-')))) i++;
      continue;
    }
    operands.push(arg);
  }
  return operands[0] === 'help' ? operands[1] : operands[0];
}
