/**
 * The store's public contract: one interface, two backends (SQLite and
 * PostgreSQL) that pass the same test suite (contract.ts). Offsets are code
 * points, as in AnalysisJson; timestamps are ISO 8601 in UTC; outlets are
 * named by their domain.
 */
import type { Article } from '../ingest/article.ts';
import type { AnalysisJson } from '../output/analysis-json.ts';
import type { ModelInfo } from '../text/document.ts';
import type { AggregateOptions, SearchQuery } from './query.ts';

export type Dialect = 'sqlite' | 'postgres';

/** An article to store; `contentHash` and `clusterId` come from the ingest's de-duplication when it has them. */
export interface ArticleInput extends Article {
  /** Defaults to the SHA-256 of the trimmed text. */
  contentHash?: string;
  /** Near-duplicate (syndication) cluster the article belongs to. */
  clusterId?: string;
}

export type WriteStatus = 'inserted' | 'updated' | 'unchanged';

export interface ArticleWrite {
  id: number;
  status: WriteStatus;
}

export interface SourceInput {
  domain: string;
  name?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  language?: string;
  /** e.g. `state-affiliated`, `wire`, `tabloid`. */
  tags?: string[];
}

export interface Source {
  id: number;
  domain: string;
  name: string | null;
  country: string | null;
  language: string | null;
  tags: string[];
  createdAt: string;
}

export interface FeedInput {
  url: string;
  /** Outlet domain; created when new. Defaults to the feed URL's host. */
  source?: string;
  title?: string;
  pollIntervalS?: number;
  paused?: boolean;
}

export interface Feed {
  id: number;
  url: string;
  source: string | null;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  pollIntervalS: number;
  paused: boolean;
  lastPolledAt: string | null;
  lastOkAt: string | null;
  lastError: string | null;
  /** Consecutive failed polls; 0 after a good one. */
  failures: number;
  createdAt: string;
}

/** The outcome of one poll of a feed, for its health fields. */
export type FeedPoll =
  | { feedId: number; at?: string; ok: true; etag?: string | null; lastModified?: string | null }
  | { feedId: number; at?: string; ok: false; error: string };

export interface StoredArticle {
  id: number;
  /** The caller's identifier (`Article.id`). */
  externalId: string | null;
  url: string | null;
  /** The key of the article: `Article.canonicalUrl`, else `Article.url`. */
  canonicalUrl: string | null;
  contentHash: string;
  clusterId: string | null;
  title: string | null;
  text: string;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  /** What date filters and sorting use: published, else fetched, else first stored. */
  datedAt: string;
  language: string | null;
  siteName: string | null;
  description: string | null;
  image: string | null;
  /** Outlet domain. */
  source: string | null;
  origin: Article['source'] | null;
  fetchedAt: string | null;
  wordCount: number;
  createdAt: string;
  updatedAt: string;
  latestAnalysisId: number | null;
  /** No analysis yet, or the text changed since the latest one. */
  needsAnalysis: boolean;
}

export interface AnalysisInput {
  articleId: number;
  analysis: AnalysisJson;
  /** The pipeline that produced it, e.g. {name: 'spinscope', version: '0.1.0'}. */
  model: ModelInfo;
  createdAt?: string;
}

export interface AnalysisSummary {
  id: number;
  articleId: number;
  model: ModelInfo;
  createdAt: string;
  latest: boolean;
  language: string | null;
  wordCount: number;
  /** Spans per layer (`techniques`, `quotes`, `actors`, `claims` …). */
  counts: Record<string, number>;
}

export interface StoredAnalysis extends AnalysisSummary {
  analysis: AnalysisJson;
}

export interface AnnotationInput {
  articleId: number;
  layer: string;
  label: string;
  /** Code points into the article text; both absent for a label of the whole document. */
  start?: number | null;
  end?: number | null;
  text?: string | null;
  author?: string | null;
  createdAt?: string;
  /** e.g. `label-studio`, `manual`. */
  source?: string;
  /** The annotation's id in its source, so that importing the same export twice adds nothing. */
  externalId?: string | null;
}

