import { usageError } from '../errors.js';
import { fold } from '../util/fold.js';

/**
 * Turns what a person types into a safe FTS5 MATCH expression. Understood: words (all must
 * match), "exact phrase", prefix*, OR between terms, -word to exclude. Everything else is
 * literal: each term becomes a quoted FTS5 string (inner quotes doubled), so `covid-19`,
 * `NEAR(`, `AND` or `l'évolution` are looked up as the words they contain, never parsed as
 * FTS5 syntax.
 */

export interface Term {
  text: string;
  phrase: boolean;
  prefix: boolean;
  exclude: boolean;
}

/** A term is searchable only if the tokenizer would find a word in it (a letter or digit). */
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Splits the query into terms and the OR markers between them. */
export function lex(query: string): (Term | 'OR')[] {
  const out: (Term | 'OR')[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const exclude = ch === '-' && i + 1 < query.length && !/\s/u.test(query[i + 1]!);
    const start = exclude ? i + 1 : i;
    if (query[start] === '"') {
      // A phrase runs to the closing quote; an unclosed one runs to the end.
      const close = query.indexOf('"', start + 1);
      const end = close === -1 ? query.length : close;
      const prefix = close !== -1 && query[close + 1] === '*';
      out.push({ text: query.slice(start + 1, end), phrase: true, prefix, exclude });
      i = close === -1 ? query.length : close + (prefix ? 2 : 1);
      continue;
    }
    let end = start;
    while (end < query.length && !/\s/u.test(query[end]!)) end++;
    const word = query.slice(start, end);
    i = end;
    if (word === 'OR' && !exclude) {
      out.push('OR');
      continue;
    }
    const prefix = word.length > 1 && word.endsWith('*');
    out.push({ text: prefix ? word.slice(0, -1) : word, phrase: false, prefix, exclude });
  }
  return out;
}

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * The words of `text` as the index stores them (unicode61, remove_diacritics 2): lower case,
 * accents removed, split on anything that is not a letter or digit.
 */
export function indexTokens(text: string): string[] {
  const folded = fold(text);
  return folded ? folded.split(' ') : [];
}

/** The indexed words that start with a prefix, or null to leave the prefix to FTS5. */
export type PrefixExpander = (prefix: string) => string[] | null;

function termExpression(term: Term, expand?: PrefixExpander): string {
  if (!term.prefix) return quote(term.text);
  const tokens = indexTokens(term.text);
  const words = expand && tokens.length > 0 ? expand(tokens[tokens.length - 1]!) : null;
  if (!words || words.length === 0) return `${quote(term.text)} *`;
  const phrases = words.map((w) => quote([...tokens.slice(0, -1), w].join(' ')));
  return phrases.length === 1 ? phrases[0]! : `(${phrases.join(' OR ')})`;
}

/**
 * The FTS5 expression for `query`, or a usage error when nothing in it can be looked for
 * (only punctuation, or only excluded words). `expand` may replace a prefix by the indexed
 * words it stands for: FTS5 merges a prefix's postings again for every row it is asked about,
 * which made each snippet of a prefix search cost milliseconds.
 */
export function toFtsQuery(query: string, expand?: PrefixExpander): string {
  const tokens = lex(query).filter((t) => t === 'OR' || HAS_WORD.test(t.text));
  const include: string[][] = [[]];
  const exclude: string[] = [];
  let pendingOr = false;
  for (const token of tokens) {
    if (token === 'OR') {
      pendingOr = include[include.length - 1]!.length > 0;
      continue;
    }
    if (token.exclude) {
      exclude.push(termExpression(token, expand));
      continue;
    }
    if (pendingOr) include.push([]);
    pendingOr = false;
    include[include.length - 1]!.push(termExpression(token, expand));
  }
  const groups = include.filter((g) => g.length > 0);
  if (groups.length === 0) {
    throw usageError(
      exclude.length > 0 ? `The search "${query}" only excludes words; it needs at least one word to look for.` : `The search "${query}" has no word to look for.`,
      'Search for words ("synthese"), an "exact phrase", a prefix (radio*), A OR B, and -word to exclude.',
    );
  }
  const positive = groups.map((g) => (g.length === 1 ? g[0]! : `(${g.join(' AND ')})`)).join(' OR ');
  if (exclude.length === 0) return positive;
  return `(${positive}) NOT (${exclude.join(' OR ')})`;
}
