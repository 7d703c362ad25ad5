/**
 * `dedup`: an Article → its canonical URL, content hash and near-duplicate
 * cluster, for `index`. The MinHash index lives in memory; at start it is
 * rebuilt from the articles stored in the recent window, so a process that
 * restarts still puts today's wire copies in the clusters they joined
 * before. Clusters are named after their first article's key.
 */
import type { Article } from '../../ingest/article.ts';
import { contentHash } from '../../ingest/dedup/content-hash.ts';
import { DuplicateIndex, type DuplicateIndexOptions } from '../../ingest/dedup/duplicate-index.ts';
import type { Store } from '../../store/types.ts';
import { jobKey, urlKey } from '../ids.ts';
import type { Logger } from '../log.ts';
import type { DedupJob, StageOutcome } from '../types.ts';
import type { StageContext } from './context.ts';

export interface DedupOptions {
  /** Days of stored articles loaded at start (default 3). */
  windowDays?: number;
  /** At most this many of them (default 50,000; about 60 MB of signatures). */
  maxArticles?: number;
  index?: DuplicateIndexOptions;
}

/** The store's key of an article: its canonical URL, else `sha256:<hash>` for text without one. */
export function articleKey(canonicalUrl: string | undefined | null, hash: string): string {
  return canonicalUrl ?? `sha256:${hash}`;
}

export class DedupState {
  private readonly index: DuplicateIndex;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: DedupOptions = {},
    private readonly log?: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.index = new DuplicateIndex(options.index);
  }

  get size(): number {
    return this.index.size;
  }

  /** Loads the recent window once; later calls wait for the same load. */
  ready(): Promise<void> {
    this.loading ??= this.rebuild();
    return this.loading;
  }

  private async rebuild(): Promise<void> {
    const since = new Date(this.now().getTime() - (this.options.windowDays ?? 3) * 86_400_000).toISOString();
    const max = this.options.maxArticles ?? 50_000;
    // the newest ids in the window come from search (date-sorted); their texts then in id order, a page at a time
    const ids = new Set<number>();
    let cursor: string | undefined;
    while (ids.size < max) {
      const page = await this.store.search({ from: since, sort: 'date', limit: 500, ...(cursor && { cursor }) });
      for (const item of page.items) ids.add(item.id);
      if (!page.nextCursor || page.items.length === 0) break;
      cursor = page.nextCursor;
    }
    if (ids.size === 0) return;
    const first = Math.min(...ids);
    for await (const a of this.store.iterateArticles({ afterId: first - 1 })) {
      if (!ids.has(a.id)) continue;
      const key = articleKey(a.canonicalUrl, a.contentHash);
      if (this.index.clusterOf(key) === undefined) this.index.add(key, { ...(a.canonicalUrl && { url: a.canonicalUrl }), text: a.text });
    }
    this.log?.info('dedup.rebuilt', { articles: this.index.size, since });
  }

  /** The cluster of the article with this key; the same key asked twice gets the same answer. */
  async assign(key: string, doc: { url?: string; text: string }): Promise<string> {
    await this.ready();
    return this.index.clusterOf(key) ?? this.index.add(key, doc).clusterId;
  }
}

export async function dedupStage(job: DedupJob, ctx: StageContext): Promise<StageOutcome> {
  const article: Article = job.article;
  const where = article.canonicalUrl ?? article.url;
  const canonicalUrl = where ? urlKey(where) : undefined;
  const hash = contentHash(article.text);
  const key = articleKey(canonicalUrl, hash);
  const clusterId = await ctx.dedup.assign(key, { ...(canonicalUrl && { url: canonicalUrl }), text: article.text });
  const input = { ...article, ...(canonicalUrl && { canonicalUrl }), contentHash: hash, clusterId };
  return {
    next: [{ stage: 'index', key: jobKey.indexArticle(key, hash), data: { kind: 'article', article: input } }],
    note: clusterId === key ? 'new story' : `joins ${clusterId}`,
  };
}
