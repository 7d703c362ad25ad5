/**
 * `poll-feed` and `poll-sitemap`: a feed (or sitemap) → the stories it lists
 * that are not stored yet. Items that carry their whole story become
 * articles here (`dedup`); teasers become `fetch` jobs for their page. The
 * poll honours the feed's ETag and Last-Modified, and its outcome goes to
 * the feed's health fields only after the items are queued, so a crash in
 * between polls again rather than losing the items behind a 304.
 */
import type { Article } from '../../ingest/article.ts';
import { InputError } from '../../ingest/decode-text.ts';
import type { FetchResult } from '../../ingest/fetch/fetcher.ts';
import { detectFeedKind } from '../../ingest/feeds/detect.ts';
import { maybeGunzip } from '../../ingest/feeds/gunzip.ts';
import { parseFeed } from '../../ingest/feeds/parse-feed.ts';
import { parseSitemap, type SitemapUrl } from '../../ingest/feeds/sitemap.ts';
import { feedItemToArticle, needsPageFetch } from '../../ingest/feeds/to-article.ts';
import type { FeedItem } from '../../ingest/feeds/types.ts';
import type { FeedPoll } from '../../store/types.ts';
import { jobKey, urlKey } from '../ids.ts';
import { errorMessage } from '../log.ts';
import type { ArticleHint, JobSpec, PollFeedJob, PollSitemapJob, StageOutcome } from '../types.ts';
import type { StageContext } from './context.ts';

const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

/** True when the store already has this story with nothing newer than `modifiedAt`. */
async function alreadyStored(ctx: StageContext, url: string, modifiedAt?: string): Promise<boolean> {
  const stored = (await ctx.store.findArticle({ url: urlKey(url) })) ?? (await ctx.store.findArticle({ url }));
  if (!stored) return false;
  if (modifiedAt && (!stored.modifiedAt || Date.parse(modifiedAt) > Date.parse(stored.modifiedAt))) return false;
  return true;
}

function hintOf(item: FeedItem, siteName?: string): ArticleHint {
  const hint: ArticleHint = {};
  if (item.title) hint.title = item.title;
  if (item.publishedAt) hint.publishedAt = item.publishedAt;
  if (item.modifiedAt) hint.modifiedAt = item.modifiedAt;
  if (item.authors.length) hint.authors = item.authors;
  if (item.language) hint.lang = item.language;
  if (siteName) hint.siteName = siteName;
  return hint;
}

/** The jobs for a feed document's items. */
async function feedJobs(text: string, page: FetchResult, ctx: StageContext): Promise<JobSpec[]> {
  const feed = parseFeed(text, { url: page.finalUrl, now: ctx.now() });
  const jobs: JobSpec[] = [];
  for (const item of feed.items.slice(0, ctx.limits.maxItemsPerPoll)) {
    if (item.url && (await alreadyStored(ctx, item.url, item.modifiedAt))) continue;
    if (!needsPageFetch(item)) {
      const article = feedItemToArticle(item, { ...feed, url: feed.url ?? page.url });
      if (article) {
        const full: Article = { ...article, fetchedAt: page.fetchedAt };
        jobs.push({ stage: 'dedup', key: jobKey.dedup(item.url ?? `${page.url}#${item.id}`, full.text), data: { article: full } });
        continue;
      }
    }
    if (!item.url) continue; // a teaser with no link has nothing to fetch
    jobs.push({ stage: 'fetch', key: jobKey.fetch(item.url), data: { url: item.url, feed: page.url, hint: hintOf(item, feed.title) } });
  }
  return jobs;
}

function dateOf(u: SitemapUrl): number {
  const d = u.news?.publishedAt ?? u.lastmod;
  return d ? Date.parse(d) : Number.NaN;
}

