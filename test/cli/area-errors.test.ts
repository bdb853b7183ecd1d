import { describe, expect, it } from 'vitest';
import { validateActDate, validateTitle } from '../../src/documents/documents.js';
import { checkSize, parseSize } from '../../src/documents/ingest.js';
import { getDocument } from '../../src/documents/repo.js';
import { resolveType } from '../../src/documents/taxonomy.js';
import { DmpError } from '../../src/errors.js';
import { validateIdentity } from '../../src/profile/identity.js';
import { resolvePatient } from '../../src/profile/patients.js';
import Database from 'better-sqlite3-multiple-ciphers';
import { loadAccount } from '../../src/account/account.js';
import { migrate } from '../../src/store/migrate.js';
import { memoryAccount } from '../helpers/record.js';

function thrown(f: () => unknown): DmpError {
  try {
    f();
  } catch (err) {
    if (err instanceof DmpError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

describe('areas say what is wrong (field, value, rule) and never name flags or dmp commands', () => {
  it('documents and profile errors', async () => {
    const { db } = await memoryAccount();
    const empty = new Database(':memory:');
    migrate(empty);
    const errors = [
      thrown(() => resolveType('cr-imagrie')),
      thrown(() => validateActDate('2026-02-30', new Date('2026-11-26T10:00:00Z'))),
      thrown(() => validateTitle('T'.repeat(400))),
      thrown(() => parseSize('lots')),
      thrown(() => checkSize('The text', 20, 10)),
      thrown(() => getDocument(db, 42)),
      thrown(() => resolvePatient(db, 'Paul Martin')),
      thrown(() => validateIdentity({ givenName: 'Zoé', familyName: 'DUPONT', birthDate: '2018-13-01', sex: 'F' }, '2026-11-26')),
      thrown(() => validateIdentity({ givenName: 'Zoé', familyName: 'DUPONT', birthDate: '2018-03-01', sex: 'F', nir: '1 80 01 75 056 001 03' }, '2026-11-26')),
      thrown(() => loadAccount(empty)),
    ];
    for (const e of errors) {
      expect(`${e.message} ${e.hint ?? ''}`, e.message).not.toMatch(/--[a-z]|`dmp /);
      expect(e.data, e.message).toMatchObject({ field: expect.any(String) });
    }
    expect(errors[0]!.data).toMatchObject({ field: 'type', suggestions: expect.arrayContaining(["cr-imagerie (18748-4, CR d'imagerie médicale)"]) });
  });
});
