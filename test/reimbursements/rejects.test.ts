import { copyFileSync, linkSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { fixture } from './helpers.js';

describe('reimbursements import --rejects', () => {
  it('refuses a rejects path that is one of the inputs (as given, by another spelling, or a hard link), before reading anything', async () => {
    const rec = await loggedInRecord();
    const mine = join(rec.dir, 'mine.csv');
    copyFileSync(fixture('invalid-rows.csv'), mine);
    linkSync(mine, join(rec.dir, 'hard-link.csv'));
    const before = readFileSync(mine);
    for (const rejects of [mine, join(rec.dir, 'sub', '..', 'mine.csv'), 'hard-link.csv']) {
      const r = await rec.run(['reimbursements', 'import', mine, '--skip-invalid', '--force', '--rejects', rejects]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is one of the files to import; writing it would destroy that export.');
      expect(readFileSync(mine)).toEqual(before);
    }
    expect((await rec.run(['reimbursements', 'imports', '--json'])).json()).toEqual([]);
  });

  it('refuses one of several inputs as the rejects file of another', async () => {
    const rec = await loggedInRecord();
    const bad = join(rec.dir, 'r-bad.csv');
    copyFileSync(fixture('invalid-rows.csv'), bad);
    copyFileSync(fixture('invalid-rows.csv'), join(rec.dir, 'bad.csv'));
    // With two inputs, --rejects r.csv writes r-<input>.csv per input: r-bad.csv is an input.
    const clash = await rec.run(['reimbursements', 'import', bad, join(rec.dir, 'bad.csv'), '--rejects', join(rec.dir, 'r.csv'), '--force']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain(`The rejects file ${bad} is one of the files to import`);
  });

  it('never overwrites an existing file without --force; with it, replaces it 0600; new files are 0600', async () => {
    const rec = await loggedInRecord();
    const rejects = join(rec.dir, 'to-fix.csv');
    writeFileSync(rejects, 'precious', { mode: 0o644 });
    const r = await rec.run(['reimbursements', 'import', fixture('invalid-rows.csv'), '--skip-invalid', '--rejects', rejects]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`dmp: The rejects file ${rejects} already exists.\n  Pass --force to overwrite it, or choose another path.`);
    expect(readFileSync(rejects, 'utf8')).toBe('precious');
    expect((await rec.run(['reimbursements', 'imports', '--json'])).json()).toEqual([]);
    const forced = await rec.run(['reimbursements', 'import', fixture('invalid-rows.csv'), '--skip-invalid', '--rejects', rejects, '--force']);
    expect(forced.code).toBe(5);
    expect(readFileSync(rejects, 'utf8')).toContain('Motif du rejet');
    expect(statSync(rejects).mode & 0o777).toBe(0o600);
    const fresh = join(rec.dir, 'fresh.csv');
    await rec.run(['reimbursements', 'import', fixture('dot-in-comma-file.csv'), '--rejects', fresh]);
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
  });

  it('never writes through a symbolic link, even with --force', async () => {
    const rec = await loggedInRecord();
    const target = join(rec.dir, 'target.txt');
    writeFileSync(target, 'keep me');
    const link = join(rec.dir, 'link.csv');
    symlinkSync(target, link);
    const r = await rec.run(['reimbursements', 'import', fixture('invalid-rows.csv'), '--skip-invalid', '--rejects', link, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`dmp: The rejects file ${link} is a symbolic link; dmp does not write through links.`);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it('refuses a device as the rejects file', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['reimbursements', 'import', fixture('invalid-rows.csv'), '--rejects', '/dev/null', '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dmp: The rejects file /dev/null is not a regular file.');
  });
});
