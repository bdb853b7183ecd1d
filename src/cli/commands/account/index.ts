import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerPassword } from './password.js';
import { registerRecoveryCodes } from './recovery-codes.js';

export function registerAccount(program: Command, ctx: Context): void {
  const account = program.command('account').description('change the password or the recovery codes');
  registerPassword(account, ctx);
  registerRecoveryCodes(account, ctx);
}
