import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../src/documents/text.js';
import { loggedInRecord } from '../helpers/cli.js';
import { ok } from '../health/helpers.js';

async function recordWithHealth() {
  const rec = await loggedInRecord();
  await ok(rec, ['health', 'add', 'allergy', '--substance', 'Pénicilline', '--reaction', 'œdème de Quincke', '--severity', 'severe']);
  await ok(rec, ['health', 'add', 'lab', '--analyte', 'Glycémie à jeun', '--value', '1,32', '--unit', 'g/L', '--low', '0,70', '--high', '1,10', '--date', '2026-03-14']);
  await ok(rec, ['health', 'add', 'medication', '--name', 'Ventoline', '--prescribed']);
  return rec;
}

describe('dmp summary --pdf', () => {
  it('writes a 0600 PDF whose text holds the allergy, the flagged lab and the accents exactly, with only the title as metadata', async () => {
    const rec = await recordWithHealth();
    const r = await rec.run(['summary', '--pdf', 'recap.pdf']);
    expect(r.code).toBe(0);
    const path = join(rec.dir, 'recap.pdf');
    expect(r.stderr).toMatch(new RegExp(`^Wrote ${path} \\(\\d+ bytes, French\\)\\.\n$`));
    expect(lstatSync(path).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(path);
    const text = (await pdfText(bytes)).text!.replace(/\s+/g, ' ');
    expect(text).toContain('Récapitulatif médical');
    expect(text).toContain('ALLERGIES ET INTOLÉRANCES');
    expect(text).toContain('Pénicilline — œdème de Quincke — sévère');
    expect(text).toMatch(/14\/03\/2026 Glycémie à jeun : 1,32 g\/L \(réf\. 0,70–1,10\) ÉLEVÉ/);
    expect(text).toContain('Ventoline (prescrit)');
    expect(text).toContain('Établi le 26/11/2026');
    const raw = bytes.toString('latin1');
    expect(raw).not.toMatch(/DUPONT|Marie|Pénicilline/);
    expect(raw).not.toContain('PDFKit');
  });

  it('writes English on --lang en', async () => {
    const rec = await recordWithHealth();
    expect((await rec.run(['summary', '--pdf', 'en.pdf', '--lang', 'en'])).code).toBe(0);
    const text = (await pdfText(readFileSync(join(rec.dir, 'en.pdf')))).text!.replace(/\s+/g, ' ');
    expect(text).toContain('Medical summary');
    expect(text).toMatch(/2026-03-14 Glycémie à jeun : 1.32 g\/L \(ref\. 0.70–1.10\) HIGH/);
  });

  it('never overwrites without --force, never follows a link, and refuses bad flags', async () => {
    const rec = await recordWithHealth();
    const path = join(rec.dir, 'recap.pdf');
    writeFileSync(path, 'mine');
    const again = await rec.run(['summary', '--pdf', path]);
    expect([again.code, again.stderr]).toEqual([2, `dmp: ${path} already exists.\n  Pass --force to replace it, or choose another path for --pdf.\n`]);
    expect(readFileSync(path, 'utf8')).toBe('mine');
    expect((await rec.run(['summary', '--pdf', path, '--force'])).code).toBe(0);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    expect(lstatSync(path).mode & 0o777).toBe(0o600);

    const victim = join(rec.dir, 'victim.txt');
    writeFileSync(victim, 'keep');
    symlinkSync(victim, join(rec.dir, 'link.pdf'));
    for (const flags of [[], ['--force']]) {
      const r = await rec.run(['summary', '--pdf', join(rec.dir, 'link.pdf'), ...flags]);
      expect(r.code).toBe(2);
    }
    expect((await rec.run(['summary', '--pdf', join(rec.dir, 'link.pdf'), '--force'])).stderr.split('\n')[0]).toBe(`dmp: ${join(rec.dir, 'link.pdf')} is a symbolic link; dmp does not write through links.`);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    mkdirSync(join(rec.dir, 'dir.pdf'));
    expect((await rec.run(['summary', '--pdf', join(rec.dir, 'dir.pdf'), '--force'])).stderr.split('\n')[0]).toBe(`dmp: ${join(rec.dir, 'dir.pdf')} is a directory, not a regular file.`);
    const nowhere = await rec.run(['summary', '--pdf', join(rec.dir, 'no', 'such', 'x.pdf')]);
    expect([nowhere.code, nowhere.stderr.split('\n')[0]]).toEqual([2, `dmp: Cannot write ${join(rec.dir, 'no', 'such', 'x.pdf')}: its folder does not exist.`]);
    expect((await rec.run(['summary', '--pdf', ''])).stderr.split('\n')[0]).toBe('dmp: The path given to --pdf is empty.');
    expect((await rec.run(['summary', '--pdf', 'x.pdf', '--lang', 'de'])).stderr.split('\n')[0]).toBe('dmp: "de" is not a language of the PDF.');
    expect((await rec.run(['summary', '--lang', 'en'])).stderr.split('\n')[0]).toBe('dmp: --lang is for the PDF.');
  });
});
