import type { Command } from 'commander';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { NounNotLoaded, nounInArgv, registerStandIn } from '../../src/cli/lazy-nouns.js';
import { buildProgram, NOUNS } from '../../src/cli/program.js';
import { newRecord, scriptedPrompter } from '../helpers/cli.js';

function context(): Context {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  return new Context({ io, env: { NO_COLOR: '1' }, cwd: '/', prompter: scriptedPrompter([]) });
}

const noun = (program: Command, name: string) => program.commands.find((c) => c.name() === name)!;

describe('lazy nouns', () => {
  it('lists every noun in `dmp --help` exactly as the fully loaded program does (name, flags marker, summary)', async () => {
    const ctx = context();
    const full = await buildProgram(ctx, { all: true });
    const lazy = await buildProgram(ctx, { argv: ['--help'] });
    expect(lazy.helpInformation()).toBe(full.helpInformation());
    for (const { name, summary } of NOUNS) expect(noun(full, name).description()).toBe(summary);
    expect(lazy.commands.map((c) => c.name())).toEqual(full.commands.map((c) => c.name()));
  });

  it('loads only the noun the command line names', async () => {
    const program = await buildProgram(context(), { argv: ['--record', 'docs', 'patients', 'list'] });
    expect(noun(program, 'patients').commands.map((c) => c.name())).toEqual(['add', 'list', 'show', 'edit', 'rm']);
    expect(noun(program, 'docs').commands).toEqual([]);
    expect(noun(program, 'account').commands).toEqual([]);
  });

  it('finds the noun after the global options and their values, and after `help`', () => {
    const program = { options: [{ long: '--record', required: true }, { long: '--patient', required: true }, { long: '--json' }, { long: '--no-color' }, { short: '-V', long: '--version' }] } as unknown as Command;
    const cases: [string[], string | undefined][] = [
      [['status'], 'status'],
      [['--record', 'docs', 'status'], 'status'],
      [['--record=r.db', '--patient', 'Léo DUPONT', 'docs', 'list'], 'docs'],
      [['--json', '--no-color', 'audit', '--since', '2026-01-01'], 'audit'],
      [['help', 'docs'], 'docs'],
      [['--json', 'help', '--no-color', 'patients'], 'patients'],
      [['--', 'status'], 'status'],
      [['--frobnicate', 'docs'], undefined],
      [['--help', 'docs'], undefined],
      [['--json=1', 'docs'], undefined],
      [[], undefined],
    ];
    for (const [argv, expected] of cases) expect([argv, nounInArgv(program, argv)]).toEqual([argv, expected]);
  });

  it('a stand-in that commander dispatches to says so instead of parsing flags it does not know', async () => {
    const program = (await buildProgram(context(), { argv: [] })).exitOverride();
    registerStandIn(program, { name: 'later', summary: 'a noun', load: async () => () => {} });
    await expect(program.parseAsync(['later', '--any', 'thing'], { from: 'user' })).rejects.toBeInstanceOf(NounNotLoaded);
  });

  it('through run(): help for a noun, suggestions and global options before the noun behave as with every noun loaded', async () => {
    const rec = newRecord();
    const help = await rec.run(['help', 'docs']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: dmp docs \[options\] \[command\]\n[\s\S]*\n {2}search \[options\] <query\.\.\.>/);
    const suggestion = await rec.run(['--json', 'pateints']);
    expect(suggestion.stderr).toBe("dmp: unknown command 'pateints' (did you mean patients?)\n  Run the command with --help to see its flags and examples.\n");
    const status = await rec.run(['--record', `${rec.dir}/other.db`, '--json', 'status']);
    expect(status.json()).toMatchObject({ record: `${rec.dir}/other.db`, recordExists: false });
  });
});
