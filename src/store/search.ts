/**
 * Search, shared by both backends: the filters, paging, facets and result
 * shape are the same SQL everywhere; only full-text matching, ranking and
 * snippets differ (FTS5 vs tsvector), behind `TextSearch`.
 */
import { TECHNIQUES } from './derive.ts';
import { encodeCursor, normalizeSearch, type LabelFilter, type NormalizedSearch, type SearchQuery } from './query.ts';
import { int, isoOrNull, iso, json, str, type Row } from './rows.ts';
import { leadSnippet } from './snippet.ts';
import { frag, joinFragments, marks, type Fragment, type Reader } from './sql.ts';
import type { FacetCount, Highlighted, SearchItem, SearchResult } from './types.ts';

export interface TextSearch {
  /** The FROM clause: articles as `a`, joined with the full-text index when there is a query. */
  from(q: string | null): string;
  /**
   * The condition that an article matches `search.q` (which is set). A
   * backend may fold other filters of the search into it where its index
   * can apply them faster; the shared filters still apply on top.
   */
  match(search: NormalizedSearch): Fragment;
  /** Smaller is better. */
  rank(search: NormalizedSearch): Fragment;
  /** Snippets of the given articles with the terms of `search.q` marked. */
  snippets(ids: number[], search: NormalizedSearch): Promise<Map<number, Highlighted>>;
}

function labelFilter(f: LabelFilter): Fragment {
  const values = f.values ?? [];
  const test = (table: 'spans' | 'doc_labels', column: string): Fragment =>
    frag(
      `EXISTS (SELECT 1 FROM ${table} x WHERE x.article_id = a.id AND x.layer = ?${values.length ? ` AND x.${column} IN (${marks(values.length)})` : ''})`,
      f.layer,
      ...values,
    );
  if (f.table !== 'any') return test(f.table, f.column);
  const either = joinFragments([test('spans', f.column), test('doc_labels', f.column)], ' OR ');
  return { sql: `(${either.sql})`, params: either.params };
}

/** Conditions on `a` every result meets (the page position aside). */
export function filters(n: NormalizedSearch): Fragment[] {
  const out: Fragment[] = [];
  // ids, not a subquery: the planner then combines the outlet index with the others (PostgreSQL's BitmapAnd)
  if (n.sourceIds) out.push(n.sourceIds.length ? frag(`a.source_id IN (${marks(n.sourceIds.length)})`, ...n.sourceIds) : frag('1 = 0'));
  if (n.languages) out.push(frag(`a.language IN (${marks(n.languages.length)})`, ...n.languages));
  if (n.from) out.push(frag('a.dated_at >= ?', n.from));
  if (n.toExclusive) out.push(frag('a.dated_at < ?', n.toExclusive));
  for (const f of n.labels) out.push(labelFilter(f));
  if (n.actors) out.push(frag(`EXISTS (SELECT 1 FROM actor_mentions m WHERE m.article_id = a.id AND m.actor_key IN (${marks(n.actors.length)}))`, ...n.actors));
  return out;
}

function where(parts: readonly Fragment[]): Fragment {
  if (!parts.length) return frag('');
  const joined = joinFragments(parts, ' AND ');
  return { sql: ` WHERE ${joined.sql}`, params: joined.params };
}

async function facet(reader: Reader, sql: string, params: unknown[]): Promise<FacetCount[]> {
  const rows = await reader.all<Row>(sql, params);
  return rows.map((r) => ({ value: String(r.value), count: int(r.count) }));
}

