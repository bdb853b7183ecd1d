import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench [name...]`: runs every bench/*.bench.ts (built), or only those named.
 * Each suite generates its own data and prints its figures.
 */
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const suites = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .map((f) => f.replace(/\.bench\.js$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name));
if (suites.length === 0) {
  console.error(`No benchmark named ${wanted.join(', ')}.`);
  process.exitCode = 2;
}
for (const name of suites) {
  console.log(`\n== ${name} ==`);
  const mod = (await import(pathToFileURL(`${here}/${name}.bench.js`).href)) as { main(): Promise<void> };
  await mod.main();
}
