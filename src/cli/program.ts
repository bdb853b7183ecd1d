import { Command } from 'commander';
import { registerAccount } from './commands/account/index.js';
import { registerAudit } from './commands/audit.js';
import { registerCompletion } from './commands/completion.js';
import { registerDocs } from './commands/docs/index.js';
import { registerHealth } from './commands/health/index.js';
import { registerInit } from './commands/init.js';
import { registerLogin } from './commands/login.js';
import { registerLogout } from './commands/logout.js';
import { registerPatients } from './commands/patients/index.js';
import { registerProfile } from './commands/profile/index.js';
import { registerReimbursements } from './commands/reimbursements/index.js';
import { registerSeed } from './commands/seed.js';
import { registerStatus } from './commands/status.js';
import { registerSummary } from './commands/summary/index.js';
import type { Context } from './context.js';

/** The whole command tree. Every noun registers itself here. */
export function buildProgram(ctx: Context): Command {
  const program = new Command('dmp')
    .description('Your health record (modelled on the French DMP), in one local SQLite file.')
    .version('0.1.0')
    .option('--record <path>', 'the record file (default: $DMP_RECORD, else ~/.local/share/dmp/record.db)')
    .option('--patient <ref>', 'who the command is about: an id, a NIR or a full name (default: the holder)')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput(outputFor(ctx));
  registerInit(program, ctx);
  registerLogin(program, ctx);
  registerLogout(program, ctx);
  registerStatus(program, ctx);
  registerAccount(program, ctx);
  registerPatients(program, ctx);
  registerAudit(program, ctx);
  registerDocs(program, ctx);
  registerReimbursements(program, ctx);
  registerHealth(program, ctx);
  registerProfile(program, ctx);
  registerSummary(program, ctx);
  registerSeed(program, ctx);
  registerCompletion(program, ctx);
  for (const sub of program.commands) propagate(sub, ctx);
  return program;
}

/** Subcommands inherit exitOverride and output settings (commander copies them only at creation). */
function propagate(cmd: Command, ctx: Context): void {
  cmd.exitOverride();
  cmd.configureOutput(outputFor(ctx));
  for (const sub of cmd.commands) propagate(sub, ctx);
}

/**
 * Commander writes to the context's streams; its errors become one "dmp: ..." line (the
 * "Did you mean" suggestion joins that line), and reportError adds the hint line.
 */
function outputFor(ctx: Context) {
  return {
    writeOut: (s: string) => ctx.io.stdout.write(s),
    writeErr: (s: string) => ctx.io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) =>
      write(s.replace(/^error: /, 'dmp: ').replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)')),
  };
}
