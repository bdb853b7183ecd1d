/**
 * Starts the bundled CLI (dist/bundle/main.cjs) with V8's code cache.
 *
 * Why: Node 20 compiles every function of dmp, commander and chalk afresh at each start (it
 * has no compile cache before Node 22), and that compiling was most of dmp's start-up beyond
 * Node's own. The build (scripts/bundle.ts) runs `dmp --help` once through warmCodeCache and
 * saves what V8 compiled beside the bundle; each start then reads it instead of compiling.
 *
 * Safe by construction: V8 refuses a cache made by another V8 version or with other flags
 * (the bundle is then compiled as usual), and the cache is used only when its header names the
 * bundle's exact size and modification time, so an edited or rebuilt bundle never runs stale
 * code. A cache cut short is refused by V8 too, but V8 checks no checksum: a cache damaged in
 * place (like a damaged main.cjs) can abort the process; `npm run build` makes both again.
 * Nothing is written at run time. The bundle is CommonJS (not an ES module) because
 * Node offers the code cache only for scripts, and loading a script skips Node's ES module
 * loader (~4 ms of its own).
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const BUNDLE = join(__dirname, '..', 'bundle', 'main.cjs');
const CACHE = `${BUNDLE}.cache`;

/** Identifies one build of the bundle: its size and modification time. */
function stamp(file: string): string {
  const s = statSync(file);
  return `dmp-code-cache ${s.size} ${s.mtimeMs}\n`;
}

function cachedData(expected: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  const header = Buffer.byteLength(expected);
  return data.subarray(0, header).toString('latin1') === expected ? data.subarray(header) : undefined;
}

type Main = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string, dmpImport: (specifier: string) => Promise<unknown>) => void;

/** The bundle's `import('pdfkit')` and the like, made here (see scripts/bundle.ts). */
const dmpImport = (specifier: string): Promise<unknown> => import(specifier);

/** Compiles the bundle, from the cache when it fits, into a function that runs it as a CommonJS module. */
function compile(cache: Buffer | undefined): { script: Script; main: () => void } {
  // Pure ASCII (scripts/bundle.ts checks): latin1 makes V8's one-byte string with no decoding.
  const source = readFileSync(BUNDLE, 'latin1');
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __dmpImport) {${source}\n})`, { filename: BUNDLE, cachedData: cache });
  const wrapper = script.runInThisContext() as Main;
  return {
    script,
    main: () => {
      const module = { exports: {} };
      wrapper(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE), dmpImport);
    },
  };
}

/** Runs dmp. */
export function start(): void {
  compile(cachedData(stamp(BUNDLE))).main();
}

/**
 * Build step: runs dmp once for each command line (each run a fresh copy of every module,
 * all sharing one compiled script) and, when the process ends, saves the code V8 compiled for
 * them (every function that ran) as the cache. The runs overlap; they only need to compile.
 */
export function warmCodeCache(commandLines: string[][]): void {
  const { script, main } = compile(undefined);
  for (const argv of commandLines) {
    process.argv = [process.argv[0]!, BUNDLE, ...argv];
    main();
  }
  process.on('exit', () => {
    // Written whole, then renamed: a cut-short cache is refused by V8, but a damaged one is not
    // checked (release builds of V8 verify no checksum) and would abort the process.
    writeFileSync(`${CACHE}.tmp`, Buffer.concat([Buffer.from(stamp(BUNDLE), 'latin1'), script.createCachedData()]));
    renameSync(`${CACHE}.tmp`, CACHE);
  });
}
