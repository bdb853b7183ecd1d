import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md's layering rules, checked by reading the imports of every source file.
const SRC = join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = sources(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const outside = (prefix: string) => files.filter((f) => !f.path.startsWith(prefix));
const importsOf = (text: string) => [...text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)].map((m) => ({ typeOnly: Boolean(m[1]), from: m[2]! }));

describe('layering', () => {
  it('keeps terminal libraries inside src/cli', () => {
    const ui = /^(commander|chalk|cli-table3|cli-progress|@inquirer\/.*|qrcode)$/;
    const offenders = outside('cli/').filter((f) => importsOf(f.text).some((i) => ui.test(i.from)));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('opens databases only in src/store', () => {
    const offenders = outside('store/').filter((f) => importsOf(f.text).some((i) => i.from === 'better-sqlite3-multiple-ciphers' && !i.typeOnly));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('touches the process only in src/cli', () => {
    const offenders = outside('cli/').filter((f) => /\bprocess\.(argv|env|exit|stdout|stderr|stdin|cwd)/.test(f.text));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('never imports the cli layer from an area', () => {
    const offenders = outside('cli/').filter((f) => importsOf(f.text).some((i) => /(^|\/)cli\//.test(i.from)));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('reads the process in one module only', () => {
    const readers = files.filter((f) => f.path.startsWith('cli/') && /\bprocess\.(argv|env|exit|stdin|cwd)\b/.test(f.text));
    expect(readers.map((f) => f.path)).toEqual(['cli/main.ts']);
  });
});
