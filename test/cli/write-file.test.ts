import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { writeNewFileChunks } from '../../src/cli/write-file.js';
import { scriptedPrompter } from '../helpers/cli.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function context(): Context {
  const dir = mkdtempSync(join(tmpdir(), 'dmp-write-'));
  made.push(dir);
  return new Context({ io: { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough() }, env: {}, cwd: dir, prompter: scriptedPrompter([]) });
}

describe('a file dmp writes', () => {
  it('is not put over a file another program created at its path while it was written (unless --force), and says so', () => {
    const ctx = context();
    const path = join(ctx.cwd, 'export.json');
    function* chunks() {
      yield '{"first": 1,';
      writeFileSync(path, 'theirs');
      yield '"second": 2}';
    }
    expect(() => writeNewFileChunks(ctx, 'export.json', chunks(), false, '-o')).toThrow(
      expect.objectContaining({ kind: 'usage', message: `${path} was created by another program while dmp wrote it; it was left as it is.`, hint: 'Pass --force to replace it, or choose another path.' }),
    );
    expect(readFileSync(path, 'utf8')).toBe('theirs');
    expect(readdirSync(ctx.cwd)).toEqual(['export.json']);
    // With --force the user asked for the path whatever is there: it is replaced.
    rmSync(path);
    writeNewFileChunks(ctx, 'export.json', chunks(), true, '-o');
    expect(readFileSync(path, 'utf8')).toBe('{"first": 1,"second": 2}');
    expect(readdirSync(ctx.cwd)).toEqual(['export.json']);
  });

  it('leaves nothing when its content fails midway, and reports that failure as it is (not as a write failure)', () => {
    const ctx = context();
    function* chunks() {
      yield 'half';
      throw new Error('the record went away');
    }
    expect(() => writeNewFileChunks(ctx, 'export.json', chunks(), false, '-o')).toThrow(/^the record went away$/);
    expect(readdirSync(ctx.cwd)).toEqual([]);
  });
});
