/**
 * Dashboard aggregations, shared by both backends. They read the rollups
 * (rollup.ts): whole months from month cells, ragged ends from day cells
 * (periods.ts), so their cost depends on the number of outlets and labels,
 * not on the number of articles.
 */
import { categoryOf } from '../analyze/techniques/taxonomy.ts';
import { TECHNIQUES } from './derive.ts';
import { normalizeAggregate, lowerBound, upperBoundExclusive, type AggregateOptions, type NormalizedAggregate } from './query.ts';
import { ALL_SOURCES, LAYER_RAN } from './rollup.ts';
import { dayEndExclusive, splitPeriods } from './periods.ts';
import { int, iso, isoOrNull, str, type Row } from './rows.ts';
import { frag, joinFragments, marks, type Fragment, type Reader } from './sql.ts';
import type { ActorCount, ActorQuote, ArticleCount, Cluster, LabelCount, LabelShare, TechniqueRate } from './types.ts';

async function sourceIdsOf(reader: Reader, domains: string[] | null): Promise<number[] | null> {
  if (!domains) return null;
  const rows = await reader.all<Row>(`SELECT id FROM sources WHERE domain IN (${marks(domains.length)})`, domains);
  return rows.map((r) => int(r.id));
}

/** Every outlet's id: cells are read outlet by outlet (an index seek each), where a range over all of them would read every outlet's days. */
async function allSourceIds(reader: Reader): Promise<number[]> {
  return (await reader.all<Row>('SELECT id FROM sources ORDER BY id')).map((r) => int(r.id));
}

async function domainsOf(reader: Reader, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await reader.all<Row>(`SELECT id, domain FROM sources WHERE id IN (${marks(ids.length)})`, ids);
  return new Map(rows.map((r) => [int(r.id), String(r.domain)]));
}

/**
 * Which cells to read: the chosen outlets' (`sourceIds`, every outlet's when
 * grouping by outlet), else the all-outlets cell. The ids are listed, not
 * selected by a subquery or a range: each is then an index seek, on both
 * databases' planners.
 */
function scope(sourceIds: number[] | null): Fragment {
  if (sourceIds) return sourceIds.length ? frag(`source_id IN (${marks(sourceIds.length)})`, ...sourceIds) : frag('1 = 0');
  return frag('source_id = ?', ALL_SOURCES);
}

/** The outlets a query reads: those asked for, or all of them when grouping by outlet. */
async function outletsOf(reader: Reader, a: NormalizedAggregate): Promise<number[] | null> {
  const asked = await sourceIdsOf(reader, a.sources);
  return asked ?? (a.by === 'source' ? await allSourceIds(reader) : null);
}

function keyOf(by: NormalizedAggregate['by']): string {
  switch (by) {
    case 'source':
      return 'source_id';
    case 'day':
      return 'period';
    case 'month':
      return 'substr(period, 1, 7)';
    case 'total':
      return "'all'";
  }
}

function periodRange(from: string | null, to: string | null): Fragment[] {
  const out: Fragment[] = [];
  if (from !== null) out.push(frag('period >= ?', from));
  if (to !== null) out.push(frag('period <= ?', to));
  return out;
}

/** SELECT … FROM label_rollup for one layer, as UNION ALL branches over the cells that cover the range. */
function labelCells(layer: string, a: NormalizedAggregate, sourceIds: number[] | null, labels: string[] | null): Fragment {
  const key = keyOf(a.by);
  const common = [frag('layer = ?', layer), scope(sourceIds), ...(labels ? [frag(`label IN (${marks(labels.length)})`, ...labels)] : [])];
  const branch = (grain: 'd' | 'm', range: Fragment[]): Fragment => {
    const w = joinFragments([frag('grain = ?', grain), ...common, ...range], ' AND ');
    return { sql: `SELECT ${key} AS k, label, n, articles, words FROM label_rollup WHERE ${w.sql}`, params: w.params };
  };
  const branches: Fragment[] = [];
  if (a.by === 'day') {
    branches.push(branch('d', periodRange(a.fromDay, a.toDay)));
  } else {
    const parts = splitPeriods(a.fromDay, a.toDay);
    if (parts.months) branches.push(branch('m', periodRange(parts.months.from, parts.months.to)));
    for (const d of parts.days) branches.push(branch('d', periodRange(d.from, d.to)));
  }
  if (!branches.length) return frag('SELECT NULL AS k, NULL AS label, 0 AS n, 0 AS articles, 0 AS words WHERE 1 = 0');
  return joinFragments(branches, ' UNION ALL ');
}

