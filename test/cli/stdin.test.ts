import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loggedInRecord, newRecord, PASSWORD } from '../helpers/cli.js';

const lines = (s: string) => s.trimEnd().split('\n');

/** Standard input that never ends (`cat /dev/zero`), counting what was read from it. */
function endless(chunk: Buffer): Readable & { served: number } {
  const s = new Readable({
    read() {
      s.served += chunk.length;
      this.push(chunk);
    },
  }) as Readable & { served: number };
  s.served = 0;
  return s;
}

describe('standard input is read only as far as needed', () => {
  it('docs add --stdin stops at --max-size + 1 byte of an endless input', async () => {
    const rec = await loggedInRecord();
    const zero = endless(Buffer.alloc(64 * 1024));
    const r = await rec.run(['docs', 'add', '--type', 'synthese', '--stdin', '--max-size', '1MiB'], { stdin: zero });
    expect(r.code).toBe(5);
    expect(lines(r.stderr)).toEqual(['dmp: Standard input is over the 1.0 MiB limit (reading stopped there).', '  Raise the limit with --max-size (for example --max-size 200MiB).']);
    expect(zero.served).toBeLessThan(2 * 1024 * 1024);
    expect((await rec.run(['docs', 'list', '--json'])).json()).toEqual([]);
  });

  it('input of exactly --max-size is accepted', async () => {
    const rec = await loggedInRecord();
    const r = await rec.run(['docs', 'add', '--type', 'synthese', '--stdin', '--max-size', '1k', '--json'], { stdin: 'y'.repeat(1024) });
    expect(r.code).toBe(0);
    expect(r.json().size).toBe(1024);
  });

  it('a password is one line of at most 1 KiB: an endless one is refused without reading it all', async () => {
    const rec = newRecord();
    const zero = endless(Buffer.alloc(64 * 1024, 'a'));
    const r = await rec.run(['init', '--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F'], { stdin: zero });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)[0]).toBe('dmp: --password-stdin: a line of standard input is over 1024 bytes; a password is one line.');
    expect(zero.served).toBeLessThan(256 * 1024);
    const ok = await rec.run(['init', '--username', 'marie', '--password-stdin', '--given-name', 'Marie', '--family-name', 'DUPONT', '--birth-date', '1980-01-15', '--sex', 'F'], { stdin: `${PASSWORD}\r\nignored\n` });
    expect(ok.code).toBe(0);
  });
});
