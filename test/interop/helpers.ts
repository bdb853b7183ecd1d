import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type Db, openMemoryRecord } from '../../src/store/database.js';
import { seedRecord, type SeedReport } from '../../src/testdata/seed.js';
import { PASSWORD, START, TEST_KDF } from '../helpers/cli.js';

/** An in-memory record filled by the seed generator (small), closed after the test. */
export async function seededMemoryRecord(seed = 5, sizes: { documents?: number; reimbursements?: number; children?: number } = {}): Promise<{ db: Db; report: SeedReport }> {
  const db = openMemoryRecord();
  const work = mkdtempSync(join(tmpdir(), 'dmp-seed-'));
  afterEach(() => {
    db.close();
    rmSync(work, { recursive: true, force: true });
  });
  const report = await seedRecord(db, { seed, months: 30, documents: sizes.documents ?? 14, reimbursements: sizes.reimbursements ?? 80, children: sizes.children ?? 2, username: 'marie', password: PASSWORD }, START, work, TEST_KDF);
  return { db, report };
}
