import { spawnSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { importJson } from '../reimbursements/helpers.js';
import { describe, expect, it } from 'vitest';
import { tamperBehindBack } from '../helpers/tamper.js';
import { loggedInRecord, TestRecord } from '../helpers/cli.js';

const lines = (stderr: string) => stderr.trimEnd().split('\n');

describe('dmp backup', () => {
  it('writes one encrypted 0600 file that opens with the same password and authenticator', async () => {
    const rec = await loggedInRecord();
    await rec.run(['docs', 'add', '--type', 'synthese', '--title', 'Bilan', '--text', 'Suivi tensionnel']);
    const path = join(rec.dir, 'backup.db');
    const r = await rec.run(['backup', path, '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ backup: path, encrypted: true, verified: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path).toString('latin1')).not.toContain('DUPONT');
    // The backup is a record: log in to it as to the original.
    const copy = new TestRecord();
    Object.assign(copy.env, { DMP_RECORD: path, DMP_STATE_DIR: join(copy.dir, 'state') });
    copy.totpSecret = rec.totpSecret;
    copy.now = new Date(rec.now.getTime() + 60_000);
    expect((await copy.login()).code).toBe(0);
    expect(((await copy.run(['docs', 'list', '--json'])).json() as unknown[]).length).toBe(1);
    expect((await copy.run(['record', 'check'])).code).toBe(0);
    copy.cleanup();
    const audit = (await rec.run(['audit', '--json'])).json() as { action: string }[];
    expect(audit.at(-1)!.action).toBe('record.backup');
  });

  it('never overwrites without --force, and refuses links and non-files', async () => {
    const rec = await loggedInRecord();
    const path = join(rec.dir, 'backup.db');
    writeFileSync(path, 'precious');
    const r = await rec.run(['backup', path]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([`dmp: ${path} already exists.`, '  Pass --force to replace it, or give another path.']);
    expect(readFileSync(path, 'utf8')).toBe('precious');
    expect((await rec.run(['backup', path, '--force'])).code).toBe(0);
    const link = join(rec.dir, 'link.db');
    symlinkSync(join(rec.dir, 'elsewhere.db'), link);
    const viaLink = await rec.run(['backup', link, '--force']);
    expect(viaLink.code).toBe(2);
    expect(lines(viaLink.stderr)).toEqual([`dmp: ${link} is a symbolic link; dmp does not write through links.`, '  Give the path of the file itself, or another path.']);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const dir = join(rec.dir, 'adir');
    mkdirSync(dir);
    expect(lines((await rec.run(['backup', dir, '--force'])).stderr)[0]).toBe(`dmp: ${dir} is not a regular file.`);
    expect(lines((await rec.run(['backup', rec.recordPath, '--force'])).stderr)[0]).toBe(`dmp: ${rec.recordPath} is the record itself.`);
    // Another name for the same file: a hard link, a linked folder.
    const hard = join(rec.dir, 'hard-link.db');
    linkSync(rec.recordPath, hard);
    const viaHardLink = await rec.run(['backup', hard, '--force']);
    expect(viaHardLink.code).toBe(2);
    expect(lines(viaHardLink.stderr)[0]).toBe(`dmp: ${hard} is the record itself.`);
    symlinkSync(dirname(rec.recordPath), join(rec.dir, 'same-folder'));
    const viaFolder = join(rec.dir, 'same-folder', basename(rec.recordPath));
    expect(lines((await rec.run(['backup', viaFolder, '--force'])).stderr)[0]).toBe(`dmp: ${viaFolder} is the record itself.`);
    expect((await rec.run(['status', '--json'])).code).toBe(0);
  });
});

describe('dmp backup where it cannot be written', () => {
  it('names the backup and why (a folder that does not exist: exit 2), keeps nothing, and the record is untouched', async () => {
    const rec = await loggedInRecord();
    const target = join(rec.dir, 'no-such-folder', 'copy.db');
    const r = await rec.run(['backup', target]);
    expect([r.code, ...lines(r.stderr)]).toEqual([2, `dmp: Cannot write the backup ${target}: its folder does not exist.`, '  Give a path in a folder that exists.']);
    expect((await rec.run(['record', 'check'])).code).toBe(0);
  });
});

describe('a closed record', () => {
  it('copies it (a closed record can be read and copied) and audits the backup, and the record stays closed', async () => {
    const rec = await loggedInRecord();
    expect((await rec.run(['record', 'close'])).code).toBe(0);
    const path = join(rec.dir, 'closed-copy.db');
    const r = await rec.run(['backup', path, '--json']);
    expect([r.code, r.json().verified]).toEqual([0, true]);
    expect(((await rec.run(['audit', '--action', 'record.backup', '--json'])).json() as unknown[]).length).toBe(1);
    expect((await rec.run(['docs', 'add', '--type', 'synthese', '--title', 'Bilan', '--text', 'x'])).code).toBe(7);
  });

  it('record check finds a closed record sound (the search index check is an INSERT that query_only refused)', async () => {
    const rec = await loggedInRecord();
    await rec.run(['docs', 'add', '--type', 'synthese', '--title', 'Bilan', '--text', 'Suivi tensionnel']);
    expect((await rec.run(['record', 'close'])).code).toBe(0);
    const r = await rec.run(['record', 'check', '--json']);
    expect([r.code, r.json().ok]).toEqual([0, true]);
  });
});

describe('dmp record check', () => {
  it('says the record is sound (exit 0)', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['record', 'check', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ ok: true, problems: [], audit: { intact: true } });
  });

  it('names a damaged search index (exit 5)', async () => {
    const rec = await loggedInRecord();
    await rec.run(['docs', 'add', '--type', 'synthese', '--title', 'Bilan', '--text', 'Suivi tensionnel']);
    const db = rec.open();
    // The index no longer follows the documents: its update trigger gone, a title changed.
    tamperBehindBack(db, ['document_fts_update'], () => db.exec("UPDATE document SET title = 'Compte rendu opératoire'"));
    db.close();
    const r = await rec.run(['record', 'check']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)[0]).toMatch(/^dmp: This record is damaged: search index document_fts: /);
  });

  it('names per-month payer totals that no longer match the acts, with what differs (exit 5): summaries read them', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['export-2026-01-03.csv']);
    const db = rec.open();
    const cell = db.prepare("SELECT month, spent_cents AS spent, count FROM reimbursement_month WHERE section = 'pharmacy' AND count > 0 ORDER BY month LIMIT 1").get() as { month: string; spent: number; count: number };
    db.prepare("UPDATE reimbursement_month SET spent_cents = spent_cents + 100000 WHERE month = ? AND section = 'pharmacy'").run(cell.month);
    db.close();
    const euros = (cents: number) => `${Math.floor(cents / 100).toLocaleString('fr-FR').replace(/\u202f/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;
    const r = await rec.run(['record', 'check']);
    expect([r.code, ...lines(r.stderr)]).toEqual([
      5,
      `dmp: This record is damaged: payer totals of person 1 for ${cell.month}, Pharmacie / fournitures: spent ${euros(cell.spent + 100000)} where the acts add up to ${euros(cell.spent)}.`,
      '  If the acts are right and only the totals were changed, `dmp record check --repair` recomputes the totals from them; otherwise restore the record from a backup you trust.',
    ]);
    const db2 = rec.open();
    db2.prepare("UPDATE reimbursement_month SET count = 1 - count WHERE month = ? AND section = 'pharmacy'").run(cell.month);
    db2.close();
    const json = (await rec.run(['record', 'check', '--json'])).json().error;
    expect(json.problems[0]).toMatch(new RegExp(`^payer totals of person 1 for ${cell.month}, Pharmacie / fournitures: ${1 - cell.count} acts? counted where the record holds ${cell.count}; spent `));
    expect(json).toMatchObject({ repairable: true, monthTotals: { mismatches: 1, first: [{ patientId: 1, month: cell.month, section: 'pharmacy', acts: { count: cell.count, spentCents: cell.spent } }] } });
  });

  it('counts every mismatch beyond the five it names, and --repair recomputes them all from the acts (audited), after which backups work again', async () => {
    const rec = await loggedInRecord();
    // One act in each of the twelve months before the record's today.
    const days = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(rec.now.getUTCFullYear(), rec.now.getUTCMonth() - 1 - i, 10)));
    const rows = days.map((d) => `10/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()};Pharmacie;Doliprane;2,18;1,42`);
    writeFileSync(join(rec.dir, 'year.csv'), ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé", ...rows, ''].join('\n'));
    expect((await rec.run(['reimbursements', 'import', 'year.csv'])).code).toBe(0);
    const db = rec.open();
    const months = db.prepare('SELECT count(*) FROM reimbursement_month WHERE count > 0').pluck().get() as number;
    db.exec('DELETE FROM reimbursement_month');
    db.close();
    expect(months).toBe(12);
    const r = await rec.run(['record', 'check', '--json']);
    expect(r.code).toBe(5);
    const error = r.json().error;
    expect(error.monthTotals.mismatches).toBe(months);
    expect(error.problems).toHaveLength(6);
    expect(error.problems[5]).toBe(`payer totals: ${months - 5} more months of a person and section disagree with their acts`);
    expect(error.message).toMatch(new RegExp(` \\(and ${months - 1} more problems\\)\\.$`));
    expect((await rec.run(['backup', join(rec.dir, 'copy.db')])).code).toBe(5);
    const repaired = await rec.run(['record', 'check', '--repair']);
    expect([repaired.code, ...lines(repaired.stderr)]).toEqual([0, `Recomputed the per-month payer totals from the acts: ${months} of them disagreed.`, expect.stringMatching(/^The record is sound \(/)]);
    const audit = (await rec.run(['audit', '--action', 'reimbursements.rebuild-totals', '--json'])).json() as { details: unknown }[];
    expect(audit.map((a) => a.details)).toEqual([{ mismatches: months, months }]);
    const again = await rec.run(['record', 'check', '--repair', '--json']);
    expect(again.json()).toMatchObject({ ok: true, repaired: { monthTotals: 0 } });
    expect(lines((await rec.run(['record', 'check', '--repair'])).stderr)[0]).toBe('The per-month payer totals agree with the acts: nothing to repair.');
    expect((await rec.run(['backup', join(rec.dir, 'copy.db')])).code).toBe(0);
  });

  it('--repair writes nothing to a record with other damage (an altered audit log), and says so', async () => {
    const rec = await loggedInRecord();
    await importJson(rec, ['export-2026-01-03.csv']);
    const db = rec.open();
    tamperBehindBack(db, ['audit_log_no_update'], () => db.prepare("UPDATE audit_log SET actor = 'eve' WHERE id = 2").run());
    db.prepare("UPDATE reimbursement_month SET count = count + 1 WHERE rowid = (SELECT min(rowid) FROM reimbursement_month)").run();
    const entries = db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    db.close();
    const r = await rec.run(['record', 'check', '--repair']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)[0]).toMatch(/^dmp: This record is damaged: payer totals of person 1 for .* \(and 1 more problem\)\.$/);
    expect(lines(r.stderr)[1]).toBe('  Nothing was repaired: --repair recomputes the payer totals only in a record with nothing else wrong. Restore it from a backup you trust; `dmp record check --json` lists the problems.');
    const after = rec.open();
    expect(after.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(entries);
    after.close();
  });

  it('names a section that is none (a row written behind dmp\'s back) by its value', async () => {
    const rec = await loggedInRecord();
    const db = rec.open();
    db.prepare("INSERT INTO reimbursement_month VALUES (1, '2026-01', 'dental?', 2, 100, 50, 0, 0)").run();
    db.close();
    const r = await rec.run(['record', 'check']);
    expect(lines(r.stderr)[0]).toBe('dmp: This record is damaged: payer totals of person 1 for 2026-01, dental?: 2 acts counted where the record holds 0; spent 1,00 € where the acts add up to 0,00 €; reimbursed 0,50 € where the acts add up to 0,00 €.');
  });

  it('names a row pointing at a missing person, and an altered audit log (exit 5, one JSON document)', async () => {
    const rec = await loggedInRecord();
    await rec.run(['docs', 'add', '--type', 'synthese', '--title', 'Bilan', '--text', 'Suivi tensionnel']);
    const db = rec.open();
    db.pragma('foreign_keys = OFF');
    tamperBehindBack(db, ['audit_log_no_update'], () => {
      db.prepare('UPDATE document SET patient_id = 99').run();
      db.prepare("UPDATE audit_log SET actor = 'eve' WHERE id = 2").run();
    });
    db.close();
    const r = await rec.run(['record', 'check', '--json']);
    expect(r.code).toBe(5);
    const out = r.json().error;
    expect(out).toMatchObject({ kind: 'invalid', ok: false });
    expect(out.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^table document, row 1: refers to a missing row of patient$/), 'audit log: row 2 fails the check (its content does not match its MAC)']));
  });
});

describe('the session directory', () => {
  it('is refused when open to other users', async () => {
    const rec = await loggedInRecord();
    chmodSync(rec.env.DMP_STATE_DIR!, 0o755);
    const r = await rec.login();
    expect(r.code).toBe(2);
    const dir = rec.env.DMP_STATE_DIR!;
    expect(lines(r.stderr)).toEqual([`dmp: The directory ${dir}, where dmp keeps sessions, is open to other users (mode 755).`, `  Make it yours and private (chmod 700 ${dir}), or set DMP_STATE_DIR to a private directory.`]);
  });

  it('is named when a file, or a link, stands where it goes (exit 2), not a crash', async () => {
    const rec = await loggedInRecord();
    const state = rec.env.DMP_STATE_DIR!;
    const file = join(rec.dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const hint = '  Set DMP_STATE_DIR to a directory of your own, or a path where dmp can create one.';
    rec.env.DMP_STATE_DIR = file;
    const r = await rec.login();
    expect([r.code, ...lines(r.stderr)]).toEqual([2, `dmp: The directory ${file}, where dmp keeps sessions, cannot be made: a file is in the way.`, hint]);
    const link = join(rec.dir, 'state-link');
    // A link to the session directory itself: the session is read through it, never written.
    symlinkSync(state, link);
    rec.env.DMP_STATE_DIR = link;
    const l = await rec.login();
    expect([l.code, ...lines(l.stderr)]).toEqual([2, `dmp: The directory ${link}, where dmp keeps sessions, is a symbolic link; dmp does not keep secrets through links.`, hint]);
    // Refused before anything else: the session the login would have replaced is still good.
    rec.env.DMP_STATE_DIR = state;
    expect((await rec.run(['status', '--json'])).json()).toMatchObject({ loggedIn: true });
  });

  it('a link planted where the session file goes is replaced, not followed', async () => {
    const rec = await loggedInRecord();
    const victim = join(rec.dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const file = rec.session() && join(rec.env.DMP_STATE_DIR!, readdirName(rec));
    await rec.run(['logout']);
    symlinkSync(victim, file);
    expect((await rec.login()).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a folder where the session file goes is refused by name; a login leaves nothing else in the session folder, and removes what a killed one left', async () => {
    const rec = await loggedInRecord();
    const name = readdirName(rec);
    const file = join(rec.env.DMP_STATE_DIR!, name);
    // What a login killed between writing and renaming left (its process gone) is removed by the next.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${file}.${gone}.new`, 'a session token', { mode: 0o600 });
    const running = `${file}.${process.ppid}.new`;
    writeFileSync(running, 'another process is writing this', { mode: 0o600 });
    expect((await rec.login()).code).toBe(0);
    expect(readdirSync(rec.env.DMP_STATE_DIR!).filter((n) => n.startsWith('session-')).sort()).toEqual([name, basename(running)].sort());
    rmSync(running);
    await rec.run(['logout']);
    mkdirSync(join(file, 'inside'), { recursive: true });
    const r = await rec.login();
    expect([r.code, lines(r.stderr)]).toEqual([2, [`dmp: ${file} is not a file dmp wrote.`, '  Remove it; dmp will create it again.']]);
    expect(readdirSync(rec.env.DMP_STATE_DIR!).filter((n) => n.startsWith('session-'))).toEqual([name]);
  });

  it('a logout also removes what a login killed midway left beside the session file', async () => {
    const rec = await loggedInRecord();
    const file = join(rec.env.DMP_STATE_DIR!, readdirName(rec));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${file}.${gone}.new`, 'a session token', { mode: 0o600 });
    expect((await rec.run(['logout'])).code).toBe(0);
    expect(readdirSync(rec.env.DMP_STATE_DIR!).filter((n) => n.startsWith('session-'))).toEqual([]);
  });

  it('a directory planted at the name the session file is written through is named (exit 2), not a crash', async () => {
    const rec = await loggedInRecord();
    const file = join(rec.env.DMP_STATE_DIR!, readdirName(rec));
    await rec.run(['logout']);
    // An in-process run: the temporary name carries this process's pid.
    const temp = `${file}.${process.pid}.new`;
    mkdirSync(join(temp, 'inside'), { recursive: true });
    const r = await rec.login();
    expect([r.code, lines(r.stderr)]).toEqual([2, [`dmp: Cannot write ${file}: ${temp}, the file dmp writes it through, is taken by something dmp did not leave there.`, `  Remove ${temp}, then try again.`]]);
  });
});

function readdirName(rec: TestRecord): string {
  return readdirSync(rec.env.DMP_STATE_DIR!).find((n) => n.startsWith('session-'))!;
}
