import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { currentPatient } from '../../src/cli/session.js';
import { loggedInRecord, scriptedPrompter } from '../helpers/cli.js';

function contextFor(env: Record<string, string>, patient?: string): Context {
  const ctx = new Context({ io: { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough() }, env, cwd: '/', prompter: scriptedPrompter([]) });
  ctx.setGlobals({ patient, json: false, color: false });
  return ctx;
}

describe('currentPatient', () => {
  it('is the holder by default, and whoever --patient names otherwise', async () => {
    const rec = await loggedInRecord();
    await rec.run(['patients', 'add', '--given-name', 'Léo', '--family-name', 'DUPONT', '--birth-date', '2015-06-02', '--sex', 'M']);
    const plain = contextFor(rec.env);
    expect(currentPatient(plain)).toMatchObject({ givenName: 'Marie', isHolder: true });
    plain.close();
    const leo = contextFor(rec.env, 'dupont leo');
    expect(currentPatient(leo)).toMatchObject({ id: 2, givenName: 'Léo' });
    leo.close();
    const nobody = contextFor(rec.env, 'Paul Martin');
    expect(() => currentPatient(nobody)).toThrow(expect.objectContaining({ kind: 'not-found' }));
    nobody.close();
  });
});
