import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { addLeo } from '../reimbursements/helpers.js';
import { ok } from './helpers.js';

const lab = (value: string, unit: string, date: string) => ['health', 'add', 'lab', '--analyte', 'Glycémie', '--value', value, '--unit', unit, '--low', '0.70', '--high', '1.10', '--date', date];

describe('dmp health list, show, edit, rm', () => {
  it('lists oldest first, filters by kind and dates, and shows flags piped without escape codes', async () => {
    const rec = await loggedInRecord();
    await ok(rec, lab('1,32', 'g/L', '2026-03-14'));
    await ok(rec, ['health', 'add', 'allergy', '--substance', 'latex']);
    await ok(rec, lab('0,9', 'g/L', '2025-01-10'));
    expect((await ok(rec, ['health', 'list'])).map((e: any) => e.kind)).toEqual(['allergy', 'lab', 'lab']);
    expect((await ok(rec, ['health', 'list', '--kind', 'lab', '--from', '2026-01-01'])).map((e: any) => e.value)).toEqual(['1.32']);
    const piped = await rec.run(['health', 'list', '--kind', 'lab']);
    expect(piped.stdout.split('\n')[2]).toBe('1\tlab\t2026-03-14\tGlycémie\t1.32 g/L (ref. 0.70–1.10 g/L)\thigh\t');
    expect(piped.stdout).not.toContain('\u001b');
    const bad = await rec.run(['health', 'list', '--kind', 'pets']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('dmp: "pets" is not a kind of health entry.');
    expect(await ok(rec, ['--patient', String(await addLeo(rec)), 'health', 'list'])).toEqual([]);
  });

  it('show and rm refuse unknown ids and another person\'s entries (exit 4)', async () => {
    const rec = await loggedInRecord();
    const e = await ok(rec, ['health', 'add', 'condition', '--name', 'asthme']);
    expect((await ok(rec, ['health', 'show', String(e.id)])).name).toBe('asthme');
    const none = await rec.run(['health', 'show', '99']);
    expect([none.code, none.stderr]).toEqual([4, 'dmp: There is no health entry 99 in this record.\n  See `dmp health list`.\n']);
    const leo = await addLeo(rec);
    const theirs = await rec.run(['--patient', String(leo), 'health', 'rm', String(e.id), '--yes']);
    expect(theirs.code).toBe(4);
    expect(theirs.stderr.split('\n')[0]).toBe(`dmp: Health entry ${e.id} is not one of this person's (it belongs to person 1).`);
    const unconfirmed = await rec.run(['health', 'rm', String(e.id)]);
    expect([unconfirmed.code, unconfirmed.stderr.split('\n')[0]]).toEqual([2, `dmp: Deleting health entry ${e.id} needs confirmation.`]);
    expect((await rec.run(['health', 'rm', String(e.id)], { tty: true, answers: [false] })).code).toBe(130);
    expect(await ok(rec, ['health', 'rm', String(e.id), '--yes'])).toEqual({ deleted: e.id });
    expect((await rec.run(['health', 'show', String(e.id)])).code).toBe(4);
    const audit = (await ok(rec, ['audit'])).map((a: any) => a.action);
    expect(audit.filter((a: string) => a.startsWith('health.'))).toEqual(['health.add', 'health.rm']);
  });

  it('edit changes the given fields, re-checks the entry, clears optional ones and refuses others', async () => {
    const rec = await loggedInRecord();
    const e = await ok(rec, ['health', 'add', 'allergy', '--substance', 'latex', '--reaction', 'eczéma', '--note', 'gants']);
    const edited = await ok(rec, ['health', 'edit', String(e.id), '--severity', 'moderate', '--clear', 'reaction,note']);
    expect(edited).toMatchObject({ id: e.id, uuid: e.uuid, substance: 'latex', severity: 'moderate', reaction: null, note: null });
    const cases: [string[], number, string][] = [
      [['--value', '5'], 2, 'dmp: An allergy has no --value flag.'],
      [['--severity', 'fatal'], 5, 'dmp: The severity "fatal" is not one of mild, moderate, severe.'],
      [['--clear', 'substance'], 2, 'dmp: The substance of an allergy cannot be cleared; it is required.'],
      [['--reaction', ''], 2, 'dmp: --reaction is empty.'],
      [[], 2, `dmp: Nothing to change in health entry ${e.id}.`],
      [['--reimbursement', '1'], 5, 'dmp: An allergy cannot be linked to a reimbursed act; only medication (pharmacy) and labs (biology) can.'],
    ];
    for (const [flags, code, line] of cases) {
      const r = await rec.run(['health', 'edit', String(e.id), ...flags]);
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([code, line]);
    }
    expect((await rec.run(['health', 'edit', '77', '--note', 'x'])).code).toBe(4);
    const l = await ok(rec, lab('1,32', 'g/L', '2026-03-14'));
    expect((await ok(rec, ['health', 'edit', String(l.id), '--value', '1,05'])).flag).toBe(null);
    const audit = (await ok(rec, ['audit'])).filter((a: any) => a.action === 'health.edit');
    expect(audit.map((a: any) => a.details.fields)).toEqual([['severity', 'reaction', 'note'], ['value']]);
  });
});

describe('dmp health trend', () => {
  it('gives the points oldest first, converting mmol/L glucose to g/L with its molar mass', async () => {
    const rec = await loggedInRecord();
    await ok(rec, lab('6,1', 'mmol/L', '2025-01-10'));
    await ok(rec, lab('1,32', 'g/L', '2026-03-14'));
    await ok(rec, lab('0,95', 'g/L', '2025-06-01'));
    const trend = await ok(rec, ['health', 'trend', 'glycemie']);
    expect(trend.series).toHaveLength(1);
    expect(trend.series[0].unit).toBe('g/L');
    expect(trend.series[0].points.map((p: any) => [p.date, p.seriesValue, p.converted, p.flag])).toEqual([
      ['2025-01-10', '1.099', true, 'high'],
      ['2025-06-01', '0.95', false, null],
      ['2026-03-14', '1.32', false, 'high'],
    ]);
    expect(trend.series[0].points[0]).toMatchObject({ value: '6.1', unit: 'mmol/L', low: '0.1261', high: '0.1982' });
  });

  it('keeps units it cannot convert apart, splits blood pressure, and draws a chart on a terminal', async () => {
    const rec = await loggedInRecord();
    await ok(rec, ['health', 'add', 'lab', '--analyte', 'TSH', '--value', '2', '--unit', 'mU/L', '--date', '2025-01-10']);
    await ok(rec, ['health', 'add', 'lab', '--analyte', 'TSH', '--value', '3', '--unit', '[iU]/L', '--date', '2025-02-10']);
    expect((await ok(rec, ['health', 'trend', 'tsh'])).series.map((s: any) => s.unit)).toEqual(['[iU]/L', 'mU/L']);
    await ok(rec, ['health', 'add', 'measurement', '--type', 'blood-pressure', '--value', '130/85', '--date', '2026-01-01']);
    await ok(rec, ['health', 'add', 'measurement', '--type', 'blood-pressure', '--value', '120/80', '--date', '2026-02-01']);
    const bp = await ok(rec, ['health', 'trend', 'blood-pressure']);
    expect(bp.series.map((s: any) => [s.label, s.points.map((p: any) => p.seriesValue)])).toEqual([['systolic', ['130', '120']], ['diastolic', ['85', '80']]]);
    const tty = await rec.run(['health', 'trend', 'blood-pressure'], { tty: true });
    expect(tty.stdout).toContain('systolic (mm[Hg]), 2026-01-01 → 2026-02-01');
    expect(tty.stdout).toMatch(/[┤╭╮╰╯─]/);
    const empty = await rec.run(['health', 'trend', 'weight']);
    expect([empty.code, empty.stderr]).toEqual([0, 'No numeric values of "weight" for this person. See `dmp health list --kind lab`.\n']);
    expect((await ok(rec, ['health', 'trend', 'weight'])).series).toEqual([]);
  });
});
