import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scriptedPrompter } from '../helpers/cli.js';

// The disk's refusals, which a test cannot cause for real here (it runs as root, on one disk).
const refuse = vi.hoisted(() => ({ code: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (refuse.code) throw Object.assign(new Error(`${refuse.code}: write /some/path.123.new`), { code: refuse.code });
    return fs.writeSync(...args);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const { Context } = await import('../../src/cli/context.js');
const { writeNewFile } = await import('../../src/cli/write-file.js');

const made: string[] = [];
afterEach(() => {
  refuse.code = '';
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a file dmp cannot write', () => {
  it.each([
    ['ENOSPC', 'the disk is full', 'Free some space, or choose a path on another disk.'],
    ['EROFS', 'the file system is read-only', 'Choose a path on a disk you can write to.'],
    ['EIO', 'EIO', 'Choose another path.'],
  ])('%s: says so by the path given (never the temporary file), exit 7, and leaves nothing', (code, reason, hint) => {
    const dir = mkdtempSync(join(tmpdir(), 'dmp-write-'));
    made.push(dir);
    const ctx = new Context({ io: { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough() }, env: {}, cwd: dir, prompter: scriptedPrompter([]) });
    refuse.code = code;
    expect(() => writeNewFile(ctx, 'export.json', 'bytes', false, '-o')).toThrow(expect.objectContaining({ kind: 'read-only', message: `Cannot write ${join(dir, 'export.json')}: ${reason}.`, hint }));
    expect(readdirSync(dir)).toEqual([]);
  });
});