export interface Annotation {
  id: number;
  articleId: number;
  layer: string;
  label: string;
  start: number | null;
  end: number | null;
  text: string | null;
  author: string | null;
  createdAt: string;
  source: string;
  externalId: string | null;
}

export interface AnnotationFilter {
  articleId?: number;
  layer?: string;
  source?: string;
}

export interface Highlighted {
  text: string;
  /** Matched terms as code-point ranges of `text`. */
  highlights: { start: number; end: number }[];
}

export interface SearchItem {
  id: number;
  title: string | null;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
  datedAt: string;
  language: string | null;
  snippet: Highlighted;
  /** Spans per layer of the latest analysis; empty before analysis. */
  counts: Record<string, number>;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  items: SearchItem[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
  facets?: { source: FacetCount[]; language: FacetCount[]; technique: FacetCount[] };
}

/** One cell of a rollup: how often `label` of a layer occurs in a group (an outlet, a day, a month, or all). */
export interface LabelCount {
  /** Outlet domain, `YYYY-MM-DD`, `YYYY-MM`, or `all`. */
  key: string;
  label: string;
  /** Spans (or document labels) with the label. */
  count: number;
  /** Articles with at least one. */
  articles: number;
  /** Articles of the group whose analysis ran the layer. */
  analysed: number;
  /** Words of those articles. */
  words: number;
}

export interface ArticleCount {
  /** Outlet domain, `YYYY-MM-DD`, `YYYY-MM`, or `all`. */
  key: string;
  articles: number;
  words: number;
}

export interface TechniqueRate {
  key: string;
  /** A technique id, or a category when `level: 'category'`. */
  technique: string;
  spans: number;
  /** Articles with the technique (for a category: those of its most frequent technique, a lower bound). */
  articles: number;
  /** Words of the group's analysed articles. */
  words: number;
  per1000Words: number;
}

export interface LabelShare {
  key: string;
  label: string;
  articles: number;
  /** Articles of the group that ran the layer. */
  total: number;
  share: number;
}

export interface ActorCount {
  key: string;
  name: string;
  type: string;
  articles: number;
  mentions: number;
  quotes: number;
}

export interface ActorQuote {
  id: number;
  articleId: number;
  title: string | null;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
  datedAt: string;
  text: string;
  type: string;
  start: number;
  end: number;
  /** The speaker as the article names them. */
  speaker: string | null;
  /** Technique spans of the same article that overlap the quote. */
  techniques: { technique: string; category: string | null; start: number; end: number; score: number | null }[];
}

export interface Cluster {
  clusterId: string;
  articles: number;
  outlets: number;
  first: string;
  last: string;
  items: { id: number; title: string | null; source: string | null; datedAt: string }[];
}

export interface StoreStats {
  dialect: Dialect;
  /** Rows per table. */
  tables: Record<string, number>;
  /** Size of the database on disk (SQLite: file + WAL; PostgreSQL: the schema's relations). */
  bytes: number;
}

export interface MigrationStatus {
  /** Versions applied by this call. */
  applied: number[];
  /** Version after the call. */
  version: number;
}

export interface IterateOptions {
  /** Only ids greater than this (resume an export). */
  afterId?: number;
  /** Rows fetched per round trip. */
  batchSize?: number;
}

export interface ArticleWithAnalyses {
  article: StoredArticle;
  analyses: StoredAnalysis[];
}

/**
 * Everything spinscope keeps: outlets, feeds, articles, analyses (with their
 * history), the rows derived from analyses for search and dashboards, and
 * human annotations. Every method that writes several rows does so in one
 * transaction: after a crash a batch is there entirely or not at all.
 */
export interface Store {
  readonly dialect: Dialect;

  /** Applies pending migrations (openStore does it already unless told not to). */
  migrate(): Promise<MigrationStatus>;

