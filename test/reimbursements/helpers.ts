import { join } from 'node:path';
import type { TestRecord } from '../helpers/cli.js';

export const fixture = (name: string) => join(process.cwd(), 'fixtures', 'reimbursements', name);

/** `dmp reimbursements import` with --json; returns the exit code and the per-file reports. */
export async function importJson(rec: TestRecord, files: string[], flags: string[] = []) {
  const r = await rec.run(['reimbursements', 'import', ...files.map(fixture), ...flags, '--json']);
  return { code: r.code, stderr: r.stderr, files: r.stdout ? (r.json().files as any[]) : [] };
}

export async function summaryJson(rec: TestRecord, flags: string[] = []) {
  const r = await rec.run(['reimbursements', 'summary', '--json', ...flags]);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.json();
}

export async function addLeo(rec: TestRecord) {
  const r = await rec.run(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M', '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.json().id as number;
}
