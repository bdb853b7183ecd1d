import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';

function largeExport(dir: string): string {
  const rows = ["Date des soins;Rubrique;Nature de l'acte;Dépense;Montant remboursé;Commentaire"];
  const pad = 'x'.repeat(120);
  for (let i = 0; i < 32_000; i++) rows.push(`${String((i % 28) + 1).padStart(2, '0')}/05/2026;Pharmacie;Boîte ${i};10,00;6,50;${pad}`);
  const path = join(dir, 'large.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

describe('progress while importing a large file', () => {
  it('draws a bar on stderr only when stderr is a terminal', async () => {
    const rec = await loggedInRecord();
    const path = largeExport(rec.dir);
    const piped = await rec.run(['reimbursements', 'import', path, '--dry-run', '--json']);
    expect(piped.json().files[0]).toMatchObject({ status: 'dry-run', rows: 32_000 });
    expect(piped.stderr).not.toContain('large.csv [');
    const tty = await rec.run(['reimbursements', 'import', path], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('large.csv [');
    expect(tty.stdout).not.toContain('large.csv [');
  }, 30_000);
});
