import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { holderActs, ok } from '../health/helpers.js';

describe('dmp summary', () => {
  it('is one JSON document with the issue\'s keys, an empty-record notice on a new record', async () => {
    const rec = await loggedInRecord();
    const s = await ok(rec, ['summary']);
    expect(Object.keys(s)).toEqual(['person', 'documents', 'payer', 'health', 'consent', 'notices']);
    expect(s.person).toEqual({ id: 1, givenName: 'Marie', familyName: 'DUPONT', birthDate: '1980-01-15', age: 46, sex: 'F', nirMasked: null });
    expect(s.documents.byCategory.map((c: any) => c.category)).toEqual(['syntheses', 'treatments', 'reports', 'imaging', 'biology', 'prevention', 'patient']);
    expect(s.payer).toMatchObject({ from: '2024-12-01', to: '2026-11-26', peakMonth: null });
    expect(s.payer.months).toHaveLength(24);
    expect(s.payer.months[0]).toEqual({ month: '2024-12', spentCents: 0 });
    expect(s.payer.months[23].month).toBe('2026-11');
    expect(s.payer.sections.map((x: any) => x.section)).toEqual(['pharmacy', 'hospitalization', 'medical_dental', 'radiology', 'biology']);
    expect(Object.keys(s.health)).toEqual(['allergies', 'conditions', 'medications', 'latestMeasurements', 'latestLabs', 'vaccinations']);
    expect(s.consent).toMatchObject({ gp: null, blocked: 0, emergency: 'allow', samu: 'allow', trustedPerson: null, directives: null });
    expect(s.consent.donation.notice).toMatch(/Registre national des refus/);
    expect(s.notices.map((n: any) => n.code)).toEqual(['payer-data-informative', 'empty-record']);
  });

  it('counts every biology act no lab explains but names only the oldest 100 (a record can hold 100,000), skipping the linked ones', async () => {
    const rec = await loggedInRecord();
    // 105 biology acts, one a day from 2026-01-01: the window holds them all.
    const days = Array.from({ length: 105 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    const rows = days.map((d, i) => `${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)};Biologie;Bilan ${i};12,00;7,20`);
    writeFileSync(join(rec.dir, 'labs.csv'), ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé", ...rows, ''].join('\n'));
    expect((await rec.run(['reimbursements', 'import', 'labs.csv'])).code).toBe(0);
    const acts = (await ok(rec, ['reimbursements', 'list', '--section', 'biology'])) as { id: number; careDate: string }[];
    const oldest = [...acts].sort((a, b) => a.careDate.localeCompare(b.careDate) || a.id - b.id).map((a) => a.id);
    await ok(rec, ['health', 'add', 'lab', '--analyte', 'NFS', '--value', 'normale', '--date', '2026-01-01', '--reimbursement', String(oldest[0])]);
    const notice = (await ok(rec, ['summary'])).notices.find((n: any) => n.code === 'biology-without-results');
    expect(notice.count).toBe(104);
    expect(notice.actIds).toEqual(oldest.slice(1, 101));
    expect(notice.message).toContain(`104 biology acts of the last 24 months have no lab result entered (acts ${oldest.slice(1, 11).join(', ')}, …).`);
  });

  it('shows payer totals, the newest of each lab and measurement, and the biology notice until a lab links the act', async () => {
    const rec = await loggedInRecord();
    const acts = await holderActs(rec);
    await ok(rec, ['health', 'add', 'allergy', '--substance', 'Pénicilline', '--severity', 'severe']);
    await ok(rec, ['health', 'add', 'condition', '--name', 'asthme']);
    await ok(rec, ['health', 'add', 'condition', '--name', 'varicelle', '--status', 'resolved']);
    await ok(rec, ['health', 'add', 'medication', '--name', 'ancien', '--since', '2020-01-01', '--until', '2021-01-01']);
    await ok(rec, ['health', 'add', 'medication', '--name', 'Ventoline', '--prescribed']);
    await ok(rec, ['health', 'add', 'lab', '--analyte', 'Glycémie', '--value', '0,9', '--unit', 'g/L', '--date', '2025-01-10']);
    await ok(rec, ['health', 'add', 'lab', '--analyte', 'glycemie', '--value', '1,32', '--unit', 'g/L', '--high', '1,10', '--date', '2026-03-14']);
    await ok(rec, ['health', 'add', 'measurement', '--type', 'weight', '--value', '70', '--date', '2026-01-01']);
    await ok(rec, ['health', 'add', 'measurement', '--type', 'weight', '--value', '69', '--date', '2026-02-01']);
    // Entered last, dated first: not the newest.
    await ok(rec, ['health', 'add', 'lab', '--analyte', 'GLYCÉMIE', '--value', '0,8', '--unit', 'g/L', '--date', '2024-01-10']);
    await ok(rec, ['health', 'add', 'measurement', '--type', 'weight', '--value', '75', '--date', '2025-06-01']);
    const s = await ok(rec, ['summary']);
    expect(s.payer.total).toEqual({ count: 5, spentCents: 131484, reimbursedCents: 88947, outOfPocketCents: 131484 - 88947 - 42337 });
    expect(s.payer.peakMonth).toEqual({ month: '2026-03', spentCents: 123456 });
    expect(s.payer.months.find((m: any) => m.month === '2026-04').spentCents).toBe(810);
    expect(s.health.conditions.map((c: any) => c.name)).toEqual(['asthme']);
    expect(s.health.medications.map((m: any) => m.name)).toEqual(['Ventoline']);
    expect(s.health.latestLabs.map((l: any) => [l.value, l.flag])).toEqual([['1.32', 'high']]);
    expect(s.health.latestMeasurements.map((m: any) => m.value)).toEqual(['69']);
    const biology = s.notices.find((n: any) => n.code === 'biology-without-results');
    expect(biology).toMatchObject({ count: 1, actIds: [acts.biology] });
    expect(biology.message).toContain(`--reimbursement ${acts.biology}`);
    await ok(rec, ['health', 'add', 'lab', '--analyte', 'NFS', '--value', 'normale', '--date', '2026-04-20', '--reimbursement', String(acts.biology)]);
    expect((await ok(rec, ['summary'])).notices.map((n: any) => n.code)).toEqual(['payer-data-informative']);
  });

  it('prints a dashboard on a terminal and TSV blocks without escape codes when piped', async () => {
    const rec = await loggedInRecord();
    await holderActs(rec);
    await ok(rec, ['health', 'add', 'lab', '--analyte', 'Glycémie', '--value', '1,32', '--unit', 'g/L', '--high', '1,10', '--date', '2026-03-14']);
    const tty = await rec.run(['summary'], { tty: true, env: { NO_COLOR: '' } });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toContain('1 234,56 €');
    expect(tty.stdout).toContain('Monthly spending (peak 2026-03: 1 234,56 €)');
    expect(tty.stdout).toMatch(/█/);
    expect(tty.stdout).toContain('\u001b[31m\u001b[1mhigh');
    expect(tty.stdout.trimEnd().split('\n').pop()).toContain('biology act of the last 24 months has no lab result');
    const piped = await rec.run(['summary']);
    expect(piped.stdout).not.toContain('\u001b');
    expect(piped.stdout).toContain('# payer 2024-12-01 2026-11-26\nsection\tcount\tspentCents\treimbursedCents\toutOfPocketCents\npharmacy\t1\t218\t142\t');
    expect(piped.stdout).toContain('\tlab\t2026-03-14\tGlycémie\t1.32 g/L (ref. …–1.10 g/L)\thigh\n');
  });

  it("carries the consent choices in force", async () => {
    const rec = await loggedInRecord();
    await ok(rec, ['consent', 'samu', 'oppose']);
    await ok(rec, ['consent', 'block', '--rpps', '10100000123']);
    const s = await ok(rec, ['summary']);
    expect(s.consent).toMatchObject({ samu: 'oppose', emergency: 'allow', blocked: 1 });
    const piped = (await rec.run(['summary'])).stdout;
    expect(piped).toContain('# consent\nsetting\tvalue\ngp\tnone\nblocked\t1\nemergency\tallow\nsamu\toppose\n');
  });
});
