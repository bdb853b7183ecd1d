import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loggedInRecord, type TestRecord } from '../helpers/cli.js';

/**
 * The record file's raw bytes, with its -wal if one is left. This only means something for a
 * record stored unencrypted: once records are encrypted, run this test on a record created in
 * the helpers' unencrypted mode (an encrypted file never shows the text, deleted or not).
 */
function rawRecordBytes(rec: TestRecord): Buffer {
  const parts = [readFileSync(rec.recordPath)];
  if (existsSync(`${rec.recordPath}-wal`)) parts.push(readFileSync(`${rec.recordPath}-wal`));
  return Buffer.concat(parts);
}

describe('deleting a document for good (unencrypted record file, read raw)', () => {
  it('leaves neither its text, nor its title, nor its words in the search index in the file, nor the title in the audit log', async () => {
    const rec = await loggedInRecord();
    const TEXT = 'Sérologie zygomorphique positive, confidentiel quinquagénaire';
    const TITLE = 'Résultat xylographique privé';
    await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'Un autre document qui reste', '--title', 'Reste']);
    const add = await rec.run(['docs', 'add', '--type', 'synthese', '--text', TEXT, '--title', TITLE, '--json']);
    expect(add.code).toBe(0);
    // Present while the document exists: the check below can fail.
    expect(rawRecordBytes(rec).includes(Buffer.from('zygomorphique'))).toBe(true);
    const rm = await rec.run(['docs', 'rm', String(add.json().id), '--yes']);
    expect(rm.code).toBe(0);
    const raw = rawRecordBytes(rec);
    for (const needle of ['zygomorphique', 'quinquagénaire', 'xylographique', 'Sérologie']) {
      expect(raw.includes(Buffer.from(needle)), needle).toBe(false);
    }
    const audit = await rec.run(['audit', '--json']);
    expect(audit.stdout).not.toMatch(/xylographique|zygomorphique/);
    expect((await rec.run(['docs', 'search', 'reste', '--json'])).json()).toHaveLength(1);
  });
});
