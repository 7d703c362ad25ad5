/**
 * The query syntax users type (the web-search one PostgreSQL's
 * websearch_to_tsquery also reads): words are all required, "exact phrases",
 * `OR` between items, `-word` excludes, `word*` matches a prefix. Parsed
 * once here into a tree both backends compile to their own full-text
 * syntax, so a query means the same on SQLite and PostgreSQL. AND binds
 * tighter than OR: `a b OR c` is `(a AND b) OR c`.
 */
import { InputError } from '../ingest/decode-text.ts';

export interface Term {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

export interface WebSearch {
  /** Alternatives, each a list of terms that must all occur. */
  any: Term[][];
  /** Terms that must not occur. */
  none: Term[];
}

export function parseWebSearch(q: string): WebSearch {
  const any: Term[][] = [[]];
  const none: Term[] = [];
  let i = 0;
  while (i < q.length) {
    while (i < q.length && /\s/.test(q[i]!)) i++;
    if (i >= q.length) break;
    let negated = false;
    if (q[i] === '-' && i + 1 < q.length && !/\s/.test(q[i + 1]!)) {
      negated = true;
      i++;
    }
    let text: string;
    let phrase = false;
    if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      text = q.slice(i + 1, close < 0 ? q.length : close).trim();
      i = close < 0 ? q.length : close + 1;
      phrase = /\s/.test(text);
    } else {
      const from = i;
      while (i < q.length && !/\s/.test(q[i]!)) i++;
      text = q.slice(from, i);
    }
    if (!negated && !phrase && text === 'OR') {
      if (any.at(-1)!.length) any.push([]);
      continue;
    }
    const prefix = !phrase && text.endsWith('*');
    if (prefix) text = text.replace(/\*+$/, '');
    // an item with no letters or digits matches nothing and is a syntax error in FTS5
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    (negated ? none : any.at(-1)!).push({ text, phrase, prefix });
  }
  const groups = any.filter((g) => g.length);
  if (!groups.length) throw new InputError(`search: the query '${q}' has no words to look for`);
  return { any: groups, none };
}
