import { describe, expect, it } from 'vitest';
import { loggedInRecord } from './helpers/cli.js';

describe('the test harness', () => {
  it('creates a record and logs in', async () => {
    const rec = await loggedInRecord();
    const status = await rec.run(['status', '--json']);
    expect(status.code).toBe(0);
    expect(status.json()).toMatchObject({ loggedIn: true, username: 'marie', holder: 'Marie DUPONT' });
  });
});
