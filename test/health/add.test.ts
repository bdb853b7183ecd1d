import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { addLeo } from '../reimbursements/helpers.js';
import { holderActs, ok } from './helpers.js';

describe('dmp health add', () => {
  it('stores each kind from flags alone and prints its JSON', async () => {
    const rec = await loggedInRecord();
    const allergy = await ok(rec, ['health', 'add', 'allergy', '--substance', 'Pénicilline', '--reaction', 'urticaire', '--severity', 'SEVERE', '--since', '2001-04-01']);
    expect(allergy).toMatchObject({ kind: 'allergy', patientId: 1, since: '2001-04-01', substance: 'Pénicilline', reaction: 'urticaire', severity: 'severe', reimbursementId: null, note: null });
    expect(allergy.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(allergy.createdAt).toBe(rec.now.toISOString());
    const lab = await ok(rec, ['health', 'add', 'lab', '--analyte', 'glycémie', '--value', '1,32', '--unit', 'g/L', '--low', '0,70', '--high', '1.10', '--date', '2026-03-14', '--loinc', '2345-7', '--lab', 'BioSud']);
    expect(lab).toMatchObject({ kind: 'lab', date: '2026-03-14', analyte: 'glycémie', value: '1.32', unit: 'g/L', low: '0.70', high: '1.10', loinc: '2345-7', lab: 'BioSud', flag: 'high' });
    expect(await ok(rec, ['health', 'add', 'lab', '--analyte', 'ferritine', '--value', '8,0', '--unit', 'ug/L', '--low', '15', '--date', '2026-03-14'])).toMatchObject({ value: '8.0', flag: 'low' });
    expect(await ok(rec, ['health', 'add', 'lab', '--analyte', 'sérologie', '--value', 'positif', '--date', '2026-03-14'])).toMatchObject({ value: 'positif', unit: null, flag: null });
    expect(await ok(rec, ['health', 'add', 'condition', '--name', 'asthme'])).toMatchObject({ kind: 'condition', name: 'asthme', status: 'active', since: null });
    expect(await ok(rec, ['health', 'add', 'medication', '--name', 'Doliprane', '--dose', '1 g'])).toMatchObject({ kind: 'medication', origin: 'otc', dose: '1 g', until: null });
    expect(await ok(rec, ['health', 'add', 'medication', '--name', 'Ventoline', '--prescribed'])).toMatchObject({ origin: 'prescribed' });
    expect(await ok(rec, ['health', 'add', 'measurement', '--type', 'weight', '--value', '72,50', '--date', '2026-03-14'])).toMatchObject({ type: 'weight', value: '72.50', unit: 'kg' });
    expect(await ok(rec, ['health', 'add', 'measurement', '--type', 'blood-pressure', '--value', '128 / 82', '--date', '2026-03-14'])).toMatchObject({ value: '128/82', unit: 'mm[Hg]' });
    expect(await ok(rec, ['health', 'add', 'measurement', '--type', 'temperature', '--value', '38,2', '--unit', '°C', '--date', '2026-03-14'])).toMatchObject({ unit: 'Cel' });
    expect(await ok(rec, ['health', 'add', 'measurement', '--type', 'glucose', '--value', '5,4', '--unit', 'mmol/L', '--date', '2026-03-14'])).toMatchObject({ unit: 'mmol/L' });
    expect(await ok(rec, ['health', 'add', 'vaccination', '--vaccine', 'DTCaP', '--date', '2025-10-02', '--lot', 'X1', '--dose', '3'])).toMatchObject({ kind: 'vaccination', vaccine: 'DTCaP', lot: 'X1', dose: 3 });
    const audit = await ok(rec, ['audit']);
    const adds = audit.filter((a: any) => a.action === 'health.add');
    expect(adds).toHaveLength(12);
    expect(JSON.stringify(adds)).not.toContain('Pénicilline');
  });

  it.each([
    [['lab', '--analyte', 'x', '--value', '5', '--unit', 'furlongs', '--date', '2026-01-01'], 5, 'The unit "furlongs" is not a UCUM unit.'],
    [['lab', '--analyte', 'x', '--value', '5', '--date', '2026-01-01'], 5, 'The value 5 needs its unit.'],
    [['lab', '--analyte', 'x', '--value', '5,4,3', '--unit', 'g/L', '--date', '2026-01-01'], 5, 'The value "5,4,3" is not a number.'],
    [['lab', '--analyte', 'x', '--value', 'positif', '--unit', 'g/L', '--date', '2026-01-01'], 5, 'The value "positif" is a text result; it cannot have a unit or a range.'],
    [['lab', '--analyte', 'x', '--value', '5', '--unit', 'g/L', '--low', '6', '--high', '2', '--date', '2026-01-01'], 5, 'The low bound 6 is above the high bound 2.'],
    [['lab', '--analyte', 'x', '--value', '5', '--unit', 'g/L', '--high', 'haut', '--date', '2026-01-01'], 5, 'The high bound "haut" is not a number.'],
    [['lab', '--analyte', 'x', '--value', '5', '--unit', 'g/L', '--date', '2026-01-01', '--loinc', '2345-6'], 5, 'The LOINC code "2345-6" has check digit 6, but 2345 needs 7.'],
    [['lab', '--analyte', 'x', '--value', '5', '--unit', 'g/L', '--date', '2026-01-01', '--loinc', '2345'], 5, 'The LOINC code "2345" is not in NNNNN-N form.'],
    [['lab', '--analyte', 'x', '--value', '5', '--unit', 'g/L', '--date', '2026-02-30'], 5, 'The date "2026-02-30" is not a real date in YYYY-MM-DD form.'],
    [['lab', '--analyte', 'x', '--value', '5', '--unit', 'g/L', '--date', '2027-01-01'], 5, 'The date 2027-01-01 is in the future.'],
    [['lab', '--analyte', 'x', '--value', '5', '--unit', 'g/L'], 2, 'Missing --date.'],
    [['lab', '--analyte', '', '--value', '5', '--unit', 'g/L', '--date', '2026-01-01'], 2, 'Missing the analyte of the lab.'],
    [['allergy', '--substance', 'latex', '--severity', 'deadly'], 5, 'The severity "deadly" is not one of mild, moderate, severe.'],
    [['allergy', '--substance', 'lat\u001b[31mex'], 5, 'The substance "lat\\u001b[31mex" holds control or invisible characters.'],
    [['condition', '--name', 'asthme', '--status', 'cured'], 5, 'The status "cured" is not one of active, resolved.'],
    [['medication', '--name', 'X', '--since', '2026-02-01', '--until', '2026-01-01'], 5, 'The until date 2026-01-01 is before the since date 2026-02-01.'],
    [['medication', '--name', 'X', '--otc', '--prescribed'], 2, 'Pass --otc or --prescribed, not both.'],
    [['measurement', '--type', 'mood', '--value', '3', '--date', '2026-01-01'], 5, 'The measurement type "mood" is not one of weight, height, blood-pressure, heart-rate, glucose, temperature, spo2.'],
    [['measurement', '--type', 'weight', '--value', '70', '--unit', 'cm', '--date', '2026-01-01'], 5, 'The unit cm does not measure weight (its unit is kg).'],
    [['measurement', '--type', 'blood-pressure', '--value', '120', '--date', '2026-01-01'], 5, 'The blood pressure "120" is not systolic/diastolic.'],
    [['measurement', '--type', 'blood-pressure', '--value', '80/120', '--date', '2026-01-01'], 5, 'The blood pressure "80/120" has its systolic value not above its diastolic one.'],
    [['measurement', '--type', 'spo2', '--value', '101', '--date', '2026-01-01'], 5, 'The spo2 value 101 % is above 100 %.'],
    [['measurement', '--type', 'weight', '--value', '0', '--date', '2026-01-01'], 5, 'The weight value 0 is not above zero.'],
    [['vaccination', '--vaccine', 'DTCaP', '--date', '2026-01-01', '--dose', '0'], 5, 'The dose number "0" is not a whole number from 1 to 99.'],
  ])('refuses %j (exit %i)', async (args, code, message) => {
    const rec = await loggedInRecord();
    const r = await rec.run(['health', 'add', ...(args as string[])]);
    expect(r.code).toBe(code);
    expect(r.stderr.split('\n')[0]).toBe(`dmp: ${message}`);
    expect(r.stderr.split('\n')[1]).toMatch(/^ {2}\S/);
    expect((await ok(rec, ['health', 'list']))).toEqual([]);
  });

  it('names the flag of a missing field in the hint', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['health', 'add', 'allergy', '--substance', '  ']);
    expect(r.stderr).toBe('dmp: Missing the substance of the allergy.\n  Pass --substance <name>.\n');
  });

  it('asks for missing required fields on a terminal only', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['health', 'add', 'vaccination', '--json'], { tty: true, answers: ['ROR', '2026-01-05'] });
    expect(r.code).toBe(0);
    expect(rec.lastPrompter.asked).toEqual(['Vaccine:', 'Date (YYYY-MM-DD):']);
    expect(r.json()).toMatchObject({ vaccine: 'ROR', date: '2026-01-05' });
  });

  it('links a lab to a biology act and a medication to a pharmacy act of the same person only', async () => {
    const rec = await loggedInRecord();
    const acts = await holderActs(rec);
    const lab = await ok(rec, ['health', 'add', 'lab', '--analyte', 'NFS', '--value', 'normale', '--date', '2026-04-20', '--reimbursement', String(acts.biology)]);
    expect(lab.reimbursementId).toBe(acts.biology);
    expect((await ok(rec, ['health', 'add', 'medication', '--name', 'Doliprane', '--reimbursement', String(acts.pharmacy)])).reimbursementId).toBe(acts.pharmacy);

    const wrong = await rec.run(['health', 'add', 'lab', '--analyte', 'NFS', '--value', 'normale', '--date', '2026-04-20', '--reimbursement', String(acts.radiology)]);
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toBe(`dmp: Reimbursed act ${acts.radiology} (2026-03-03, "IRM cérébrale") is in section radiology; a lab links only a biology act.\n  See the person's biology acts with \`dmp reimbursements list --section biology\`.\n`);
    const missing = await rec.run(['health', 'add', 'medication', '--name', 'X', '--reimbursement', '999999']);
    expect(missing.code).toBe(4);
    expect(missing.stderr.split('\n')[0]).toBe('dmp: There is no reimbursed act 999999 in this record.');

    const leo = await addLeo(rec);
    const other = await rec.run(['--patient', String(leo), 'health', 'add', 'lab', '--analyte', 'NFS', '--value', 'normale', '--date', '2026-04-20', '--reimbursement', String(acts.biology)]);
    expect(other.code).toBe(5);
    expect(other.stderr.split('\n')[0]).toBe(`dmp: Reimbursed act ${acts.biology} is another person's (person 1), not this one's.`);
    const noFlag = await rec.run(['health', 'add', 'allergy', '--substance', 'x', '--reimbursement', '1']);
    expect(noFlag.code).toBe(2);
  });
});
