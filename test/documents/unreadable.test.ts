import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DmpError } from '../../src/errors.js';

// Root reads any file whatever its mode, so an unreadable file is simulated: readFileSync
// fails the way it does for a file without read permission.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    readFileSync: (path: unknown, ...rest: unknown[]) => {
      if (String(path).endsWith('locked.txt')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
    },
  };
});

const { readDocumentFile } = await import('../../src/documents/ingest.js');

const dir = mkdtempSync(join(tmpdir(), 'dmp-unreadable-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readDocumentFile', () => {
  it('names a file it cannot read, with the reason, as invalid data', () => {
    const path = join(dir, 'locked.txt');
    writeFileSync(path, 'secret');
    let err: unknown;
    try {
      readDocumentFile(path, 1024);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DmpError);
    expect((err as DmpError).kind).toBe('invalid');
    expect((err as DmpError).message).toBe(`${path} cannot be read (EACCES).`);
    expect((err as DmpError).hint).toBe('Check its permissions, or copy it somewhere readable.');
  });
});
