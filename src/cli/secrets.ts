import { usageError } from '../errors.js';
import { type Context, MAX_SECRET_LINE } from './context.js';

/** Lines of standard input for --password-stdin (trailing CR/LF removed, nothing else). */
export async function stdinLines(ctx: Context, count: number, flag = '--password-stdin'): Promise<string[]> {
  const lines = await ctx.readStdinLines(count);
  if (lines === null) throw usageError(`${flag}: a line of standard input is over ${MAX_SECRET_LINE} bytes; a password is one line.`, `Pipe it in, e.g. printf '%s\\n' "$PASSWORD" | dmp ... ${flag}.`);
  if (lines.length < count || lines.slice(0, count).some((l) => l === '')) {
    throw usageError(`${flag} expects ${count === 1 ? 'the password on the first line' : `${count} lines`} of standard input.`, `Pipe it in, e.g. printf '%s\\n' "$PASSWORD" | dmp ... ${flag}.`);
  }
  return lines.slice(0, count);
}

/** A password from stdin or a masked prompt; never from a plain argument. */
export async function readPassword(ctx: Context, fromStdin: boolean | undefined, message = 'Password:'): Promise<string> {
  if (fromStdin) return (await stdinLines(ctx, 1))[0]!;
  if (!ctx.interactive) throw usageError('Missing the password.', 'Pass --password-stdin and pipe it in; dmp only asks on a terminal.');
  return ctx.prompter.password(message);
}