async function sumCells(reader: Reader, cells: Fragment): Promise<Row[]> {
  return reader.all<Row>(
    `SELECT r.k AS k, r.label AS label, SUM(r.n) AS n, SUM(r.articles) AS articles, SUM(r.words) AS words FROM (${cells.sql}) r GROUP BY r.k, r.label`,
    cells.params,
  );
}

export async function labelCounts(reader: Reader, options: AggregateOptions & { layer: string }): Promise<LabelCount[]> {
  const { layer, ...rest } = options;
  const a = normalizeAggregate(rest, 'labelCounts');
  const sourceIds = await outletsOf(reader, a);
  const counts = await sumCells(reader, labelCells(layer, a, sourceIds, a.labels));
  const ran = await sumCells(reader, labelCells(LAYER_RAN, a, sourceIds, [layer]));
  const analysed = new Map(ran.map((r) => [String(r.k), r]));
  const domains = a.by === 'source' ? await domainsOf(reader, [...new Set([...counts, ...ran].map((r) => int(r.k)))]) : null;
  const keyName = (k: unknown): string => (domains ? (domains.get(int(k)) ?? String(k)) : String(k));
  return counts
    .filter((r) => int(r.articles) > 0)
    .map((r) => {
      const base = analysed.get(String(r.k));
      return {
        key: keyName(r.k),
        label: String(r.label),
        count: int(r.n),
        articles: int(r.articles),
        analysed: base ? int(base.articles) : 0,
        words: base ? int(base.words) : 0,
      };
    })
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : y.count - x.count || (x.label < y.label ? -1 : 1)));
}