  upsertSources(sources: SourceInput[]): Promise<number[]>;
  listSources(): Promise<Source[]>;

  upsertFeeds(feeds: FeedInput[]): Promise<number[]>;
  listFeeds(options?: { dueAt?: string; includePaused?: boolean }): Promise<Feed[]>;
  recordFeedPolls(polls: FeedPoll[]): Promise<void>;

  /**
   * Inserts new articles and updates changed ones, keyed by canonical URL
   * (else URL, else content hash). Storing the same article again changes
   * nothing; one with a newer `modifiedAt` (or, without dates, newer
   * `fetchedAt` and other text) is updated in place. One result per input.
   */
  upsertArticles(articles: ArticleInput[]): Promise<ArticleWrite[]>;
  getArticle(id: number): Promise<StoredArticle | undefined>;
  findArticle(key: { url?: string; contentHash?: string; externalId?: string }): Promise<StoredArticle | undefined>;
  /** Ids of articles with no analysis or a text changed since, oldest first. */
  pendingAnalysis(options?: { limit?: number; afterId?: number }): Promise<number[]>;
  setClusters(assignments: { articleId: number; clusterId: string | null }[]): Promise<void>;
  deleteArticles(ids: number[]): Promise<number>;

  /** Stores analyses with their derived rows; each becomes its article's latest, older ones stay as history. */
  saveAnalyses(items: AnalysisInput[]): Promise<number[]>;
  getAnalysis(id: number): Promise<StoredAnalysis | undefined>;
  latestAnalysis(articleId: number): Promise<StoredAnalysis | undefined>;
  /** All analyses of an article, newest first, without their documents. */
  analysisHistory(articleId: number): Promise<AnalysisSummary[]>;

  saveAnnotations(annotations: AnnotationInput[]): Promise<{ inserted: number; skipped: number }>;
  listAnnotations(filter?: AnnotationFilter): Promise<Annotation[]>;

  search(query: SearchQuery): Promise<SearchResult>;

  /** Articles and words stored, by outlet, day, month or in all. */
  articleCounts(options?: AggregateOptions): Promise<ArticleCount[]>;
  /** The rollup behind every dashboard: counts of one layer's labels by outlet, day, month or in all. */
  labelCounts(options: AggregateOptions & { layer: string }): Promise<LabelCount[]>;
  /** Technique spans per 1,000 analysed words, by outlet, day or month. */
  techniqueRates(options: AggregateOptions & { level?: 'technique' | 'category' }): Promise<TechniqueRate[]>;
  /** Share of analysed articles carrying each document label of a layer (`frames`, `genre` …). */
  labelShares(options: AggregateOptions & { layer: string }): Promise<LabelShare[]>;
  topActors(options?: Omit<AggregateOptions, 'by' | 'labels'> & { type?: string; limit?: number }): Promise<ActorCount[]>;
  actorQuotes(actorKey: string, options?: { from?: string; to?: string; limit?: number; offset?: number }): Promise<ActorQuote[]>;
  clusters(options?: { from?: string; to?: string; minSize?: number; limit?: number }): Promise<Cluster[]>;
  stats(): Promise<StoreStats>;

  /** Articles in id order, a page at a time (constant memory). */
  iterateArticles(options?: IterateOptions): AsyncIterable<StoredArticle>;
  /** Articles with their latest analysis (`all`: the whole history, oldest first). */
  iterateAnalyses(options?: IterateOptions & { history?: 'latest' | 'all' }): AsyncIterable<ArticleWithAnalyses>;

  /** Recomputes the rollups from articles and latest analyses (after a bulk repair or a changed derivation). */
  rebuildRollups(): Promise<void>;
  /**
   * Refreshes the planner's statistics (ANALYZE). Worth running after a bulk
   * load: until then, either database may pick slow plans for the rollups
   * and the search filters. Seconds at a million articles.
   */
  optimize(): Promise<void>;
  close(): Promise<void>;
}
