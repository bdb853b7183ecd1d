import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newRecord } from '../helpers/cli.js';

const rec = newRecord();

/** The candidates `dmp complete -- WORDS` prints (values only), and its directive line. */
async function complete(...words: string[]): Promise<{ values: string[]; directive: string; code: number }> {
  const r = await rec.run(['complete', '--', ...words]);
  const lines = r.stdout.trimEnd().split('\n');
  return { values: lines.slice(0, -1).map((l) => l.split('\t')[0]!), directive: lines[lines.length - 1]!, code: r.code };
}

describe('dmp complete -- WORDS (the protocol the shell scripts call)', () => {
  it('offers the subcommands, not the hidden protocol command, with a description each', async () => {
    const r = await rec.run(['complete', '--', '']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('docs\tdocuments:');
    const { values, directive } = await complete('');
    expect(values).toEqual(expect.arrayContaining(['init', 'login', 'docs', 'reimbursements', 'health', 'summary', 'seed', 'completion']));
    expect(values).not.toContain('complete');
    expect(directive).toBe(':4');
    expect((await complete('docs', 'ex')).values).toEqual(['export']);
  });

  it('offers a command\'s flags and the global ones', async () => {
    const { values } = await complete('docs', 'list', '--');
    expect(values).toEqual(expect.arrayContaining(['--category', '--type', '--from', '--limit', '--json', '--patient', '--record']));
    expect((await complete('reimbursements', 'list', '--sec')).values).toEqual(['--section']);
  });

  it('offers document type codes and slugs, categories, sections, health kinds and measurement types', async () => {
    expect((await complete('docs', 'add', '--type', '')).values).toEqual(expect.arrayContaining(['11488-4', 'cr-consultation', 'EXPPAT_3', 'directives-anticipees']));
    expect((await complete('docs', 'add', '--type', 'cr-i')).values).toEqual(['cr-imagerie']);
    expect((await complete('docs', 'list', '--category', '')).values).toEqual(['syntheses', 'treatments', 'reports', 'imaging', 'biology', 'prevention', 'patient']);
    expect((await complete('reimbursements', 'list', '--section', '')).values).toEqual(['pharmacy', 'hospitalization', 'medical_dental', 'radiology', 'biology']);
    expect((await complete('health', 'list', '--kind', '')).values).toEqual(['allergy', 'condition', 'medication', 'lab', 'measurement', 'vaccination']);
    expect((await complete('health', 'add', '')).values).toEqual(expect.arrayContaining(['allergy', 'lab', 'vaccination']));
    expect((await complete('health', 'add', 'measurement', '--type', 'b')).values).toEqual(['blood-pressure']);
    expect((await complete('health', 'add', 'allergy', '--severity', '')).values).toEqual(['mild', 'moderate', 'severe']);
    expect((await complete('seed', '--variants', 'c')).values).toEqual(['cp1252', 'comma']);
    expect((await complete('completion', '')).values).toEqual(['bash', 'zsh', 'fish']);
    expect((await complete('consent', 'block', '--profession', 'p')).values).toEqual(['pharmacien', 'pedicure-podologue', 'psychomotricien']);
    expect((await complete('consent', 'samu', '')).values).toEqual(['allow', 'oppose']);
    expect((await complete('consent', 'donation', 'set', '')).values).toEqual(['no-objection', 'refuse']);
    expect((await complete('consent', 'donation', 'set', 'refuse', '--for', '')).values).toEqual(['transplantation', 'research', 'autopsy']);
    expect((await complete('export', '--format', '')).values).toEqual(['fhir', 'json']);
  });
});

describe('dmp completion SHELL', () => {
  it('prints a script for bash, zsh and fish that calls dmp complete', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await rec.run(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('dmp complete --');
    }
    expect((await rec.run(['completion', 'bash'])).stdout).toContain('complete -F __dmp_complete dmp');
  });

  it('refuses another shell, naming it', async () => {
    const r = await rec.run(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"tcsh" is not a shell dmp has completion for.');
    expect(r.stderr).toContain('bash, zsh, fish');
  });
});

const BASH_COMPLETION = '/usr/share/bash-completion/bash_completion';
const bin = mkdtempSync(join(tmpdir(), 'dmp-bin-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe.skipIf(!existsSync(BASH_COMPLETION))('in bash with bash-completion (skipped when /usr/share/bash-completion is absent)', () => {
  it('completes subcommands and document types through the generated script and the built dmp', () => {
    const dmp = join(bin, 'dmp');
    writeFileSync(dmp, `#!/bin/sh\nexec "${process.execPath}" "${join(import.meta.dirname, '..', '..', 'bin', 'dmp.js')}" "$@"\n`);
    chmodSync(dmp, 0o755);
    const attempt = (line: string) => {
      const script = `
        source ${BASH_COMPLETION}
        source <(dmp completion bash)
        compopt() { :; }  # only bash's own completion machinery may call it; the reply is what counts here
        COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}
        read -ra COMP_WORDS <<< "$COMP_LINE"; [[ "$COMP_LINE" == *' ' ]] && COMP_WORDS+=('')
        COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
        __dmp_complete
        printf '%s\\n' "\${COMPREPLY[@]}"`;
      const r = spawnSync('bash', ['-c', script], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.trim().split('\n');
    };
    expect(attempt('dmp rei')).toEqual(['reimbursements']);
    expect(attempt('dmp docs add --type cr-im')).toEqual(['cr-imagerie']);
    expect(attempt('dmp reimbursements list --section ')).toEqual(['pharmacy', 'hospitalization', 'medical_dental', 'radiology', 'biology']);
  });
});
