import { Context } from './context.js';
import { inquirerPrompter } from './prompter.js';
import { run } from './run.js';

// The only module that touches the process: argv, env, streams, exit code.
// process.stdin is a getter that builds the stream (~1 ms): only commands that read or ask use it.
const ctx = new Context({
  io: {
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
  },
  env: process.env,
  cwd: process.cwd(),
  prompter: inquirerPrompter({
    get input() {
      return process.stdin;
    },
    output: process.stderr,
  }),
  interrupts: (onInterrupt) => (process.on('SIGINT', onInterrupt), () => process.off('SIGINT', onInterrupt)),
});

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // A closed pipe (`dmp docs list | head`) is not an error.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.stderr.on('error', (err: NodeJS.ErrnoException) => {
  // Nobody reads the messages any more (`dmp ... 2>&1 | true`): the exit code still tells.
  if (err.code === 'EPIPE') return;
  throw err;
});

// Not a top-level await: the bundle is a CommonJS script (see src/boot.cts).
void run(process.argv.slice(2), ctx).then((code) => {
  process.exitCode = code;
});