/** The jobs for a sitemap: child sitemaps of an index, recent story URLs of a urlset. */
async function sitemapJobs(text: string, page: FetchResult, depth: number, ctx: StageContext): Promise<JobSpec[]> {
  const parsed = parseSitemap(text, { url: page.finalUrl, now: ctx.now() });
  const jobs: JobSpec[] = [];
  if (depth < ctx.limits.sitemapMaxDepth) {
    const slot = ctx.now().toISOString().slice(0, 13); // at most one visit an hour per unchanged child
    for (const ref of parsed.sitemaps.slice(0, ctx.limits.maxItemsPerPoll)) {
      jobs.push({ stage: 'poll-sitemap', key: jobKey.pollSitemap(ref.loc, ref.lastmod ?? slot), data: { url: ref.loc, depth: depth + 1 } });
    }
  }
  const since = ctx.now().getTime() - ctx.limits.sitemapWindowDays * 86_400_000;
  // dated entries newest first, then undated ones (a small sitemap often has no dates at all)
  const recent = parsed.urls
    .filter((u) => !(dateOf(u) < since))
    .sort((a, b) => (dateOf(b) || 0) - (dateOf(a) || 0))
    .slice(0, ctx.limits.maxItemsPerPoll);
  for (const u of recent) {
    if (await alreadyStored(ctx, u.loc, u.lastmod)) continue;
    const hint: ArticleHint = {};
    if (u.news?.title) hint.title = u.news.title;
    if (u.news?.publishedAt) hint.publishedAt = u.news.publishedAt;
    if (u.news?.language) hint.lang = u.news.language;
    if (u.news?.publicationName) hint.siteName = u.news.publicationName;
    jobs.push({ stage: 'fetch', key: jobKey.fetch(u.loc), data: { url: u.loc, feed: page.url, hint } });
  }
  return jobs;
}

/** Sitemaps may be gzip'd files rather than gzip-encoded responses. */
function bodyText(page: FetchResult): string {
  const bytes = maybeGunzip(page.bytes, SITEMAP_MAX_BYTES, page.finalUrl);
  return bytes === page.bytes ? page.text : new TextDecoder('utf-8').decode(bytes);
}

async function documentJobs(page: FetchResult, depth: number, ctx: StageContext): Promise<JobSpec[]> {
  const text = bodyText(page);
  const kind = detectFeedKind(text, page.contentType);
  if (kind === 'sitemap' || kind === 'sitemapindex') return sitemapJobs(text, page, depth, ctx);
  if (kind === 'rss' || kind === 'atom' || kind === 'rdf' || kind === 'jsonfeed') return feedJobs(text, page, ctx);
  throw new InputError(`${page.finalUrl}: not a feed or sitemap (looks like ${kind})`);
}

export async function pollFeedStage(job: PollFeedJob, ctx: StageContext): Promise<StageOutcome> {
  const at = ctx.now().toISOString();
  const record = async (poll: FeedPoll, outcome: 'ok' | 'not-modified' | 'error') => {
    await ctx.store.recordFeedPolls([poll]);
    ctx.metrics.feedPolls.inc({ outcome });
  };
  let page: FetchResult;
  let next: JobSpec[];
  try {
    page = await ctx.fetcher.fetch(job.url, { ...(job.etag && { etag: job.etag }), ...(job.lastModified && { lastModified: job.lastModified }) });
    next = page.notModified ? [] : await documentJobs(page, 0, ctx);
  } catch (error) {
    // a feed that fails is a health fact (its failures count and back its polls off), not a failed job
    if (!(error instanceof InputError)) throw error;
    const message = errorMessage(error);
    return { next: [], note: `poll failed: ${message}`, commit: () => record({ feedId: job.feedId, at, ok: false, error: message }, 'error') };
  }
  const poll: FeedPoll = { feedId: job.feedId, at, ok: true, etag: page.etag ?? null, lastModified: page.lastModified ?? null };
  return {
    next,
    note: page.notModified ? 'not modified' : `${next.length} new`,
    commit: () => record(poll, page.notModified ? 'not-modified' : 'ok'),
  };
}

export async function pollSitemapStage(job: PollSitemapJob, ctx: StageContext): Promise<StageOutcome> {
  let page: FetchResult;
  try {
    page = await ctx.fetcher.fetch(job.url);
  } catch (error) {
    if (error instanceof InputError) return { next: [], note: `sitemap failed: ${errorMessage(error)}` };
    throw error;
  }
  const next = await documentJobs(page, job.depth ?? 0, ctx);
  return { next, note: `${next.length} new` };
}
