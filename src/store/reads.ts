/** Lookups and paged iteration, the same SQL for both backends. */
import {
  ANALYSIS_SUMMARY_COLUMNS,
  ARTICLE_COLUMNS,
  analysisSummaryOf,
  annotationOf,
  articleOf,
  feedOf,
  int,
  sourceOf,
  storedAnalysisOf,
  type Row,
} from './rows.ts';
import { frag, joinFragments, marks, type Fragment, type Reader } from './sql.ts';
import type {
  AnalysisSummary,
  Annotation,
  AnnotationFilter,
  ArticleWithAnalyses,
  Feed,
  IterateOptions,
  Source,
  StoredAnalysis,
  StoredArticle,
} from './types.ts';

/** The tables `stats()` counts. */
export const STATS_TABLES = [
  'sources',
  'feeds',
  'articles',
  'analyses',
  'spans',
  'doc_labels',
  'quotes',
  'actors',
  'actor_mentions',
  'annotations',
  'article_rollup',
  'label_rollup',
  'actor_rollup',
] as const;

const ARTICLES_FROM = 'articles a JOIN article_texts t ON t.id = a.id LEFT JOIN sources s ON s.id = a.source_id';
const ANALYSIS_FROM = 'analyses an JOIN articles a ON a.id = an.article_id JOIN article_texts t ON t.id = a.id';
const ANALYSIS_COLUMNS = `${ANALYSIS_SUMMARY_COLUMNS}, an.doc, coalesce(an.text, t.text) AS full_text`;

export async function getArticle(reader: Reader, id: number): Promise<StoredArticle | undefined> {
  const [row] = await reader.all<Row>(`SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLES_FROM} WHERE a.id = ?`, [id]);
  return row ? articleOf(row) : undefined;
}

export async function findArticle(reader: Reader, key: { url?: string; contentHash?: string; externalId?: string }): Promise<StoredArticle | undefined> {
  const tries: Fragment[] = [];
  if (key.url) tries.push(frag('a.canonical_url = ?', key.url), frag('a.url = ?', key.url));
  if (key.externalId) tries.push(frag('a.external_id = ?', key.externalId));
  if (key.contentHash) tries.push(frag('a.content_hash = ?', key.contentHash));
  // one indexed lookup at a time, in order of how exactly each names an article
  for (const t of tries) {
    const [row] = await reader.all<Row>(`SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLES_FROM} WHERE ${t.sql} ORDER BY a.id LIMIT 1`, t.params);
    if (row) return articleOf(row);
  }
  return undefined;
}

export async function pendingAnalysis(reader: Reader, options: { limit?: number; afterId?: number } = {}): Promise<number[]> {
  const rows = await reader.all<Row>('SELECT id FROM articles WHERE needs_analysis = 1 AND id > ? ORDER BY id LIMIT ?', [options.afterId ?? 0, options.limit ?? 100]);
  return rows.map((r) => int(r.id));
}

export async function getAnalysis(reader: Reader, id: number): Promise<StoredAnalysis | undefined> {
  const [row] = await reader.all<Row>(`SELECT ${ANALYSIS_COLUMNS} FROM ${ANALYSIS_FROM} WHERE an.id = ?`, [id]);
  return row ? storedAnalysisOf(row) : undefined;
}

export async function latestAnalysis(reader: Reader, articleId: number): Promise<StoredAnalysis | undefined> {
  const [row] = await reader.all<Row>(`SELECT ${ANALYSIS_COLUMNS} FROM ${ANALYSIS_FROM} WHERE an.id = a.latest_analysis_id AND a.id = ?`, [articleId]);
  return row ? storedAnalysisOf(row) : undefined;
}

export async function analysisHistory(reader: Reader, articleId: number): Promise<AnalysisSummary[]> {
  const rows = await reader.all<Row>(`SELECT ${ANALYSIS_SUMMARY_COLUMNS} FROM analyses an WHERE an.article_id = ? ORDER BY an.id DESC`, [articleId]);
  return rows.map(analysisSummaryOf);
}

export async function listSources(reader: Reader): Promise<Source[]> {
  return (await reader.all<Row>('SELECT * FROM sources ORDER BY domain')).map(sourceOf);
}

export async function listFeeds(reader: Reader, options: { dueAt?: string; includePaused?: boolean } = {}): Promise<Feed[]> {
  const rows = await reader.all<Row>('SELECT f.*, s.domain AS source_domain FROM feeds f LEFT JOIN sources s ON s.id = f.source_id ORDER BY f.id');
  const feeds = rows.map(feedOf).filter((f) => options.includePaused || !f.paused);
  if (!options.dueAt) return feeds;
  const due = Date.parse(options.dueAt);
  // a handful of feeds per outlet: filtering here keeps interval arithmetic out of two SQL dialects
  return feeds.filter((f) => f.lastPolledAt === null || Date.parse(f.lastPolledAt) + f.pollIntervalS * 1000 <= due);
}

export async function listAnnotations(reader: Reader, filter: AnnotationFilter = {}): Promise<Annotation[]> {
  const conditions: Fragment[] = [frag('1 = 1')];
  if (filter.articleId !== undefined) conditions.push(frag('article_id = ?', filter.articleId));
  if (filter.layer !== undefined) conditions.push(frag('layer = ?', filter.layer));
  if (filter.source !== undefined) conditions.push(frag('source = ?', filter.source));
  const w = joinFragments(conditions, ' AND ');
  const rows = await reader.all<Row>(`SELECT * FROM annotations WHERE ${w.sql} ORDER BY article_id, start, id`, w.params);
  return rows.map(annotationOf);
}

export async function* iterateArticles(reader: Reader, options: IterateOptions = {}): AsyncIterable<StoredArticle> {
  const size = options.batchSize ?? 500;
  let after = options.afterId ?? 0;
  for (;;) {
    // keyset pages, not a cursor held open: writes can go on between pages and memory stays flat
    const rows = await reader.all<Row>(`SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLES_FROM} WHERE a.id > ? ORDER BY a.id LIMIT ?`, [after, size]);
    for (const r of rows) yield articleOf(r);
    if (rows.length < size) return;
    after = int(rows.at(-1)!.id);
  }
}

export async function* iterateAnalyses(reader: Reader, options: IterateOptions & { history?: 'latest' | 'all' } = {}): AsyncIterable<ArticleWithAnalyses> {
  const size = options.batchSize ?? 200;
  let after = options.afterId ?? 0;
  for (;;) {
    const rows = await reader.all<Row>(
      `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLES_FROM} WHERE a.id > ? AND a.latest_analysis_id IS NOT NULL ORDER BY a.id LIMIT ?`,
      [after, size],
    );
    if (!rows.length) return;
    const articles = rows.map(articleOf);
    const ids = articles.map((a) => a.id);
    const which = options.history === 'all' ? `an.article_id IN (${marks(ids.length)})` : `an.id = a.latest_analysis_id AND a.id IN (${marks(ids.length)})`;
    const analyses = (await reader.all<Row>(`SELECT ${ANALYSIS_COLUMNS} FROM ${ANALYSIS_FROM} WHERE ${which} ORDER BY an.article_id, an.id`, ids)).map(storedAnalysisOf);
    const byArticle = new Map<number, StoredAnalysis[]>();
    for (const an of analyses) {
      const list = byArticle.get(an.articleId);
      if (list) list.push(an);
      else byArticle.set(an.articleId, [an]);
    }
    for (const article of articles) yield { article, analyses: byArticle.get(article.id) ?? [] };
    if (rows.length < size) return;
    after = ids.at(-1)!;
  }
}
