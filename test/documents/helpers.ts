import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestRecord } from '../helpers/cli.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'documents');
export const fixture = (name: string): string => join(FIXTURES, name);
export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
export const fixtureSha = (name: string): string => sha256(readFileSync(fixture(name)));

/** Adds a typed document and returns its id. */
export async function addText(rec: TestRecord, text: string, extra: string[] = []): Promise<number> {
  const r = await rec.run(['docs', 'add', '--type', 'synthese', '--text', text, '--json', ...extra]);
  if (r.code !== 0) throw new Error(`add failed: ${r.stderr}`);
  return r.json().id as number;
}

/** What a failed command must leave alone: the documents and the audit log. */
export async function snapshot(rec: TestRecord): Promise<string> {
  const docs = await rec.run(['docs', 'list', '--json']);
  const archived = await rec.run(['docs', 'list', '--archived', '--json']);
  const audit = await rec.run(['audit', '--json']);
  const actions = (audit.json() as { action: string; target: string | null }[]).map((a) => `${a.action} ${a.target}`);
  return JSON.stringify({ docs: docs.json(), archived: archived.json(), audit: actions });
}
