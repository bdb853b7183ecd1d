import { describe, expect, it } from 'vitest';
import { recordPath, sessionPath } from '../../src/cli/paths.js';

describe('where files live', () => {
  it('the record: --record (relative to the working directory), else $DMP_RECORD, else the XDG data directory', () => {
    expect(recordPath('r.db', { DMP_RECORD: '/x/y.db' }, '/work')).toBe('/work/r.db');
    expect(recordPath(undefined, { DMP_RECORD: 'y.db' }, '/work')).toBe('/work/y.db');
    expect(recordPath(undefined, { XDG_DATA_HOME: '/data', HOME: '/home/m' }, '/work')).toBe('/data/dmp/record.db');
    expect(recordPath(undefined, { HOME: '/home/m' }, '/work')).toBe('/home/m/.local/share/dmp/record.db');
  });

  it('the session: one file per record, under $DMP_STATE_DIR, else the XDG state directory', () => {
    const a = sessionPath('/r/a.db', { DMP_STATE_DIR: '/state' });
    expect(a).toMatch(/^\/state\/session-[0-9a-f]{16}\.json$/);
    expect(sessionPath('/r/b.db', { DMP_STATE_DIR: '/state' })).not.toBe(a);
    expect(sessionPath('/r/a.db', { XDG_STATE_HOME: '/xs' })).toMatch(/^\/xs\/dmp\/session-/);
    expect(sessionPath('/r/a.db', { HOME: '/home/m' })).toMatch(/^\/home\/m\/\.local\/state\/dmp\/session-/);
  });
});
