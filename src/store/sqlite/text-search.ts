/**
 * Full-text matching for SQLite: FTS5 over title and text with BM25
 * ranking (title weighs 4×) and FTS5 snippets. Outlet, language and month
 * filters are folded into the MATCH as tokens of the `facets` column, so
 * FTS5 intersects them with the words (sorted lists, merged) instead of the
 * store checking every matching article's row.
 */
import { MARK_END, MARK_START, parseMarked } from '../snippet.ts';
import { frag, marks } from '../sql.ts';
import type { NormalizedSearch } from '../query.ts';
import type { TextSearch } from '../search.ts';
import type { Highlighted } from '../types.ts';
import { parseWebSearch } from '../websearch.ts';
import type { Statements } from './connection.ts';
import { ftsQuery } from './fts-query.ts';

/** Month tokens are worth folding in only for ranges of a few years at most. */
const MAX_MONTHS = 36;

function words(n: NormalizedSearch): string {
  return `{title text} : (${ftsQuery(parseWebSearch(n.q!))})`;
}

function anyOf(tokens: string[]): string {
  return `facets : (${tokens.map((t) => `"${t}"`).join(' OR ')})`;
}

function months(from: string, toExclusive: string): string[] | null {
  const out: string[] = [];
  const d = new Date(`${from.slice(0, 7)}-01T00:00:00.000Z`);
  const last = new Date(Date.parse(toExclusive) - 1).toISOString().slice(0, 7);
  for (;;) {
    const m = d.toISOString().slice(0, 7);
    if (m > last) return out;
    if (out.length >= MAX_MONTHS) return null;
    out.push(`mon${m.replace('-', '')}`);
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
}

export function sqliteTextSearch(stmt: Statements): TextSearch {
  const matchExpression = (n: NormalizedSearch): string => {
    const parts = [words(n)];
    // no known outlet: the shared filter finds nothing anyway
    if (n.sourceIds?.length) parts.push(anyOf(n.sourceIds.map((id) => `src${id}`)));
    if (n.languages) parts.push(anyOf(n.languages.map((l) => `lang${l.toLowerCase()}0`)));
    if (n.from && n.toExclusive) {
      const list = months(n.from, n.toExclusive);
      if (list?.length) parts.push(anyOf(list));
    }
    return parts.map((p) => `(${p})`).join(' AND ');
  };
  return {
    // CROSS JOIN keeps the index outer: with outlet, language and month folded into the MATCH it yields
    // few rows, while the planner, left alone, may walk an outlet's articles and probe the index for each
    from: (q) => (q ? 'articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid' : 'articles a'),
    match: (n) => frag('articles_fts MATCH ?', matchExpression(n)),
    rank: () => frag('bm25(articles_fts, 4.0, 1.0, 0.0)'),
    snippets: async (ids, n) => {
      const rows = stmt
        .get(`SELECT rowid AS id, snippet(articles_fts, 1, '${MARK_START}', '${MARK_END}', '…', 32) AS s FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN (${marks(ids.length)})`)
        .all(words(n), ...ids) as { id: number; s: string | null }[];
      return new Map<number, Highlighted>(rows.map((r) => [r.id, parseMarked(r.s ?? '')]));
    },
  };
}
