import { existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { totpCode } from '../../src/account/totp.js';
import { latestVersion } from '../../src/store/migrate.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { newRecord, PASSWORD, type TestRecord } from '../helpers/cli.js';

async function seededCli(): Promise<TestRecord> {
  const rec = newRecord();
  const r = await rec.run(['seed', '--seed', '8', '--documents', '10', '--reimbursements', '40', '--username', 'marie', '--password-stdin', '--json'], { stdin: `${PASSWORD}\n` });
  expect(r.code).toBe(0);
  rec.totpSecret = r.json().totp.secret;
  expect((await rec.login()).code).toBe(0);
  return rec;
}

describe('dmp export', () => {
  it('writes a FHIR bundle 0600, never over a file without --force, never through a link', async () => {
    const rec = await seededCli();
    const r = await rec.run(['export', '--format', 'fhir', '-o', 'bundle.json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('holds health data in clear');
    const path = join(rec.dir, 'bundle.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const bundle = JSON.parse(readFileSync(path, 'utf8'));
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const again = await rec.run(['export', '--format', 'fhir', '-o', 'bundle.json']);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('bundle.json already exists.')]);
    expect((await rec.run(['export', '--format', 'fhir', '-o', 'bundle.json', '--force'])).code).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(join(rec.dir, 'victim'), 'keep');
    symlinkSync(join(rec.dir, 'victim'), join(rec.dir, 'link.json'));
    const link = await rec.run(['export', '--format', 'json', '-o', 'link.json', '--force']);
    expect([link.code, link.stderr]).toEqual([2, expect.stringContaining('is a symbolic link; dmp does not write through links.')]);
    expect(readFileSync(join(rec.dir, 'victim'), 'utf8')).toBe('keep');
    expect((await rec.run(['audit', '--json'])).json().some((a: { action: string }) => a.action === 'record.export')).toBe(true);
  });

  it('audits an export once it is complete, never one refused, and a JSON dump does not hold its own row', async () => {
    const rec = await seededCli();
    const exportsAudited = async () => ((await rec.run(['audit', '--json'])).json() as { action: string }[]).filter((a) => a.action === 'record.export').length;
    writeFileSync(join(rec.dir, 'taken.json'), 'mine');
    const refused = await rec.run(['export', '--format', 'fhir', '-o', 'taken.json', '--attachments', 'files']);
    expect(refused.code).toBe(2);
    expect(existsSync(join(rec.dir, 'files'))).toBe(false);
    expect(await exportsAudited()).toBe(0);
    // One attachment's path taken: refused before the audit row and before any file is written.
    expect((await rec.run(['export', '--format', 'fhir', '-o', 'bundle.json', '--attachments', 'files'])).code).toBe(0);
    expect(await exportsAudited()).toBe(1);
    const names = readdirSync(join(rec.dir, 'files'));
    rmSync(join(rec.dir, 'files'), { recursive: true });
    mkdirSync(join(rec.dir, 'files'));
    writeFileSync(join(rec.dir, 'files', names.at(-1)!), 'mine');
    const clash = await rec.run(['export', '--format', 'fhir', '-o', 'other.json', '--attachments', 'files']);
    expect([clash.code, clash.stderr]).toEqual([2, expect.stringContaining(`${join(rec.dir, 'files', names.at(-1)!)} already exists.\n  Pass --force to replace it, or choose another path for --attachments.`)]);
    expect(readdirSync(join(rec.dir, 'files'))).toEqual([names.at(-1)]);
    expect(existsSync(join(rec.dir, 'other.json'))).toBe(false);
    expect(await exportsAudited()).toBe(1);
    rmSync(join(rec.dir, 'bundle.json'));
    expect((await rec.run(['export', '--format', 'json', '-o', 'dump.json'])).code).toBe(0);
    const dump = JSON.parse(readFileSync(join(rec.dir, 'dump.json'), 'utf8')) as { tables: { name: string; columns: string[]; rows: unknown[][] }[] };
    const log = dump.tables.find((t) => t.name === 'audit_log')!;
    const action = log.columns.indexOf('action');
    // The FHIR export before it is in the dump; the dump's own row is not.
    expect(log.rows.filter((r) => r[action] === 'record.export')).toHaveLength(1);
    expect(await exportsAudited()).toBe(2);
  });

  it('works on a closed record, and the export is still audited', async () => {
    const rec = await seededCli();
    expect((await rec.run(['record', 'close'])).code).toBe(0);
    const r = await rec.run(['export', '--format', 'fhir', '-o', 'closed.json']);
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('Wrote the record')]);
    expect((await rec.run(['audit', '--json'])).json().at(-1)).toMatchObject({ action: 'record.export' });
  });

  it('writes attachments as files referenced by relative urls with --attachments', async () => {
    const rec = await seededCli();
    expect((await rec.run(['export', '--format', 'fhir', '-o', 'out/bundle.json', '--attachments', 'out/files'])).code).toBe(0);
    const nested = JSON.parse(readFileSync(join(rec.dir, 'out', 'bundle.json'), 'utf8'));
    expect(nested.entry.find((e: any) => e.resource.resourceType === 'DocumentReference').resource.content[0].attachment.url).toMatch(/^files\//);
    expect((await rec.run(['export', '--format', 'fhir', '-o', 'bundle.json', '--attachments', 'files'])).code).toBe(0);
    const bundle = JSON.parse(readFileSync(join(rec.dir, 'bundle.json'), 'utf8'));
    const docs = bundle.entry.map((e: any) => e.resource).filter((r: any) => r.resourceType === 'DocumentReference');
    expect(docs).toHaveLength(10);
    for (const d of docs) {
      const att = d.content[0].attachment;
      expect(att.data).toBeUndefined();
      const file = join(rec.dir, att.url);
      expect(readFileSync(file).length).toBe(att.size);
      expect(lstatSync(file).mode & 0o777).toBe(0o600);
    }
    expect(readdirSync(join(rec.dir, 'files'))).toHaveLength(10);
  });

  it('writes to standard output when piped, refuses a terminal, and names a bad or missing format', async () => {
    const rec = await seededCli();
    const piped = await rec.run(['export', '--format', 'json']);
    expect(piped.code).toBe(0);
    expect(piped.json().format).toBe('dmp-record');
    const tty = await rec.run(['export', '--format', 'fhir'], { tty: true });
    expect([tty.code, tty.stderr]).toEqual([2, expect.stringContaining('Standard output is a terminal')]);
    const missing = await rec.run(['export']);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('Missing --format.')]);
    const unknown = await rec.run(['export', '--format', 'csv']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('"csv" is not an export format.')]);
    const att = await rec.run(['export', '--format', 'json', '--attachments', 'x']);
    expect([att.code, att.stderr]).toEqual([2, expect.stringContaining('--attachments goes with --format fhir only.')]);
    await rec.run(['logout']);
    expect((await rec.run(['export', '--format', 'json'])).code).toBe(3);
  });
});

