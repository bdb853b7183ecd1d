import { describe, expect, it } from 'vitest';
import { fixture } from '../reimbursements/helpers.js';
import { loggedInRecord } from '../helpers/cli.js';

const lines = (stderr: string) => stderr.trimEnd().split('\n');
const actions = (rows: { action: string }[]) => rows.map((r) => r.action);

describe('dmp audit filters', () => {
  it('--action takes a name or a prefix ending in *, --until a last day, --actor a user', async () => {
    const rec = await loggedInRecord();
    await rec.run(['consent', 'samu', 'oppose']);
    rec.advance(2 * 24 * 3600_000);
    await rec.login();
    await rec.run(['consent', 'emergency', 'oppose']);
    expect(actions((await rec.run(['audit', '--action', 'login', '--json'])).json())).toEqual(['login', 'login']);
    expect(actions((await rec.run(['audit', '--action', 'consent.*', '--json'])).json())).toEqual(['consent.samu.oppose', 'consent.emergency.oppose']);
    expect(actions((await rec.run(['audit', '--action', 'consent', '--json'])).json())).toEqual([]);
    expect(actions((await rec.run(['audit', '--action', 'consent.*', '--until', '2026-11-26', '--json'])).json())).toEqual(['consent.samu.oppose']);
    expect(actions((await rec.run(['audit', '--since', '2026-11-28', '--until', '2026-11-28', '--json'])).json())).toEqual(['login', 'consent.emergency.oppose']);
    expect((await rec.run(['audit', '--actor', 'someone-else', '--json'])).json()).toEqual([]);
    expect((await rec.run(['audit', '--actor', 'marie', '--json'])).json().length).toBeGreaterThan(3);
    // A filter that matches LIKE wildcards literally, never as a pattern.
    expect((await rec.run(['audit', '--action', '%', '--json'])).json()).toEqual([]);
  });

  it('--patient keeps the rows about that person and their documents', async () => {
    const rec = await loggedInRecord();
    await rec.run(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M']);
    await rec.run(['--patient', 'Léo DUPONT', 'docs', 'add', '--type', 'cr-consultation', '--text', 'Léo']);
    await rec.run(['docs', 'add', '--type', 'cr-consultation', '--text', 'Marie']);
    await rec.run(['--patient', 'Léo DUPONT', 'consent', 'samu', 'oppose']);
    const leo = (await rec.run(['--patient', 'Léo DUPONT', 'audit', '--json'])).json();
    expect(leo.map((r: { action: string; target: string }) => [r.action, r.target])).toEqual([
      ['patient.add', 'patient:2'],
      ['document.add', 'document:1'],
      ['consent.samu.oppose', 'patient:2'],
    ]);
  });

  it("--others lists actions by anyone but the holder, and imports of others' data", async () => {
    const rec = await loggedInRecord();
    await rec.run(['login', '--username', 'intruder', '--password-stdin', '--code', '000000'], { stdin: 'guess guess guess\n' });
    // A wrong password cannot be written into the encrypted record: it is audited at the next login.
    await rec.login();
    await rec.run(['reimbursements', 'import', fixture('five-acts-semicolon.csv')]);
    await rec.run(['consent', 'samu', 'oppose']);
    const others = (await rec.run(['audit', '--others', '--json'])).json();
    expect(others.map((r: { actor: string; action: string }) => [r.actor, r.action])).toEqual([
      ['(unknown)', 'login.failed'],
      ['marie', 'reimbursements.import'],
    ]);
  });

  it('refuses --until before --since, a bad date and an empty --action (exit 2)', async () => {
    const rec = await loggedInRecord();
    const swapped = await rec.run(['audit', '--since', '2026-12-01', '--until', '2026-11-01']);
    expect(swapped.code).toBe(2);
    expect(lines(swapped.stderr)).toEqual(['dmp: --since 2026-12-01 is after --until 2026-11-01.', '  Swap the two dates.']);
    const bad = await rec.run(['audit', '--until', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual(['dmp: "2026-02-30" is not a date in YYYY-MM-DD form.', '  Pass --until YYYY-MM-DD.']);
    const empty = await rec.run(['audit', '--action', ' ']);
    expect(empty.code).toBe(2);
    expect(lines(empty.stderr)).toEqual(['dmp: --action is empty.', '  Pass an action such as login, or a prefix such as consent.*']);
  });
});
