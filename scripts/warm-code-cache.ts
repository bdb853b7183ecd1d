import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Build step (scripts/bundle.ts): saves V8's code cache for the bundle after running the
 * command lines whose start matters most: the help, `status`, and the reads of each noun,
 * against a record that does not exist (each stops at "No record", having compiled the
 * command tree and the noun's modules on the way).
 */
const COMMAND_LINES = [['--help'], ['status'], ['docs', 'search', 'warm'], ['docs', 'list'], ['reimbursements', 'summary'], ['summary']];

const dir = mkdtempSync(join(tmpdir(), 'dmp-warm-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
process.env.DMP_RECORD = join(dir, 'none.db');
process.env.DMP_STATE_DIR = join(dir, 'state');
const boot = createRequire(import.meta.url)('../src/boot.cjs') as { warmCodeCache(commandLines: string[][]): void };
boot.warmCodeCache(COMMAND_LINES);
