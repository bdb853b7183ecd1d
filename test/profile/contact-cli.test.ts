import { describe, expect, it } from 'vitest';
import { loggedInRecord } from '../helpers/cli.js';
import { addLeo } from '../reimbursements/helpers.js';
import { ok } from '../health/helpers.js';

describe('dmp profile', () => {
  it('shows the identity with empty contact details, then stores them normalised for the holder or --patient', async () => {
    const rec = await loggedInRecord();
    const before = await ok(rec, ['profile', 'show']);
    expect(before).toMatchObject({ id: 1, givenName: 'Marie', familyName: 'DUPONT', birthDate: '1980-01-15', sex: 'F', contact: { address: null, phone: null, email: null } });
    const after = await ok(rec, ['profile', 'edit', '--address', ' 12  rue des Lilas ', '--postcode', '75011', '--city', 'Paris', '--phone', '06 12 34 56 78', '--email', 'Marie@Example.FR']);
    expect(after.contact).toEqual({ address: '12 rue des Lilas', postcode: '75011', city: 'Paris', phone: '+33612345678', email: 'Marie@example.fr', updatedAt: rec.now.toISOString() });
    expect((await ok(rec, ['profile', 'edit', '--clear', 'phone'])).contact).toMatchObject({ phone: null, city: 'Paris' });
    const leo = await addLeo(rec);
    expect((await ok(rec, ['--patient', String(leo), 'profile', 'edit', '--city', "L'Haÿ-les-Roses"])).contact.city).toBe("L'Haÿ-les-Roses");
    expect((await ok(rec, ['profile', 'show'])).contact.city).toBe('Paris');
    const audit = (await ok(rec, ['audit'])).filter((a: any) => a.action === 'profile.edit');
    expect(audit.map((a: any) => [a.target, a.details.fields])).toEqual([
      ['patient:1', ['address', 'postcode', 'city', 'phone', 'email']],
      ['patient:1', ['phone']],
      [`patient:${leo}`, ['city']],
    ]);
    expect(JSON.stringify(audit)).not.toContain('Lilas');
    const piped = await rec.run(['profile', 'show']);
    expect(piped.stdout).toContain('address\t12 rue des Lilas\n');
  });

  it.each([
    [['--phone', '06 12'], 5, 'dmp: The phone number "06 12" is not a phone number: a French number has 10 digits starting with 0.'],
    [['--phone', ''], 5, 'dmp: The phone number "" is not a phone number: it is empty.'],
    [['--email', 'marie@'], 5, 'dmp: The e-mail "marie@" is not an e-mail address: the part after @ must be a domain such as example.fr.'],
    [['--postcode', '7501'], 5, 'dmp: The postcode "7501" is not a French postcode (5 digits, such as 75011).'],
    [['--city', 'Paris 11'], 5, 'dmp: The city "Paris 11" has characters a town name cannot have.'],
    [['--address', 'rue\u001b[2J'], 5, 'dmp: The address "rue\\u001b[2J" holds control or invisible characters.'],
    [['--clear', 'fax'], 2, 'dmp: "fax" is not a contact field.'],
    [['--phone', '0612345678', '--clear', 'phone'], 2, 'dmp: --phone is both set and cleared.'],
    [[], 2, 'dmp: Nothing to change.'],
  ])('refuses %j', async (flags, code, line) => {
    const rec = await loggedInRecord();
    const r = await rec.run(['profile', 'edit', ...(flags as string[])]);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([code, line]);
    expect(r.stderr.split('\n')[1]).toMatch(/^ {2}\S/);
    expect((await ok(rec, ['profile', 'show'])).contact.updatedAt).toBe(null);
  });
});
