import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md: cli -> areas -> store. Checked by reading every source file's imports.
const SRC = join(import.meta.dirname, '..', 'src');
const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, f));
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import [^;]*? from '([^']+)';/gms)].map((m) => m[1]!);
/** The code without its comments (a comment may well mention process.exit). */
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const area = (file: string) => relative(SRC, file).split('/')[0]!;

describe('layers', () => {
  it('areas never import the CLI or its libraries, and never read process', () => {
    const cliOnly = ['commander', 'chalk', '@inquirer/prompts', 'cli-table3', 'qrcode'];
    for (const file of files.filter((f) => area(f) !== 'cli')) {
      const name = relative(SRC, file);
      for (const spec of imports(file)) {
        expect(cliOnly, `${name} imports ${spec}`).not.toContain(spec);
        expect(spec.includes('/cli/'), `${name} imports ${spec}`).toBe(false);
      }
      expect(/\bprocess\./.test(code(file)), `${name} reads process`).toBe(false);
    }
  });

  it('only src/store opens a database', () => {
    for (const file of files.filter((f) => area(f) !== 'store')) {
      expect(imports(file), relative(SRC, file)).not.toContain('better-sqlite3');
    }
  });

  it('only src/cli/main.ts touches process in the CLI', () => {
    const users = files.filter((f) => area(f) === 'cli' && /\bprocess\.(argv|env|exit|stdin|stdout|stderr|cwd)/.test(code(f)));
    expect(users.map((f) => relative(SRC, f))).toEqual(['cli/main.ts']);
  });
});
