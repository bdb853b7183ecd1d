import { describe, expect, it } from 'vitest';
import { validateIdentity } from '../../src/profile/identity.js';
import { addPatient, holder, listPatients, nameKey, patientsByNameKey, resolvePatient } from '../../src/profile/patients.js';
import { openMemoryRecord } from '../../src/store/database.js';
import { START } from '../helpers/cli.js';

function family() {
  const db = openMemoryRecord();
  const add = (given: string, familyName: string, birthDate: string, sex: string, nir?: string, isHolder = false) =>
    addPatient(db, validateIdentity({ givenName: given, familyName, birthDate, sex, nir }, '2026-11-26'), START, isHolder);
  const marie = add('Marie', 'DUPONT', '1980-01-15', 'F', undefined, true);
  const leo = add('Léo', 'DUPONT', '2015-06-02', 'M');
  const jean = add('Jean', 'DUPONT', '1980-01-20', 'M', '1 80 01 75 056 001 03');
  return { db, add, marie, leo, jean };
}

describe('people in the record', () => {
  it('lists the holder first', () => {
    const { db, marie } = family();
    expect(listPatients(db)[0]!.id).toBe(marie.id);
    expect(holder(db).id).toBe(marie.id);
  });

  it('resolves a REF given as an id, a NIR with or without spaces, or a full name in either order', () => {
    const { db, leo, jean } = family();
    expect(resolvePatient(db, String(leo.id)).id).toBe(leo.id);
    expect(resolvePatient(db, '1 80 01 75 056 001 03').id).toBe(jean.id);
    expect(resolvePatient(db, '180017505600103').id).toBe(jean.id);
    for (const ref of ['Léo DUPONT', 'leo dupont', 'DUPONT Léo', '  dupont   LEO ']) expect(resolvePatient(db, ref).id).toBe(leo.id);
  });

  it('says an unknown id, NIR or name is not found', () => {
    const { db } = family();
    expect(() => resolvePatient(db, '99')).toThrow(expect.objectContaining({ kind: 'not-found', message: 'There is no person 99 in this record.' }));
    expect(() => resolvePatient(db, 'Paul Martin')).toThrow(expect.objectContaining({ kind: 'not-found', message: 'No one in this record matches "Paul Martin".' }));
    expect(() => resolvePatient(db, '2 06 12 75 111 005 64')).toThrow(expect.objectContaining({ kind: 'not-found' }));
  });

  it('says an ambiguous name names several people, with their ids', () => {
    const { db, add, leo } = family();
    const twin = add('Leo', 'Dupont', '2018-03-03', 'M');
    expect(() => resolvePatient(db, 'leo dupont')).toThrow(
      expect.objectContaining({ kind: 'usage', message: `"leo dupont" names 2 people in this record (ids ${leo.id}, ${twin.id}).` }),
    );
  });

  it('refuses the same NIR twice, and the same person (name and birth date) twice', () => {
    const { add, jean, leo } = family();
    expect(() => add('Jacques', 'DUPONT', '1980-01-01', 'M', '180017505600103')).toThrow(`The NIR 180017505600103 already belongs to person ${jean.id} in this record.`);
    expect(() => add('LEO', 'dupont', '2015-06-02', 'M')).toThrow(`LEO dupont, born 2015-06-02, is already person ${leo.id} in this record.`);
  });

  it('maps folded full names in both orders to the person', () => {
    const { db, leo } = family();
    const map = patientsByNameKey(db);
    expect(map.get(nameKey('LÉO', 'Dupont'))!.map((p) => p.id)).toEqual([leo.id]);
    expect(map.get(nameKey('dupont', 'leo'))!.map((p) => p.id)).toEqual([leo.id]);
  });

  it('lists everyone a shared name names (two "Jean DUPONT"), so no caller picks one silently', () => {
    const { db, add, jean } = family();
    const son = add('Jean', 'DUPONT', '2010-03-03', 'M');
    expect(patientsByNameKey(db).get(nameKey('jean', 'dupont'))!.map((p) => p.id)).toEqual([jean.id, son.id]);
  });
});
