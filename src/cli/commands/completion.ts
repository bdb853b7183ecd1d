import type { Command } from 'commander';
import { format } from 'node:util';
import { usageError } from '../../errors.js';
import { action, examples } from '../command.js';
import type { Context } from '../context.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

/**
 * `dmp completion bash|zsh|fish` prints the shell's completion script (@bomb.sh/tab); the
 * script calls the hidden `dmp complete -- WORDS...`, which prints one candidate per line
 * (value, tab, description) and a `:directive` line. tab is loaded only by these two commands.
 * `program` here has only the noun of the command line loaded.
 */
export function registerCompletion(program: Command, ctx: Context): void {
  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .argument('<shell>', `the shell (${SHELLS.join(', ')})`)
    .addHelpText(
      'after',
      examples(
        'source <(dmp completion bash)             # in ~/.bashrc (needs the bash-completion package)',
        'dmp completion zsh > "${fpath[1]}/_dmp"   # then restart zsh',
        'dmp completion fish > ~/.config/fish/completions/dmp.fish',
      ),
    )
    .action(action(ctx, ([shell]) => script(ctx, program, String(shell))));
}

export function registerComplete(program: Command, ctx: Context): void {
  program
    .command('complete', { hidden: true })
    .description('completion candidates for the words after --, for the shell scripts')
    .argument('[words...]')
    .allowUnknownOption()
    .action(action(ctx, ([words]) => complete(ctx, (words as string[] | undefined) ?? [])));
}

async function script(ctx: Context, program: Command, shell: string): Promise<void> {
  if (!(SHELLS as readonly string[]).includes(shell)) throw usageError(`"${shell}" is not a shell dmp has completion for.`, `Pass one of: ${SHELLS.join(', ')}.`);
  const { script: write } = await import('@bomb.sh/tab');
  toStdout(ctx, () => write(shell, program.name(), program.name()));
}

async function complete(ctx: Context, words: string[]): Promise<void> {
  const [{ completionTree }, { buildProgram }] = await Promise.all([import('./completion-tree.js'), import('../program.js')]);
  // This command line loaded only this noun: the candidates come from the whole tree.
  const root = await completionTree(await buildProgram(ctx, { all: true }));
  toStdout(ctx, () => root.parse(words));
}

/** tab prints with console.log; its lines go to the command's stdout instead (tests run in-process). */
function toStdout(ctx: Context, fn: () => void): void {
  const log = console.log;
  console.log = (...args: unknown[]) => void ctx.io.stdout.write(`${format(...args)}\n`);
  try {
    fn();
  } finally {
    console.log = log;
  }
}