describe('dmp restore', () => {
  it('makes a new record that logs in with the same password and authenticator and holds the same data', async () => {
    const rec = await seededCli();
    expect((await rec.run(['export', '--format', 'json', '-o', 'backup.json'])).code).toBe(0);
    const target = join(rec.dir, 'restored.db');
    const r = await rec.run(['--record', target, 'restore', 'backup.json', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`into ${target}`);
    // Keyed like the original (same salt, same password): a copy shows nothing readable.
    expect(readFileSync(target).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const env = { DMP_RECORD: target };
    const login = await rec.run(['login', '--username', 'marie', '--password-stdin', '--code', rec.code()], { stdin: `${PASSWORD}\n`, env });
    expect([login.code, login.stderr]).toEqual([0, expect.stringContaining('Logged in as marie.')]);
    expect((await rec.run(['audit', '--verify'], { env })).code).toBe(0);
    for (const cmd of [['patients', 'list', '--json'], ['docs', 'list', '--json'], ['reimbursements', 'list', '--all', '--json'], ['health', 'list', '--json']]) {
      expect((await rec.run(cmd, { env })).json()).toEqual((await rec.run(cmd)).json());
    }
    const original = JSON.parse(readFileSync(join(rec.dir, 'backup.json'), 'utf8'));
    const second = (await rec.run(['export', '--format', 'json'], { env })).json();
    const audit = (d: any) => d.tables.find((t: any) => t.name === 'audit_log').rows;
    expect(audit(second).slice(0, audit(original).length)).toEqual(audit(original));
    expect(second.tables.find((t: any) => t.name === 'document_content')).toEqual(original.tables.find((t: any) => t.name === 'document_content'));
  });

  it('restores an export written by an earlier dmp (schema 9, the first with exports), then migrates the new record (the built dmp: the export has the real KDF cost)', () => {
    // fixtures/exports/record-schema-9.json: `dmp seed --seed 8 --documents 3 --reimbursements 24
    // --username marie` then `dmp export --format json`, by the dmp of commit 9fc98c4 (schema 9).
    const fixture = join(process.cwd(), 'fixtures', 'exports', 'record-schema-9.json');
    expect(JSON.parse(readFileSync(fixture, 'utf8')).schemaVersion).toBe(9);
    const dir = mkdtempSync(join(tmpdir(), 'dmp-restore-9-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = { ...process.env, DMP_RECORD: join(dir, 'record.db'), DMP_STATE_DIR: join(dir, 'state'), HOME: dir, NO_COLOR: '1' };
    const dmp = (args: string[], stdin = '') => spawnSync(process.execPath, [join(process.cwd(), 'bin', 'dmp.js'), ...args], { env, input: stdin, encoding: 'utf8' });
    const r = dmp(['restore', fixture, '--password-stdin'], `${PASSWORD}\n`);
    expect([r.status, r.stdout]).toEqual([0, `Restored 158 rows (14 tables) into ${env.DMP_RECORD}.\n`]);
    // The next step's code: the export's last login used the current one, if the clock is that early.
    const code = totpCode('FKXMBD7L3XAX5GRPEBNQFFHXNEFFKF5M', new Date(Date.now() + 30_000));
    const login = dmp(['login', '--username', 'marie', '--password-stdin', '--code', code], `${PASSWORD}\n`);
    expect([login.status, login.stderr]).toEqual([0, expect.stringContaining('Logged in as marie.')]);
    for (const check of [['audit', '--verify'], ['record', 'check']]) expect(dmp(check).status).toBe(0);
    expect(JSON.parse(dmp(['export', '--format', 'json']).stdout).schemaVersion).toBe(latestVersion());
    const acts = JSON.parse(readFileSync(fixture, 'utf8')).tables.find((t: any) => t.name === 'reimbursement');
    const holders = acts.rows.filter((a: unknown[]) => a[acts.columns.indexOf('patient_id')] === 1).length;
    expect(JSON.parse(dmp(['reimbursements', 'list', '--all', '--json']).stdout)).toHaveLength(holders);
    expect(JSON.parse(dmp(['patients', 'list', '--json']).stdout)).toHaveLength(3);
  });

  it('refuses an existing record, a missing file, a file that is not JSON or not an export, and leaves nothing behind', async () => {
    const rec = await seededCli();
    await rec.run(['export', '--format', 'json', '-o', 'backup.json']);
    const over = await rec.run(['restore', 'backup.json', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect([over.code, over.stderr]).toEqual([2, expect.stringContaining('A record already exists at')]);
    const target = join(rec.dir, 'new.db');
    const missing = await rec.run(['--record', target, 'restore', 'nope.json', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect([missing.code, missing.stderr]).toEqual([4, expect.stringContaining('There is no file at')]);
    writeFileSync(join(rec.dir, 'bad.json'), '{"format": "dmp-record",');
    const notJson = await rec.run(['--record', target, 'restore', 'bad.json', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect([notJson.code, notJson.stderr]).toEqual([5, expect.stringContaining('is not JSON')]);
    writeFileSync(join(rec.dir, 'other.json'), '{"resourceType": "Bundle"}');
    const other = await rec.run(['--record', target, 'restore', 'other.json', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect([other.code, other.stderr]).toEqual([5, expect.stringContaining('is not a dmp record export')]);
    const tampered = readFileSync(join(rec.dir, 'backup.json'), 'utf8').replace('"account.create"', '"account.created"');
    writeFileSync(join(rec.dir, 'tampered.json'), tampered);
    const t = await rec.run(['--record', target, 'restore', 'tampered.json', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect([t.code, t.stderr]).toEqual([5, expect.stringContaining("The export's audit log does not verify: row 1")]);
    const wrong = await rec.run(['--record', target, 'restore', 'backup.json', '--password-stdin'], { stdin: 'a wrong password\n' });
    expect([wrong.code, wrong.stderr]).toEqual([3, expect.stringContaining("The password is not this export's account password.")]);
    const dir = await rec.run(['--record', target, 'restore', '.', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect([dir.code, dir.stderr]).toEqual([2, expect.stringContaining('is not a regular file')]);
    for (const suffix of ['', '-wal', '-shm']) expect(existsSync(target + suffix)).toBe(false);
    // It was built under a temporary name beside the path, and that is gone too.
    expect(readdirSync(rec.dir).filter((f) => /\.\d+\.new(-wal|-shm)?$/.test(f))).toEqual([]);
  });
});


describe('messages for paths and sizes', () => {
  it('names an empty path, a missing folder, an unwritable folder, a record path not given and an oversized export', async () => {
    const rec = await seededCli();
    const empty = await rec.run(['export', '--format', 'json', '-o', '']);
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('The path given to --output is empty.')]);
    const noFolder = await rec.run(['export', '--format', 'json', '-o', 'missing/dir/x.json']);
    expect([noFolder.code, noFolder.stderr]).toEqual([2, expect.stringContaining('its folder does not exist.')]);
    const emptyDir = await rec.run(['export', '--format', 'fhir', '-o', 'b.json', '--attachments', ' ']);
    expect([emptyDir.code, emptyDir.stderr]).toEqual([2, expect.stringContaining('The folder given to --attachments is empty.')]);
    if (process.getuid?.() !== 0) {
      const { chmodSync, mkdirSync } = await import('node:fs');
      mkdirSync(join(rec.dir, 'ro'), { mode: 0o500 });
      const ro = await rec.run(['export', '--format', 'json', '-o', 'ro/x.json']);
      expect([ro.code, ro.stderr]).toEqual([7, expect.stringContaining('permission denied.')]);
      chmodSync(join(rec.dir, 'ro'), 0o700);
    }
    const where = await rec.run(['restore', 'x.json'], { env: { DMP_RECORD: '' } });
    expect([where.code, where.stderr]).toEqual([2, expect.stringContaining('Restore writes a new record: say where.')]);
    const { truncateSync } = await import('node:fs');
    writeFileSync(join(rec.dir, 'huge.json'), '');
    truncateSync(join(rec.dir, 'huge.json'), 600 * 1024 * 1024);
    const huge = await rec.run(['--record', join(rec.dir, 'n.db'), 'restore', 'huge.json', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect([huge.code, huge.stderr]).toEqual([5, expect.stringContaining('is 600 MiB; dmp restores exports up to 500 MiB.')]);
  });

  it('needs at least 10 acts per CSV variant', async () => {
    const r = await newRecord().run(['seed', '--csv-out', 'o', '--reimbursements', '9']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--reimbursements 9 is too few for the CSV variants.')]);
  });
});