export async function search(reader: Reader, text: TextSearch, query: SearchQuery): Promise<SearchResult> {
  const n = normalizeSearch(query);
  if (n.sources) n.sourceIds = (await reader.all<Row>(`SELECT id FROM sources WHERE domain IN (${marks(n.sources.length)})`, n.sources)).map((r) => int(r.id));
  const from = text.from(n.q);
  const base = [...(n.q ? [text.match(n)] : []), ...filters(n)];
  const all = where(base);
  const page = n.after ? where([...base, frag('(a.dated_at < ? OR (a.dated_at = ? AND a.id < ?))', n.after.datedAt, n.after.datedAt, n.after.id)]) : all;

  const rank = n.sort === 'relevance' ? text.rank(n) : null;
  const matches = { sql: `SELECT a.id, a.dated_at${rank ? `, ${rank.sql} AS rank` : ''} FROM ${from}${page.sql}`, params: [...(rank?.params ?? []), ...page.params] };
  const order = rank ? 'm.rank, m.id' : 'm.dated_at DESC, m.id DESC';
  // with a query, the total rides along with the page: one pass over the matches instead of two (unless a cursor
  // cuts the matches short). Without one, counting an index and reading the first rows in date order is cheaper.
  // One row more than asked tells whether there is a next page.
  const counted = n.q !== null && n.after === null;
  const hits = await reader.all<Row>(
    `SELECT m.id, m.dated_at${counted ? ', count(*) OVER () AS total' : ''} FROM (${matches.sql}) m ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...matches.params, n.limit + 1, n.offset],
  );
  const total = counted && hits.length ? int(hits[0]!.total) : int((await reader.all<Row>(`SELECT count(*) AS total FROM ${from}${all.sql}`, all.params))[0]!.total);
  const more = hits.length > n.limit;
  const ids = hits.slice(0, n.limit).map((h) => int(h.id));

  const items = await details(reader, text, n, ids);
  const last = items.at(-1);
  const result: SearchResult = {
    total,
    items,
    nextCursor: more && last ? encodeCursor(n, { datedAt: last.datedAt, id: last.id }) : null,
  };
  if (n.facets) {
    const withLanguage = where([...base, frag('a.language IS NOT NULL')]);
    result.facets = {
      source: await facet(reader, `SELECT s.domain AS value, count(*) AS count FROM ${from} JOIN sources s ON s.id = a.source_id${all.sql} GROUP BY s.domain ORDER BY count DESC, value LIMIT 20`, all.params),
      language: await facet(reader, `SELECT a.language AS value, count(*) AS count FROM ${from}${withLanguage.sql} GROUP BY a.language ORDER BY count DESC, value`, withLanguage.params),
      technique: await facet(
        reader,
        `SELECT t.label AS value, count(DISTINCT t.article_id) AS count FROM spans t WHERE t.layer = '${TECHNIQUES}' AND t.article_id IN (SELECT a.id FROM ${from}${all.sql}) GROUP BY t.label ORDER BY count DESC, value`,
        all.params,
      ),
    };
  }
  return result;
}

/** The matched snippet, or the article's start when the match was in the title only. */
function pick(snippet: Highlighted | undefined, lead: string): Highlighted {
  return snippet && snippet.text.trim() ? snippet : leadSnippet(lead);
}

async function details(reader: Reader, text: TextSearch, n: NormalizedSearch, ids: number[]): Promise<SearchItem[]> {
  if (!ids.length) return [];
  const rows = await reader.all<Row>(
    `SELECT a.id, a.title, a.url, a.canonical_url, s.domain, a.published_at, a.dated_at, a.language, an.counts, substr(t.text, 1, 400) AS lead
     FROM articles a JOIN article_texts t ON t.id = a.id LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN analyses an ON an.id = a.latest_analysis_id
     WHERE a.id IN (${marks(ids.length)})`,
    ids,
  );
  const byId = new Map(rows.map((r) => [int(r.id), r]));
  const snippets = n.q ? await text.snippets(ids, n) : null;
  return ids.map((id) => {
    const r = byId.get(id)!;
    return {
      id,
      title: str(r.title),
      url: str(r.canonical_url) ?? str(r.url),
      source: str(r.domain),
      publishedAt: isoOrNull(r.published_at),
      datedAt: iso(r.dated_at),
      language: str(r.language),
      snippet: pick(snippets?.get(id), String(r.lead ?? '')),
      counts: json<Record<string, number>>(r.counts, {}),
    };
  });
}
