import { build, type Plugin } from 'esbuild';
import { builtinModules } from 'node:module';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles the compiled CLI into dist/bundle/: Node 20 spends ~40 ms resolving and loading
 * dmp's hundred-odd modules one by one, and a bundle loads in one read. Lazily imported
 * modules stay in their own chunks; very large packages stay outside. better-sqlite3's
 * JavaScript is bundled too (its dozen files cost ~5 ms to resolve and load); its compiled
 * addon is loaded by path (openRecord passes nativeBinding), never through `bindings`.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Chunk names carry content hashes: start clean so old chunks do not pile up.
rmSync(join(root, 'dist', 'bundle'), { recursive: true, force: true });

/**
 * Node's own modules are loaded with require(), not import: an ESM import of a built-in
 * makes Node build an ES module facade for it (copying each one's exports) at every start.
 */
const RUNTIME_REQUIRES = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const requireRuntimeModules: Plugin = {
  name: 'require-runtime-modules',
  setup(b) {
    b.onResolve({ filter: /^[\w:/-]+$/ }, (args) => (RUNTIME_REQUIRES.has(args.path) ? { path: args.path, namespace: 'runtime-require' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'runtime-require' }, (args) => ({ contents: `module.exports = __dmpRequire(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

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
  // pdfkit (fontkit and friends) and ucum-lhc (its unit tables) are big and loaded only by the commands that need them.
  external: ['pdfjs-dist', 'file-type', 'pdfkit', '@lhncbc/ucum-lhc'],
  plugins: [requireRuntimeModules],
  // CommonJS packages inside an ESM bundle still call require() for Node's own modules.
  // (__dmpRequire is the name requireRuntimeModules uses, which esbuild does not rewrite.)
  banner: { js: "import { createRequire as __dmpCreateRequire } from 'node:module'; const __dmpRequire = __dmpCreateRequire(import.meta.url); const require = __dmpRequire;" },
  logLevel: 'warning',
});
