import { describe, expect, it } from 'vitest';
import { openMemoryRecord } from '../../src/store/database.js';
import { DmpError } from '../../src/errors.js';
import { lex, toFtsQuery } from '../../src/documents/query.js';

describe('toFtsQuery', () => {
  it('quotes every word and requires them all', () => {
    expect(toFtsQuery('synthese medicale')).toBe('("synthese" AND "medicale")');
    expect(toFtsQuery('synthese')).toBe('"synthese"');
  });

  it('keeps an exact phrase together', () => {
    expect(toFtsQuery('"compte rendu" thorax')).toBe('("compte rendu" AND "thorax")');
  });

  it('turns word* into a prefix query', () => {
    expect(toFtsQuery('radio*')).toBe('"radio" *');
    expect(toFtsQuery('"compte ren"*')).toBe('"compte ren" *');
  });

  it('understands OR between terms, AND binding tighter', () => {
    expect(toFtsQuery('thorax OR poumon')).toBe('"thorax" OR "poumon"');
    expect(toFtsQuery('a b OR c')).toBe('("a" AND "b") OR "c"');
  });

  it('excludes -word', () => {
    expect(toFtsQuery('radio -genou')).toBe('("radio") NOT ("genou")');
    expect(toFtsQuery('radio -genou -"main droite"')).toBe('("radio") NOT ("genou" OR "main droite")');
  });

  it('takes FTS5 syntax and punctuation literally', () => {
    expect(toFtsQuery('covid-19')).toBe('"covid-19"');
    expect(toFtsQuery('AND')).toBe('"AND"');
    expect(toFtsQuery('NEAR(')).toBe('"NEAR("');
    expect(toFtsQuery("l'évolution")).toBe('"l\'évolution"');
    expect(toFtsQuery('title:x')).toBe('"title:x"');
    expect(toFtsQuery('a"b')).toBe('"a""b"');
    expect(toFtsQuery('or')).toBe('"or"');
  });

  it('drops bare punctuation and dangling OR', () => {
    expect(toFtsQuery('thorax * ( -')).toBe('"thorax"');
    expect(toFtsQuery('OR thorax OR')).toBe('"thorax"');
  });

  it('treats an unclosed quote as a phrase to the end', () => {
    expect(toFtsQuery('"compte rendu')).toBe('"compte rendu"');
  });

  it('gives a usage error when nothing can be looked for', () => {
    for (const q of ['"', '*', '-', '( )', '', '   ', 'OR', '-genou', '"" *']) {
      let err: unknown;
      try {
        toFtsQuery(q);
      } catch (e) {
        err = e;
      }
      expect(err, q).toBeInstanceOf(DmpError);
      expect((err as DmpError).kind).toBe('usage');
    }
    expect(() => toFtsQuery('-genou')).toThrow(/only excludes words/);
    expect(() => toFtsQuery('"')).toThrow(/has no word to look for/);
  });
});

describe('lex', () => {
  it('marks phrases, prefixes and exclusions', () => {
    expect(lex('-"a b"* c OR d*')).toEqual([
      { text: 'a b', phrase: true, prefix: true, exclude: true },
      { text: 'c', phrase: false, prefix: false, exclude: false },
      'OR',
      { text: 'd', phrase: false, prefix: true, exclude: false },
    ]);
  });
});

describe('every translated query is valid FTS5', () => {
  const db = openMemoryRecord();
  db.exec("CREATE VIRTUAL TABLE t USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2')");
  db.prepare('INSERT INTO t VALUES (?, ?)').run('Synthèse', "covid-19 : l'évolution est favorable AND NEAR the end");
  const nasty = [
    'covid-19', '"', '""', '"""', '*', '**', 'a*b', 'NEAR(', 'NEAR(a b)', 'AND', 'OR', 'NOT', 'a AND', 'AND a', 'a NOT b',
    "l'évolution", '(', ')', '(a', 'a)', '{a b}: c', 'title:synthese', '^synthese', '+a', '-', '--a', '- a', 'a -', 'a OR OR b',
    '"a" "b', 'a"b"c', '\\', "'", ';DROP TABLE t;--', 'é*', '🙂', '日本語', '"covid-19"*', 'syn* OR "l\'évo"* -zzz',
  ];
  for (const q of nasty) {
    it(`never raises an SQLite error: ${q}`, () => {
      let match: string;
      try {
        match = toFtsQuery(q);
      } catch (e) {
        expect(e).toBeInstanceOf(DmpError);
        return;
      }
      expect(() => db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(match)).not.toThrow();
    });
  }

  it('finds what a person means', () => {
    const hits = (q: string) => db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?').get(toFtsQuery(q)) as { n: number };
    expect(hits('synthese').n).toBe(1);
    expect(hits('covid-19').n).toBe(1);
    expect(hits("l'evolution").n).toBe(1);
    expect(hits('AND').n).toBe(1);
    expect(hits('NEAR(').n).toBe(1);
    expect(hits('"est favorable"').n).toBe(1);
    expect(hits('"favorable est"').n).toBe(0);
    expect(hits('evol*').n).toBe(1);
    expect(hits('synthese -covid').n).toBe(0);
    expect(hits('zzz OR synthese').n).toBe(1);
    expect(hits('zzz synthese').n).toBe(0);
  });
});

describe('prefix expansion', () => {
  const vocab = ['radio', 'radiographie', 'radiologie', 'rendu'];
  const expand = (p: string) => vocab.filter((w) => w.startsWith(p));

  it('replaces a prefix by the indexed words it stands for', () => {
    expect(toFtsQuery('radiol*', expand)).toBe('"radiologie"');
    expect(toFtsQuery('radio*', expand)).toBe('("radio" OR "radiographie" OR "radiologie")');
    expect(toFtsQuery('"compte ren"*', expand)).toBe('"compte rendu"');
    expect(toFtsQuery('thorax -radiog*', expand)).toBe('("thorax") NOT ("radiographie")');
  });

  it('folds case and accents the way the index does', () => {
    const seen: string[] = [];
    toFtsQuery('RÉND*', (p) => (seen.push(p), []));
    expect(seen).toEqual(['rend']);
  });

  it('leaves the prefix to FTS5 when the expander declines or finds nothing', () => {
    expect(toFtsQuery('zzz*', expand)).toBe('"zzz" *');
    expect(toFtsQuery('radio*', () => null)).toBe('"radio" *');
  });
});
