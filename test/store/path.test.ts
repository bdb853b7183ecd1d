import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRecord } from '../helpers/cli.js';

const lines = (s: string) => s.trimEnd().split('\n');

describe('record paths that are not regular files are refused before anything is written', () => {
  it('/dev/null: refused, and no /dev/null-journal appears', async () => {
    const rec = newRecord();
    const before = readdirSync('/dev').filter((n) => n.startsWith('null-'));
    const r = await rec.run(['--record', '/dev/null', 'status']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)).toEqual(['dmp: /dev/null is a device, not a regular file.', '  Point --record (or DMP_RECORD) to a record file; dmp wrote nothing.']);
    expect(readdirSync('/dev').filter((n) => n.startsWith('null-'))).toEqual(before);
    expect((await rec.run(['--record', '/dev/null', 'docs', 'list'])).code).toBe(5);
  });

  it('a fifo: "not a regular file", not "disk I/O error"', async () => {
    const rec = newRecord();
    const fifo = join(rec.dir, 'pipe.db');
    execFileSync('mkfifo', [fifo]);
    const r = await rec.run(['--record', fifo, 'docs', 'list']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)[0]).toBe(`dmp: ${fifo} is a named pipe (fifo), not a regular file.`);
    const init = await rec.run(['--record', fifo, 'init', '--username', 'marie', '--password-stdin'], { stdin: 'x\n' });
    expect(init.code).not.toBe(0);
    expect(existsSync(`${fifo}-journal`) || existsSync(`${fifo}-wal`)).toBe(false);
  });

  it('a link to nothing is refused by name; a link to a real record is followed', async () => {
    const rec = newRecord();
    const link = join(rec.dir, 'dangling.db');
    symlinkSync(join(rec.dir, 'nowhere', 'record.db'), link);
    const r = await rec.run(['--record', link, 'docs', 'list']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)[0]).toBe(`dmp: ${link} is a symbolic link to nothing.`);
    // init would have created the record wherever the link pointed.
    const init = await rec.run(['--record', link, 'init', '--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F'], { stdin: 'correct horse battery\n' });
    expect(init.code).toBe(5);
    expect(existsSync(join(rec.dir, 'nowhere'))).toBe(false);
    expect((await rec.init()).code).toBe(0);
    const alias = join(rec.dir, 'alias.db');
    symlinkSync(rec.recordPath, alias);
    expect((await rec.run(['--record', alias, 'docs', 'types', '--json'])).code).toBe(0);
    expect((await rec.run(['--record', alias, 'status', '--json'])).code).toBe(0);
  });

  it('a file in place of a folder of the path says so at init', async () => {
    const rec = newRecord();
    writeFileSync(join(rec.dir, 'afile'), 'x');
    rec.env.DMP_RECORD = join(rec.dir, 'afile', 'record.db');
    const r = await rec.init();
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBe(1);
  });
});

describe('an empty file is "no record"', () => {
  it('status and other commands say there is no record (nothing is migrated into it); init uses it and makes it 0600', async () => {
    const rec = newRecord();
    mkdirSync(rec.dir, { recursive: true });
    writeFileSync(rec.recordPath, '', { mode: 0o644 });
    const status = await rec.run(['status', '--json']);
    expect(status.code).toBe(0);
    expect(status.json().recordExists).toBe(false);
    expect(statSync(rec.recordPath).size).toBe(0);
    const list = await rec.run(['docs', 'list']);
    expect(list.code).toBe(4);
    expect(lines(list.stderr)[0]).toBe(`dmp: No record at ${rec.recordPath} (the file is empty).`);
    const init = await rec.init();
    expect(init.code).toBe(0);
    expect(statSync(rec.recordPath).mode & 0o777).toBe(0o600);
    expect((await rec.login()).code).toBe(0);
  });
});
