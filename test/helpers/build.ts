import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Vitest global setup: the end-to-end tests spawn bin/dmp.js, which loads dist/bundle. `npm test`
 * builds first; a bare `vitest run` on a fresh checkout builds here instead of failing.
 */
export default function ensureBuilt(): void {
  const root = join(import.meta.dirname, '..', '..');
  const bundle = join(root, 'dist', 'bundle', 'main.cjs.cache');
  if (!existsSync(bundle)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
