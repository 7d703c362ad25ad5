/**
 * Helpers for the other commands: register feeds, and queue URLs or
 * articles for a running ingestion (`spinscope ingest --queue`).
 */
import type { Article } from '../ingest/article.ts';
import { contentHash } from '../ingest/dedup/content-hash.ts';
import type { Store } from '../store/types.ts';
import { jobKey, urlKey } from './ids.ts';
import type { JobQueue, JobSpec } from './types.ts';

export interface AddFeedOptions {
  /** Seconds between polls (default: the store's default). */
  pollIntervalS?: number;
  title?: string;
}

/** Registers feeds (RSS, Atom, JSON Feed or sitemaps) for the scheduler to poll; returns their ids. Adding one again changes nothing. */
export async function addFeeds(store: Store, urls: readonly string[], options: AddFeedOptions = {}): Promise<number[]> {
  const feeds = urls.map((url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`'${url}' is not a feed URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`'${url}' is not an http(s) feed URL`);
    return { url: parsed.href, ...(options.pollIntervalS !== undefined && { pollIntervalS: options.pollIntervalS }), ...(options.title && { title: options.title }) };
  });
  return store.upsertFeeds(feeds);
}

/** Queues page URLs to be fetched, extracted, stored and analysed; a URL already queued is not added twice. */
export async function enqueueUrls(queue: Pick<JobQueue, 'enqueue'>, urls: readonly string[]): Promise<number> {
  const jobs: JobSpec[] = urls.map((url) => ({ stage: 'fetch', key: jobKey.fetch(url), data: { url } }));
  return queue.enqueue(jobs);
}

/** Queues articles already read (files, WARC, JSONL) at `dedup`: clustered, stored and analysed like fetched ones. */
export async function enqueueArticles(queue: Pick<JobQueue, 'enqueue'>, articles: readonly Article[]): Promise<number> {
  const jobs: JobSpec[] = articles.map((article) => {
    const where = article.canonicalUrl ?? article.url ?? article.id ?? contentHash(article.text);
    return { stage: 'dedup', key: jobKey.dedup(article.url ? urlKey(where) : where, article.text), data: { article } };
  });
  return queue.enqueue(jobs);
}

/** Queues raw HTML pages (local files, a crawl's output) at `extract`. */
export async function enqueuePages(queue: Pick<JobQueue, 'enqueue'>, pages: readonly { url: string; html: string; fetchedAt?: string }[]): Promise<number> {
  const jobs: JobSpec[] = pages.map((p) => {
    const fetchedAt = p.fetchedAt ?? new Date().toISOString();
    return { stage: 'extract', key: jobKey.extract(p.url, fetchedAt), data: { url: p.url, finalUrl: p.url, html: p.html, fetchedAt } };
  });
  return queue.enqueue(jobs);
}

/**
 * Queues a fresh analysis of every stored article (after a model upgrade);
 * the analyse stage skips the ones whose latest analysis already has the
 * running version. Waits while the queue's analysis backlog is over
 * `maxBacklog`, so memory and the queue stay bounded. Returns how many were queued.
 */
export async function enqueueReanalysis(
  store: Store,
  queue: Pick<JobQueue, 'enqueue' | 'depths'>,
  options: { tag?: string; batch?: number; maxBacklog?: number; signal?: AbortSignal } = {},
): Promise<number> {
  const tag = options.tag ?? `re-${new Date().toISOString().slice(0, 16)}`;
  const batch = options.batch ?? 500;
  const maxBacklog = options.maxBacklog ?? 2000;
  let queued = 0;
  let jobs: JobSpec[] = [];
  const flush = async () => {
    for (;;) {
      if (options.signal?.aborted) return;
      const d = await queue.depths();
      if (d.analyse.waiting + d.analyse.delayed < maxBacklog) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    queued += await queue.enqueue(jobs);
    jobs = [];
  };
  for await (const a of store.iterateArticles({ batchSize: batch })) {
    if (options.signal?.aborted) break;
    jobs.push({ stage: 'analyse', key: jobKey.analyse(a.id, a.contentHash, tag), data: { articleId: a.id } });
    if (jobs.length >= batch) await flush();
  }
  if (jobs.length && !options.signal?.aborted) await flush();
  return queued;
}

/**
 * The queue a running ingestion works from, for adding to it from another
 * command: BullMQ when `redisUrl` is given, else the embedded job table in
 * the store's SQLite file (`database`: what the store was opened with).
 * Close it when done.
 */
export async function openQueue(where: { redisUrl?: string; prefix?: string; database?: string; jobsPath?: string }): Promise<JobQueue> {
  if (where.redisUrl) {
    const { BullRunner } = await import('./bullmq/runner.ts');
    return new BullRunner({ redisUrl: where.redisUrl, ...(where.prefix && { prefix: where.prefix }) });
  }
  const { EmbeddedRunner } = await import('./embedded/runner.ts');
  const { embeddedJobsPath } = await import('./embedded/start.ts');
  return new EmbeddedRunner({ path: embeddedJobsPath(where) });
}
