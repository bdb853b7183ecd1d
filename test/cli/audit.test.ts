import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';

const lines = (stderr: string) => stderr.trimEnd().split('\n');

describe('dmp audit', () => {
  it('lists every login, failure and change with time, actor, action and target', async () => {
    const rec = await loggedInRecord();
    await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2018-03-03', '--sex', 'F']);
    const added = rec.now.toISOString();
    // A wrong password cannot open the encrypted record: it is counted beside it, and written
    // into the log by the next successful login.
    await rec.run(['login', '--username', 'marie', '--password-stdin', '--code', '000000'], { stdin: 'wrong password\n' });
    const failedAt = rec.now.toISOString();
    await rec.login();
    const r = await rec.run(['audit', '--json']);
    expect(r.code).toBe(0);
    const rows = r.json() as { id: number; at: string; actor: string; action: string; target: string | null; details: unknown }[];
    expect(rows.map((e) => e.action)).toEqual(['account.create', 'login', 'patient.add', 'login.failed', 'login']);
    expect(rows[2]).toMatchObject({ actor: 'marie', target: 'patient:2', at: added });
    expect(rows[3]).toMatchObject({ actor: '(unknown)', details: { failedAt, factor: 'password', usernameMatched: null } });
  });

  it('prints TSV when piped and a table on a terminal', async () => {
    const rec = await loggedInRecord();
    const piped = await rec.run(['audit']);
    expect(piped.stdout.split('\n')[0]).toBe('id\tat\tactor\taction\ttarget\tdetails');
    expect(piped.stdout.split('\n')[2]).toMatch(/^2\t\S+\tmarie\tlogin\t\t\{"factor":"totp"\}$/);
    const tty = await rec.run(['audit'], { tty: true });
    expect(tty.stdout).toMatch(/│ +1 │ .* │ account\.create +│/);
  });

  it('--since keeps entries from that day on, and [] when there are none', async () => {
    const rec = await loggedInRecord();
    rec.advance(3 * 24 * 3600_000);
    await rec.login();
    await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2018-03-03', '--sex', 'F']);
    const day = rec.now.toISOString().slice(0, 10);
    const since = (await rec.run(['audit', '--since', day, '--json'])).json() as { action: string }[];
    expect(since.map((e) => e.action)).toEqual(['login', 'patient.add']);
    expect((await rec.run(['audit', '--since', '2030-01-01', '--json'])).json()).toEqual([]);
  });

  it('refuses a --since that is not a date (exit 2)', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['audit', '--since', '2026-02-30', '--json']);
    expect(r.code).toBe(2);
    expect(r.json().error.message).toBe(lines(r.stderr)[0]!.slice('dmp: '.length)); // --json: one error document
    expect(lines(r.stderr)).toEqual(['dmp: "2026-02-30" is not a day of the calendar.', '  Pass --since YYYY-MM-DD.']);
  });

  it('--verify exits 0 on an intact log', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['audit', '--verify']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('The audit log is intact (2 entries checked).\n');
    expect((await rec.run(['audit', '--verify', '--json'])).json()).toEqual({ intact: true, rows: 2, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('--verify exits 5 naming the first row changed behind the program\'s back', async () => {
    const rec = await loggedInRecord();
    await rec.run(['patients', 'add', '--given-name', 'Zoé', '--family-name', 'DUPONT', '--birth-date', '2018-03-03', '--sex', 'F']);
    const raw = rec.open();
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET actor = 'someone else' WHERE id = 2").run();
    // Covering the tracks: a missing trigger alone would be refused as a damaged schema.
    raw.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END");
    raw.close();
    const r = await rec.run(['audit', '--verify']);
    expect(r.code).toBe(5);
    expect(r.json().error.message).toBe(lines(r.stderr)[0]!.slice('dmp: '.length)); // --json: one error document
    expect(lines(r.stderr)).toEqual([
      'dmp: The audit log was altered: row 2 fails the check (its content does not match its MAC).',
      '  Restore the record from a backup you trust; rows before it are intact.',
    ]);
  });

  it('records the lock and the refused logins while locked', async () => {
    const rec = await loggedInRecord();
    await rec.run(['logout']);
    for (let i = 0; i < 6; i++) await rec.run(['login', '--username', 'marie', '--password-stdin', '--code', rec.code()], { stdin: 'wrong password\n' });
    rec.advance(24 * 3600_000);
    await rec.login();
    const actions = ((await rec.run(['audit', '--json'])).json() as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'login.failed')).toHaveLength(5);
    expect(actions).toEqual(expect.arrayContaining(['logout', 'login.locked', 'login.refused-locked']));
  });
});
