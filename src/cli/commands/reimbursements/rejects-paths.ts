import { basename, dirname, extname } from 'node:path';
import { usageError } from '../../../errors.js';
import { lstatOrNull, sameFile, statOrNull } from '../../../util/files.js';

/**
 * The rejects file for each input (one input: the path as given; several: one file per input,
 * named after it), checked before anything is imported: never one of the inputs (it would
 * replace the export it reports on), never twice the same, in an existing directory, not a
 * link or a device, and not an existing file unless `force`.
 */
export function rejectsPaths(given: string, resolved: string, inputs: string[], force: boolean): string[] {
  const dir = dirname(resolved);
  if (!statOrNull(dir)?.isDirectory()) throw usageError(`Cannot write the rejects file ${given}: there is no directory ${dir}.`, 'Pass --rejects a path in an existing directory.');
  const paths = inputs.map((input) => rejectsPathFor(resolved, input, inputs.length));
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) throw usageError(`Two of the files to import would write the same rejects file ${path}.`, 'Import them in separate runs, or rename one.');
    seen.add(path);
    const stats = lstatOrNull(path);
    if (stats === null) continue;
    if (inputs.some((input) => sameFile(path, input))) {
      throw usageError(`The rejects file ${path} is one of the files to import; writing it would destroy that export.`, 'Pass --rejects a new path, such as to-fix.csv.');
    }
    if (stats.isSymbolicLink()) throw usageError(`The rejects file ${path} is a symbolic link; dmp does not write through links.`, 'Pass --rejects a path that is not a link.');
    if (stats.isDirectory()) throw usageError(`The rejects file ${path} is a directory.`, 'Pass --rejects a file path, such as to-fix.csv.');
    if (!stats.isFile()) throw usageError(`The rejects file ${path} is not a regular file.`, 'Pass --rejects a path to a regular file.');
    if (!force) throw usageError(`The rejects file ${path} already exists.`, 'Pass --force to overwrite it, or choose another path.');
  }
  return paths;
}

function rejectsPathFor(rejects: string, input: string, inputs: number): string {
  if (inputs === 1) return rejects;
  const ext = extname(rejects) || '.csv';
  return `${rejects.slice(0, rejects.length - extname(rejects).length)}-${basename(input, extname(input))}${ext}`;
}
