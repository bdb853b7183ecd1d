import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { addText } from '../documents/helpers.js';

const lines = (s: string) => s.trimEnd().split('\n');

describe("SQLite's own failures, in the user's words", () => {
  it('a record another process keeps locked past the wait is exit 6 "busy", not 1', async () => {
    const rec = await loggedInRecord();
    const other = new Database(rec.recordPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const r = await rec.run(['docs', 'add', '--type', 'synthese', '--text', 'en attente']);
      expect(r.code).toBe(6);
      expect(lines(r.stderr)).toEqual([`dmp: The record ${rec.recordPath} is busy: another dmp is writing to it.`, '  Wait for the other command to finish, then run this one again.']);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 20_000);

  it('a record with damaged pages is exit 5 "damaged", not 1', async () => {
    const rec = await loggedInRecord();
    for (let i = 0; i < 40; i++) await addText(rec, `document ${i} ${'texte '.repeat(400)}`);
    const size = statSync(rec.recordPath).size;
    const fd = openSync(rec.recordPath, 'r+');
    // Every page but the first (the header and schema), overwritten with garbage.
    writeSync(fd, Buffer.alloc(size - 16384, 0xa5), 0, size - 16384, 16384);
    closeSync(fd);
    const r = await rec.run(['docs', 'search', 'texte']);
    expect(r.code).toBe(5);
    expect(lines(r.stderr)[0]).toMatch(new RegExp(`^dmp: The record ${rec.recordPath} is damaged \\(.+\\)\\.$`));
    expect(lines(r.stderr)[1]).toBe('  Restore it from a backup; dmp changed nothing.');
  });
});
