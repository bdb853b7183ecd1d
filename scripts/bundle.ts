import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles the compiled CLI into dist/bundle/: Node 20 spends ~40 ms resolving and loading
 * dmp's hundred-odd modules one by one, and a bundle loads in one read. Lazily imported
 * modules stay in their own chunks; native and very large packages stay outside.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Chunk names carry content hashes: start clean so old chunks do not pile up.
rmSync(join(root, 'dist', 'bundle'), { recursive: true, force: true });

await build({
  // The CSV reader thread loads its own entry, dist/bundle/reader-worker.js.
  entryPoints: {
    main: join(root, 'dist', 'src', 'cli', 'main.js'),
    'reader-worker': join(root, 'dist', 'src', 'reimbursements', 'reader-worker.js'),
  },
  outdir: join(root, 'dist', 'bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', 'pdfjs-dist', 'file-type'],
  // CommonJS packages inside an ESM bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __dmpCreateRequire } from 'node:module'; const require = __dmpCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
