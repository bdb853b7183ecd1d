import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/account/totp.js';
import { pdfText } from '../../src/documents/text.js';

// The built, bundled program must find its shipped font (assets/fonts) and load pdfkit and ucum-lhc.
const BIN = join(resolve(import.meta.dirname, '../..'), 'bin', 'dmp.js');
const dir = mkdtempSync(join(tmpdir(), 'dmp-e2e-health-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { NO_COLOR: _n, FORCE_COLOR: _f, ...rest } = process.env;
const env = { ...rest, DMP_RECORD: join(dir, 'record.db'), DMP_STATE_DIR: join(dir, 'state'), HOME: dir };
const dmp = (args: string[], input = '') => spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', cwd: dir, timeout: 60_000 });

describe('health and summary, end to end', () => {
  it('adds a lab with a UCUM unit and writes the PDF with the shipped font from the built bin/dmp.js', async () => {
    const init = dmp(['init', '--username', 'marie', '--password-stdin', '--given-name', 'Élodie', '--family-name', 'LEFÈVRE', '--birth-date', '1980-01-15', '--sex', 'F', '--json'], 'correct horse battery staple\n');
    expect(init.status).toBe(0);
    const secret = JSON.parse(init.stdout).totp.secret as string;
    expect(dmp(['login', '--username', 'marie', '--password-stdin', '--code', totpCode(secret, new Date(Date.now() + 30_000))], 'correct horse battery staple\n').status).toBe(0);
    expect(dmp(['health', 'add', 'allergy', '--substance', 'Pénicilline']).status).toBe(0);
    const lab = dmp(['health', 'add', 'lab', '--analyte', 'Glycémie', '--value', '1,32', '--unit', 'g/L', '--high', '1,10', '--date', '2025-03-14', '--json']);
    expect(lab.stderr).toBe('');
    expect(JSON.parse(lab.stdout).flag).toBe('high');
    const r = dmp(['summary', '--pdf', 'recap.pdf']);
    expect(r.stderr).toMatch(/^Wrote .*recap\.pdf/);
    expect(lstatSync(join(dir, 'recap.pdf')).mode & 0o777).toBe(0o600);
    const text = (await pdfText(readFileSync(join(dir, 'recap.pdf')))).text!.replace(/\s+/g, ' ');
    expect(text).toContain('Élodie LEFÈVRE');
    expect(text).toContain('Pénicilline');
    expect(text).toContain('ÉLEVÉ');
  });
});
