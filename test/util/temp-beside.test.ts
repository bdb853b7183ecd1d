import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A file system without hard links (FAT, exFAT, some network shares) refuses link(2) with EPERM.
const noHardLinks = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const linkSync: typeof fs.linkSync = (from, to) => {
    if (noHardLinks.on) throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    return fs.linkSync(from, to);
  };
  return { ...fs, default: { ...fs, linkSync }, linkSync };
});

const { openTempBeside, publishTemp, tempBeside } = await import('../../src/util/temp-beside.js');

const made: string[] = [];
afterEach(() => {
  noHardLinks.on = false;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dmp-temp-'));
  made.push(dir);
  return dir;
}

function writeTemp(path: string, text: string): string {
  const { temp, fd } = openTempBeside(path);
  writeSync(fd, text);
  closeSync(fd);
  return temp;
}

describe('files written beside their path', () => {
  it('publish a new file where hard links are refused, and still refuse a path taken meanwhile', () => {
    noHardLinks.on = true;
    const dir = folder();
    const path = join(dir, 'export.json');
    publishTemp(writeTemp(path, 'new'), path, false);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(() => publishTemp(writeTemp(path, 'second'), path, false)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['export.json']);
  });

  it("remove what a killed process left (its pid no longer runs), and leave a running process's, a directory, and a user's own file of that name", () => {
    const dir = folder();
    const path = join(dir, 'session.json');
    // Pids of processes that have ended: only the mode and the kind of file decide for them.
    const [gone, gone2, gone3] = [0, 1, 2].map(() => spawnSync(process.execPath, ['-e', '0']).pid!) as [number, number, number];
    writeFileSync(`${path}.${gone}.new`, 'token', { mode: 0o600 });
    writeFileSync(`${path}.${process.ppid}.new`, 'in progress', { mode: 0o600 });
    mkdirSync(`${path}.${gone2}.new`);
    writeFileSync(`${path}.${gone3}.new`, 'a draft the user saved', { mode: 0o644 });
    // A date is no pid, whatever the file's mode (a umask of 077 makes a user's files 0600).
    writeFileSync(`${path}.20241231.new`, 'another draft', { mode: 0o600 });
    expect(tempBeside(path)).toBe(`${path}.${process.pid}.new`);
    expect(readdirSync(dir).sort()).toEqual([`session.json.${gone2}.new`, `session.json.${gone3}.new`, 'session.json.20241231.new', `session.json.${process.ppid}.new`].sort());
  });
});
