import { readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRecord, PASSWORD, type TestRecord } from '../helpers/cli.js';

const SEED = ['seed', '--seed', '3', '--documents', '14', '--reimbursements', '120', '--children', '2', '--username', 'marie', '--password-stdin', '--json'];

async function seeded(rec: TestRecord, extra: string[] = []) {
  const r = await rec.run([...SEED, ...extra], { stdin: `${PASSWORD}\n` });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  rec.totpSecret = r.json().totp.secret;
  expect((await rec.login()).code).toBe(0);
  return r.json();
}

/** What a user sees of a record, minus what is random by design (the account's secrets). */
async function contents(rec: TestRecord) {
  const people = (await rec.run(['patients', 'list', '--json'])).json();
  const per = [];
  for (const p of people) {
    const as = ['--patient', String(p.id)];
    per.push({
      docs: (await rec.run([...as, 'docs', 'list', '--json'])).json(),
      acts: (await rec.run([...as, 'reimbursements', 'list', '--all', '--json'])).json(),
      health: (await rec.run([...as, 'health', 'list', '--json'])).json(),
      profile: (await rec.run([...as, 'profile', 'show', '--json'])).json(),
    });
  }
  return { people, per };
}

describe('dmp seed', () => {
  it('fills a new record that logs in, holds every part of the data and whose audit chain verifies', async () => {
    const rec = newRecord();
    const out = await seeded(rec);
    expect(out).toMatchObject({ people: 3, documents: 14, reimbursements: 120 });
    expect(readFileSync(rec.recordPath).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const c = await contents(rec);
    expect(c.people).toHaveLength(3);
    expect(c.per.reduce((n, p) => n + p.docs.length, 0)).toBe(14);
    expect(c.per.reduce((n, p) => n + p.acts.length, 0)).toBe(120);
    const sections = new Set(c.per.flatMap((p) => p.acts.map((a: { section: string }) => a.section)));
    expect(sections.size).toBe(5);
    const categories = new Set(c.per.flatMap((p) => p.docs.map((d: { category: string }) => d.category)));
    expect(categories.size).toBe(7);
    const labs = c.per.flatMap((p) => p.health.filter((h: { kind: string }) => h.kind === 'lab'));
    expect(labs.length).toBeGreaterThan(0);
    const biologyIds = new Set(c.per.flatMap((p) => p.acts.filter((a: { section: string }) => a.section === 'biology').map((a: { id: number }) => a.id)));
    for (const lab of labs) expect(biologyIds.has(lab.reimbursementId)).toBe(true);
    expect(c.per[0]!.profile).toMatchObject({ contact: { postcode: expect.stringMatching(/^\d{5}$/), phone: expect.stringMatching(/^\+336/) } });
    expect((await rec.run(['audit', '--verify'])).code).toBe(0);
    const consent = (await rec.run(['consent', 'show', '--json'])).json();
    expect(consent).toMatchObject({ gp: { rpps: expect.stringMatching(/^\d{11}$/) }, trustedPerson: { relation: expect.any(String) }, directives: { documentId: expect.any(Number) } });
    expect(consent.donation.position).not.toBeNull();
    const holder = c.people.find((p: { isHolder: boolean }) => p.isHolder);
    expect(holder.nir).toMatch(/^[12]\d{4}(\d{2}|2A|2B)\d{8}$/);
  });

  it('gives the same record content for the same seed, and another for another seed', async () => {
    const a = newRecord();
    const b = newRecord();
    const c = newRecord();
    await seeded(a);
    await seeded(b);
    const other = await c.run(['seed', '--seed', '4', '--documents', '14', '--reimbursements', '120', '--username', 'marie', '--password-stdin', '--json'], { stdin: `${PASSWORD}\n` });
    expect(other.code).toBe(0);
    expect(await contents(a)).toEqual(await contents(b));
    // The account too: the same authenticator key and recovery codes, and the same JSON export.
    expect(a.totpSecret).toBe(b.totpSecret);
    expect((await a.run(['export', '--format', 'json'])).stdout).toBe((await b.run(['export', '--format', 'json'])).stdout);
    expect(other.json().holder).not.toEqual((await seeded(newRecord())).holder);
  });

  it('refuses to seed over an existing record, and names bad numbers and misplaced flags', async () => {
    const rec = newRecord();
    await seeded(rec);
    const again = await rec.run(SEED, { stdin: `${PASSWORD}\n` });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('A record already exists at');
    const cases: [string[], string][] = [
      [['--seed', '-1'], '--seed "-1" is not a whole number from 0 to 4294967295.'],
      [['--months', '0'], '--months "0" is not a whole number from 1 to 240.'],
      [['--documents', 'lots'], '--documents "lots" is not a whole number'],
      [['--variants', 'bom'], '--variants goes with --csv-out only.'],
    ];
    for (const [flags, message] of cases) {
      const r = await newRecord().run(['seed', '--password-stdin', ...flags], { stdin: `${PASSWORD}\n` });
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(message)]);
    }
    const noPassword = await newRecord().run(['seed']);
    expect([noPassword.code, noPassword.stderr]).toEqual([2, expect.stringContaining('Missing the password.')]);
  });
});

