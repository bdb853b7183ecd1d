import { execFileSync } from 'node:child_process';
import { linkSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { addText } from './helpers.js';

const lines = (s: string) => s.trimEnd().split('\n');
const exports = async (rec: Awaited<ReturnType<typeof loggedInRecord>>) =>
  ((await rec.run(['audit', '--json'])).json() as { action: string; details: unknown }[]).filter((a) => a.action === 'document.export');

describe('docs export -o writes only a regular file, never through a link, and audits before reporting', () => {
  it('a device, even with --force, is refused and left alone (it was chmodded)', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'secret');
    const before = statSync('/dev/null').mode;
    const r = await rec.run(['docs', 'export', String(id), '-o', '/dev/null', '--force']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['dmp: /dev/null is a device, not a regular file.', '  Give the path of a file to create or replace.']);
    expect(statSync('/dev/null').mode).toBe(before);
    expect(await exports(rec)).toEqual([]);
  });

  it('a fifo and a directory are refused the same way', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'secret');
    const fifo = join(rec.dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = await rec.run(['docs', 'export', String(id), '-o', fifo, '--force']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toBe(`dmp: ${fifo} is a named pipe (fifo), not a regular file.`);
    expect(lines((await rec.run(['docs', 'export', String(id), '-o', rec.dir, '--force'])).stderr)[0]).toBe(`dmp: ${rec.dir} is a directory, not a regular file.`);
  });

  it('a symbolic link is not written through, even with --force', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'secret');
    const victim = join(rec.dir, 'victim.txt');
    writeFileSync(victim, 'precious', { mode: 0o644 });
    const link = join(rec.dir, 'export.txt');
    symlinkSync(victim, link);
    const r = await rec.run(['docs', 'export', String(id), '-o', link, '--force']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toBe(`dmp: ${link} is a symbolic link; dmp does not write through links.`);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(statSync(victim).mode & 0o777).toBe(0o644);
  });

  it('--force replaces the file with a complete new one: a hard link to the old file keeps the old bytes', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'nouvelle version');
    const out = join(rec.dir, 'export.txt');
    writeFileSync(out, 'ancienne version', { mode: 0o644 });
    const other = join(rec.dir, 'other-name.txt');
    linkSync(out, other);
    expect((await rec.run(['docs', 'export', String(id), '-o', out, '--force'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('nouvelle version');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(other, 'utf8')).toBe('ancienne version');
  });

  it('an empty or blank -o is refused by name, not written as a file called "  "', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'secret');
    for (const blank of ['', '  ']) {
      const r = await rec.run(['docs', 'export', String(id), '-o', blank]);
      expect([r.code, ...lines(r.stderr)]).toEqual([2, 'dmp: The path given to --output is empty.', '  Pass --output PATH.']);
    }
    expect(await exports(rec)).toEqual([]);
  });

  it('a written export is audited, without the path', async () => {
    const rec = await loggedInRecord();
    const id = await addText(rec, 'secret');
    const r = await rec.run(['docs', 'export', String(id), '-o', join(rec.dir, 'résultat-vih.txt')]);
    expect(r.code).toBe(0);
    expect(await exports(rec)).toEqual([expect.objectContaining({ details: { to: 'file' } })]);
  });
});
