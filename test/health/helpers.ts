import type { TestRecord } from '../helpers/cli.js';
import { importJson } from '../reimbursements/helpers.js';

/** `dmp ARGS --json`, expecting success; the parsed document. */
export async function ok(rec: TestRecord, args: string[]): Promise<any> {
  const r = await rec.run([...args, '--json']);
  if (r.code !== 0) throw new Error(`${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.json();
}

/** Imports the five-act sample (the holder's) and returns the ids of its acts by section. */
export async function holderActs(rec: TestRecord): Promise<Record<string, number>> {
  const imported = await importJson(rec, ['five-acts-semicolon.csv']);
  if (imported.code !== 0) throw new Error(imported.stderr);
  const acts = (await ok(rec, ['reimbursements', 'list', '--all'])) as { id: number; section: string }[];
  return Object.fromEntries(acts.map((a) => [a.section, a.id]));
}
