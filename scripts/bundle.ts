import { build, type Metafile, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles the compiled CLI into dist/bundle/, then warms V8's code cache for it.
 *
 * - main.cjs: the whole CLI in one CommonJS script, started by src/boot.cts (bin/dmp.js) with
 *   the code cache made here. Node 20 spends ~40 ms resolving and loading dmp's hundred-odd
 *   modules one by one, and a bundle loads in one read; compiling it was most of what
 *   remained, which the code cache removes. Modules imported lazily (each noun, see
 *   src/cli/program.ts; the import code) are in the same file but run only when imported, and
 *   V8 compiles a function only when it is first called, so their size costs little more than
 *   reading them. better-sqlite3's JavaScript is bundled too; its compiled addon is loaded by
 *   path (openRecord passes nativeBinding), never through `bindings`. Very large packages, and
 *   ES-only ones, stay outside (imported by the commands that need them).
 * - reader-worker.js: the CSV reader thread's own entry (an ES module).
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'dist', 'bundle');
const external = ['pdfjs-dist', 'file-type', 'pdfkit', '@lhncbc/ucum-lhc'];

// Start clean so old files do not pile up.
rmSync(out, { recursive: true, force: true });

/**
 * commander requires node:child_process at load for a feature dmp does not use (subcommands
 * as separate executables); child_process pulls in net, dgram and streams (~3 ms). It is
 * loaded on first use instead.
 */
const lazyChildProcess: Plugin = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[/\\]node_modules[/\\]commander[/\\]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let m; module.exports = new Proxy({}, { get: (_, key) => (m ??= require(${JSON.stringify(`node:${args.path}`)}))[key] });`,
      loader: 'js',
    }));
  },
};

/**
 * chalk detects the terminal's colours at load (supports-color: node:tty, which pulls in
 * net, and node:os), for its default instances; dmp never uses those: src/cli/output.ts makes
 * its own Chalk with the level it decided. The detection is left out of the bundle.
 */
const noColorDetection: Plugin = {
  name: 'no-color-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) => (/[/\\]node_modules[/\\]chalk[/\\]/.test(args.importer) ? { path: 'supports-color', namespace: 'no-color-detection' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'no-color-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

/**
 * Large packages that only rarely used commands load (`reimbursements import`: the CSV
 * reader and writer, iconv-lite's tables, the progress bar; `init` on a terminal: the QR
 * code; an editor prompt: chardet) stay in node_modules, required when those commands run:
 * two-thirds of the bundle, which every start would otherwise read. Only copies at the top of
 * node_modules are left out (a package's own nested copy is bundled as it is).
 */
const LEFT_OUT = new Set(['iconv-lite', 'chardet', 'qrcode', 'pngjs', 'csv-parse', 'csv-stringify', 'cli-progress']);
const leaveOut: Plugin = {
  name: 'leave-out',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      const name = args.path.split('/')[0]!;
      if (!LEFT_OUT.has(name) || args.pluginData === 'leave-out') return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'leave-out' });
      return found.path.startsWith(join(root, 'node_modules', name, '')) ? { path: args.path, external: true } : undefined;
    });
  },
};

const main = await build({
  entryPoints: { main: join(root, 'dist', 'src', 'cli', 'main.js') },
  outdir: out,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  plugins: [lazyChildProcess, noColorDetection, leaveOut],
  // Smaller to read at each start; names are kept, so stack traces stay legible (and main.cjs.map maps them).
  minifyWhitespace: true,
  minifySyntax: true,
  // The modules find files beside them (fonts, the reader thread's entry, packages to require) from import.meta.url.
  define: { 'import.meta.url': '__dmpModuleUrl' },
  banner: { js: "const __dmpModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  metafile: true,
  logLevel: 'warning',
});
importThroughBoot(main.metafile);

/**
 * The ES-only packages the bundle imports (`import('pdfkit')`...) are imported by src/boot.cts
 * on its behalf (`__dmpImport`): Node 20 loses the import callback of a script compiled from
 * a code cache for functions compiled later, and its own remedy is an experimental API that
 * prints a warning.
 */
function importThroughBoot(meta: Metafile): void {
  const file = join(out, 'main.cjs');
  let code = readFileSync(file, 'utf8');
  const dynamic = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import' && i.external).map((i) => i.path));
  for (const specifier of new Set(dynamic)) {
    const call = `import(${JSON.stringify(specifier)})`;
    if (!code.includes(call)) throw new Error(`bundle: cannot find ${call} in main.cjs`);
    code = code.replaceAll(call, `__dmpImport(${JSON.stringify(specifier)})`);
  }
  if (/\bimport\(/.test(code)) throw new Error('bundle: main.cjs still has an import() that src/boot.cts cannot serve');
  // src/boot.cts reads it as latin1, the quickest decoding, which is right for ASCII only (esbuild escapes the rest).
  if (/[^\x00-\x7f]/.test(code)) throw new Error('bundle: main.cjs is not pure ASCII');
  writeFileSync(file, code);
}

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
  entryPoints: { 'reader-worker': join(root, 'dist', 'src', 'reimbursements', 'reader-worker.js') },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  plugins: [requireRuntimeModules],
  // CommonJS packages inside an ESM bundle still call require() for Node's own modules.
  // (__dmpRequire is the name requireRuntimeModules uses, which esbuild does not rewrite.)
  banner: { js: "import { createRequire as __dmpCreateRequire } from 'node:module'; const __dmpRequire = __dmpCreateRequire(import.meta.url); const require = __dmpRequire;" },
  logLevel: 'warning',
});

// A few runs of dmp compile what every start needs (commander, the help, chalk, the
// context, the most used commands); their code is saved as main.cjs.cache. Their output is not wanted here.
// (They exit 4, "No record": the warm-up's own failures show as a missing cache.)
spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'warm-code-cache.js')], { stdio: 'ignore' });
if (!existsSync(join(out, 'main.cjs.cache'))) throw new Error('The code cache was not written: run `node dist/scripts/warm-code-cache.js` to see why.');