/** Articles and words stored, by outlet, day, month or in all (volume next to the rates). */
export async function articleCounts(reader: Reader, options: AggregateOptions = {}): Promise<ArticleCount[]> {
  const a = normalizeAggregate(options, 'articleCounts');
  const sourceIds = await outletsOf(reader, a);
  const key = keyOf(a.by);
  const branch = (grain: 'd' | 'm', range: Fragment[]): Fragment => {
    const w = joinFragments([frag('grain = ?', grain), scope(sourceIds), ...range], ' AND ');
    return { sql: `SELECT ${key} AS k, articles, words FROM article_rollup WHERE ${w.sql}`, params: w.params };
  };
  const branches: Fragment[] = [];
  if (a.by === 'day') branches.push(branch('d', periodRange(a.fromDay, a.toDay)));
  else {
    const parts = splitPeriods(a.fromDay, a.toDay);
    if (parts.months) branches.push(branch('m', periodRange(parts.months.from, parts.months.to)));
    for (const d of parts.days) branches.push(branch('d', periodRange(d.from, d.to)));
  }
  if (!branches.length) return [];
  const cells = joinFragments(branches, ' UNION ALL ');
  const rows = await reader.all<Row>(`SELECT r.k AS k, SUM(r.articles) AS articles, SUM(r.words) AS words FROM (${cells.sql}) r GROUP BY r.k`, cells.params);
  const domains = a.by === 'source' ? await domainsOf(reader, rows.map((r) => int(r.k))) : null;
  return rows
    .filter((r) => int(r.articles) > 0)
    .map((r) => ({ key: domains ? (domains.get(int(r.k)) ?? String(r.k)) : String(r.k), articles: int(r.articles), words: int(r.words) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

export async function techniqueRates(reader: Reader, options: AggregateOptions & { level?: 'technique' | 'category' }): Promise<TechniqueRate[]> {
  const { level = 'technique', ...rest } = options;
  const counts = await labelCounts(reader, { ...rest, layer: TECHNIQUES });
  const groups = new Map<string, TechniqueRate>();
  for (const c of counts) {
    const technique = level === 'category' ? (categoryOf(c.label) ?? 'unknown') : c.label;
    const id = `${c.key}\u0000${technique}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key: c.key, technique, spans: 0, articles: 0, words: c.words, per1000Words: 0 }));
    g.spans += c.count;
    // the rollups do not say which articles share techniques, so a category's articles are its largest technique's: a lower bound
    g.articles = level === 'category' ? Math.max(g.articles, c.articles) : c.articles;
  }
  return [...groups.values()].map((g) => ({ ...g, per1000Words: g.words > 0 ? (g.spans * 1000) / g.words : 0 }));
}

export async function labelShares(reader: Reader, options: AggregateOptions & { layer: string }): Promise<LabelShare[]> {
  const counts = await labelCounts(reader, options);
  return counts.map((c) => ({ key: c.key, label: c.label, articles: c.articles, total: c.analysed, share: c.analysed > 0 ? c.articles / c.analysed : 0 }));
}

export async function topActors(reader: Reader, options: Omit<AggregateOptions, 'by' | 'labels'> & { type?: string; limit?: number } = {}): Promise<ActorCount[]> {
  const { type, limit = 20, ...rest } = options;
  const a = normalizeAggregate({ ...rest, by: 'total' }, 'topActors');
  const sourceIds = await sourceIdsOf(reader, a.sources);
  const parts = splitPeriods(a.fromDay, a.toDay);
  const branches: Fragment[] = [];
  const cellScope = sourceIds ? (sourceIds.length ? frag(`source_id IN (${marks(sourceIds.length)})`, ...sourceIds) : frag('1 = 0')) : frag('source_id = ?', ALL_SOURCES);
  if (parts.months) {
    const w = joinFragments([frag("grain = 'm'"), cellScope, ...periodRange(parts.months.from, parts.months.to)], ' AND ');
    branches.push({ sql: `SELECT actor_key, articles, mentions, quotes FROM actor_rollup WHERE ${w.sql}`, params: w.params });
  }
  for (const d of parts.days) {
    if (sourceIds) {
      // outlets have no day cells for actors: the few articles at the ends are read directly
      if (!sourceIds.length) continue;
      branches.push(
        frag(
          `SELECT m.actor_key, 1 AS articles, m.mentions, m.quotes FROM articles a JOIN actor_mentions m ON m.article_id = a.id
           WHERE a.source_id IN (${marks(sourceIds.length)}) AND a.dated_at >= ? AND a.dated_at < ?`,
          ...sourceIds,
          lowerBound(d.from),
          dayEndExclusive(d.to),
        ),
      );
    } else {
      const w = joinFragments([frag("grain = 'd'"), frag('source_id = ?', ALL_SOURCES), ...periodRange(d.from, d.to)], ' AND ');
      branches.push({ sql: `SELECT actor_key, articles, mentions, quotes FROM actor_rollup WHERE ${w.sql}`, params: w.params });
    }
  }
  if (!branches.length) return [];
  const cells = joinFragments(branches, ' UNION ALL ');
  const typeFilter = type ? frag(' WHERE ac.type = ?', type.toUpperCase()) : frag('');
  const rows = await reader.all<Row>(
    `SELECT ac.key, ac.name, ac.type, t.articles, t.mentions, t.quotes
     FROM (SELECT r.actor_key, SUM(r.articles) AS articles, SUM(r.mentions) AS mentions, SUM(r.quotes) AS quotes FROM (${cells.sql}) r GROUP BY r.actor_key) t
     JOIN actors ac ON ac.key = t.actor_key${typeFilter.sql}
     ORDER BY t.articles DESC, t.mentions DESC, ac.key LIMIT ?`,
    [...cells.params, ...typeFilter.params, limit],
  );
  return rows
    .map((r) => ({ key: String(r.key), name: String(r.name), type: String(r.type), articles: int(r.articles), mentions: int(r.mentions), quotes: int(r.quotes) }))
    .filter((r) => r.articles > 0);
}

export async function actorQuotes(reader: Reader, actorKey: string, options: { from?: string; to?: string; limit?: number; offset?: number } = {}): Promise<ActorQuote[]> {
  const range: Fragment[] = [];
  if (options.from) range.push(frag('q.dated_at >= ?', lowerBound(options.from)));
  if (options.to) range.push(frag('q.dated_at < ?', upperBoundExclusive(options.to)));
  const w = joinFragments([frag('q.actor_key = ?', actorKey), ...range], ' AND ');
  const rows = await reader.all<Row>(
    `SELECT q.id, q.article_id, a.title, a.url, a.canonical_url, s.domain, a.published_at, a.dated_at, q.text, q.type, q.start, q."end", q.speaker
     FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = a.source_id
     WHERE ${w.sql} ORDER BY q.dated_at DESC, q.id DESC LIMIT ? OFFSET ?`,
    [...w.params, options.limit ?? 50, options.offset ?? 0],
  );
  const articleIds = [...new Set(rows.map((r) => int(r.article_id)))];
  const spans = articleIds.length
    ? await reader.all<Row>(
        `SELECT article_id, label, category, start, "end", score FROM spans WHERE layer = ? AND article_id IN (${marks(articleIds.length)}) ORDER BY article_id, start`,
        [TECHNIQUES, ...articleIds],
      )
    : [];
  return rows.map((r) => {
    const start = int(r.start);
    const end = int(r.end);
    const articleId = int(r.article_id);
    return {
      id: int(r.id),
      articleId,
      title: str(r.title),
      url: str(r.canonical_url) ?? str(r.url),
      source: str(r.domain),
      publishedAt: isoOrNull(r.published_at),
      datedAt: iso(r.dated_at),
      text: String(r.text),
      type: String(r.type),
      start,
      end,
      speaker: str(r.speaker),
      techniques: spans
        .filter((s) => int(s.article_id) === articleId && int(s.start) < end && int(s.end) > start)
        .map((s) => ({ technique: String(s.label), category: str(s.category), start: int(s.start), end: int(s.end), score: s.score === null ? null : Number(s.score) })),
    };
  });
}

export async function clusters(reader: Reader, options: { from?: string; to?: string; minSize?: number; limit?: number } = {}): Promise<Cluster[]> {
  const range = (): Fragment => {
    const parts = [frag('a.cluster_id IS NOT NULL')];
    if (options.from) parts.push(frag('a.dated_at >= ?', lowerBound(options.from)));
    if (options.to) parts.push(frag('a.dated_at < ?', upperBoundExclusive(options.to)));
    return joinFragments(parts, ' AND ');
  };
  const w = range();
  const groups = await reader.all<Row>(
    `SELECT a.cluster_id, count(*) AS articles, count(DISTINCT a.source_id) AS outlets, min(a.dated_at) AS first_at, max(a.dated_at) AS last_at
     FROM articles a WHERE ${w.sql} GROUP BY a.cluster_id HAVING count(*) >= ? ORDER BY articles DESC, last_at DESC, a.cluster_id LIMIT ?`,
    [...w.params, options.minSize ?? 2, options.limit ?? 20],
  );
  if (!groups.length) return [];
  const ids = groups.map((g) => String(g.cluster_id));
  const members = await reader.all<Row>(
    `SELECT a.id, a.cluster_id, a.title, s.domain, a.dated_at FROM articles a LEFT JOIN sources s ON s.id = a.source_id
     WHERE ${w.sql} AND a.cluster_id IN (${marks(ids.length)}) ORDER BY a.dated_at, a.id`,
    [...w.params, ...ids],
  );
  return groups.map((g) => ({
    clusterId: String(g.cluster_id),
    articles: int(g.articles),
    outlets: int(g.outlets),
    first: iso(g.first_at),
    last: iso(g.last_at),
    items: members
      .filter((m) => String(m.cluster_id) === String(g.cluster_id))
      .slice(0, 100)
      .map((m) => ({ id: int(m.id), title: str(m.title), source: str(m.domain), datedAt: iso(m.dated_at) })),
  }));
}