describe('dmp seed --csv-out', () => {
  const CSV = ['seed', '--csv-out', 'out', '--seed', '9', '--today', '2026-11-26', '--reimbursements', '40'];

  it('writes each variant and expected.json, 0600, the same bytes for the same seed and day', async () => {
    const rec = newRecord();
    const r = await rec.run([...CSV, '--json']);
    expect(r.code).toBe(0);
    const dir = join(rec.dir, 'out');
    const names = readdirSync(dir).sort();
    expect(names).toContain('expected.json');
    expect(names).toContain('ameli-overlap-2.csv');
    expect(names).toHaveLength(12);
    for (const n of names) expect(statSync(join(dir, n)).mode & 0o777).toBe(0o600);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    expect(expected.variants.map((v: { variant: string }) => v.variant)).toHaveLength(10);
    const again = newRecord();
    await again.run(CSV);
    for (const n of names) expect(readFileSync(join(again.dir, 'out', n)).equals(readFileSync(join(dir, n)))).toBe(true);
    expect(readFileSync(join(dir, 'ameli-cp1252.csv')).includes(Buffer.from('é', 'utf8'))).toBe(false);
  });

  it('writes only the variants asked for, and never over existing files without --force', async () => {
    const rec = newRecord();
    expect((await rec.run([...CSV, '--variants', 'tab,family'])).code).toBe(0);
    expect(readdirSync(join(rec.dir, 'out')).sort()).toEqual(['ameli-family.csv', 'ameli-tab.csv', 'expected.json']);
    const again = await rec.run([...CSV, '--variants', 'tab']);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('ameli-tab.csv already exists.')]);
    expect((await rec.run([...CSV, '--variants', 'tab', '--force'])).code).toBe(0);
  });

  it('refuses an unknown variant, a file or a link as the folder, a link as a file, and a bad --today', async () => {
    const rec = newRecord();
    const unknown = await rec.run([...CSV, '--variants', 'bom,utf16']);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('"utf16" is not a CSV variant.')]);
    writeFileSync(join(rec.dir, 'afile'), 'x');
    const file = await rec.run(['seed', '--csv-out', 'afile']);
    expect([file.code, file.stderr]).toEqual([2, expect.stringContaining('afile is not a folder.')]);
    const today = await rec.run([...CSV, '--today', '2026-02-30']);
    expect([today.code, today.stderr]).toEqual([2, expect.stringContaining('"2026-02-30" is not a date in YYYY-MM-DD form.')]);
    await rec.run([...CSV, '--variants', 'bom']);
    symlinkSync(join(rec.dir, 'afile'), join(rec.dir, 'out', 'ameli-tab.csv'));
    const link = await rec.run([...CSV, '--variants', 'tab', '--force']);
    expect([link.code, link.stderr]).toEqual([2, expect.stringContaining('is a symbolic link; dmp does not write through links.')]);
    expect(readFileSync(join(rec.dir, 'afile'), 'utf8')).toBe('x');
  });
});
