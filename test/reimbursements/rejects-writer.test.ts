import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RejectsWriter } from '../../src/reimbursements/rejects.js';

const error = [{ line: 2, column: 'Date des soins', value: '31/02/2026', message: 'no such day' }];

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dmp-rejects-'));
  made.push(dir);
  return dir;
}

describe('the rejects file, written beside its path', () => {
  it('gets its path, with the header, the rows and their reasons, only when closed', async () => {
    const dir = folder();
    const path = join(dir, 'to-fix.csv');
    const w = new RejectsWriter(path, ['Date des soins', 'Rubrique'], ';');
    w.add(['31/02/2026', 'Pharmacie'], error);
    expect(existsSync(path)).toBe(false);
    await w.close();
    expect(readFileSync(path, 'utf8')).toBe('\ufeffDate des soins;Rubrique;Motif du rejet\r\n31/02/2026;Pharmacie;Date des soins: no such day\r\n');
    expect(readdirSync(dir)).toEqual(['to-fix.csv']);
  });

  it('leaves the file it would replace as it was when the import is abandoned (discard), and no temporary file', async () => {
    const dir = folder();
    const path = join(dir, 'to-fix.csv');
    writeFileSync(path, 'last run');
    const w = new RejectsWriter(path, ['Date des soins'], ';', true);
    w.add(['31/02/2026'], error);
    await w.discard();
    expect(readFileSync(path, 'utf8')).toBe('last run');
    expect(readdirSync(dir)).toEqual(['to-fix.csv']);
  });

  it('refuses, without touching it, a path another program created while the import ran', async () => {
    const dir = folder();
    const path = join(dir, 'to-fix.csv');
    const w = new RejectsWriter(path, ['Date des soins'], ';');
    writeFileSync(path, 'theirs');
    await expect(w.close()).rejects.toThrow(`The rejects file ${path} was created by another program during the import.`);
    expect(readFileSync(path, 'utf8')).toBe('theirs');
    expect(readdirSync(dir)).toEqual(['to-fix.csv']);
  });

  it('says so when the path became a directory during the import (with --force)', async () => {
    const dir = folder();
    const path = join(dir, 'to-fix.csv');
    const w = new RejectsWriter(path, ['Date des soins'], ';', true);
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'x');
    const err = await w.close().catch((e: unknown) => e as Error & { hint?: string });
    expect(err).toMatchObject({ kind: 'usage', message: `The rejects file ${path} became a directory during the import.` });
    expect(readdirSync(dir)).toEqual(['to-fix.csv']);
  });

  it('says it could not write the file when its directory went away, naming the file, not the temporary one', async () => {
    const dir = folder();
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const path = join(sub, 'to-fix.csv');
    const w = new RejectsWriter(path, ['Date des soins'], ';');
    rmSync(sub, { recursive: true });
    const err = (await w.close().catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(`Could not write the rejects file ${path}: its directory is gone.`);
    expect(err).toMatchObject({ kind: 'read-only', data: { field: 'rejects', rule: 'unwritable' } });
  });

  it('names what sits where its temporary file goes when it cannot remove it (a directory planted there)', () => {
    const dir = folder();
    const path = join(dir, 'to-fix.csv');
    const temp = `${path}.${process.pid}.new`;
    mkdirSync(temp);
    expect(() => new RejectsWriter(path, ['x'], ';')).toThrow(`Cannot write ${path}: ${temp}, the file dmp writes it through, is taken by something dmp did not leave there.`);
  });
});
