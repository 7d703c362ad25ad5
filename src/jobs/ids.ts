/**
 * Job keys. A key names the work, not the attempt: the same URL found in two
 * feeds, or in the same feed on two polls, is one `fetch:` job, so queues
 * dedupe it and a retry after a crash redoes the same job rather than adding
 * a second one.
 */
import { createHash } from 'node:crypto';
import { canonicalizeUrl } from '../ingest/dedup/url.ts';
import type { Stage } from './types.ts';

/** The canonical spelling of a URL, or the URL as given when it cannot be parsed. */
export function urlKey(url: string): string {
  try {
    return canonicalizeUrl(url);
  } catch {
    return url.trim();
  }
}

export function shortHash(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

export const jobKey = {
  pollFeed: (feedId: number, lastPolledAt: string | null) => `poll-feed:${feedId}:${lastPolledAt ?? 'never'}`,
  pollSitemap: (url: string, slot: string) => `poll-sitemap:${urlKey(url)}:${slot}`,
  fetch: (url: string) => `fetch:${urlKey(url)}`,
  extract: (finalUrl: string, fetchedAt: string) => `extract:${urlKey(finalUrl)}:${fetchedAt}`,
  dedup: (where: string, text: string) => `dedup:${where}:${shortHash(text)}`,
  indexArticle: (key: string, contentHash: string) => `index:article:${key}:${contentHash.slice(0, 16)}`,
  indexAnalysis: (articleId: number, textHash: string, version: string) => `index:analysis:${articleId}:${textHash.slice(0, 16)}:${version}`,
  /** The text's hash is in the key so that a changed article is analysed again even while the old job is remembered; `tag` forces a re-run (re-analysis). */
  analyse: (articleId: number, contentHash: string, tag?: string) => `analyse:${articleId}:${contentHash.slice(0, 16)}${tag ? `:${tag}` : ''}`,
};

/** BullMQ job ids may not contain ':' nor be all digits: the key's hash stands in, and the key travels in the data. */
export function transportId(stage: Stage, key: string): string {
  return `${stage}-${createHash('sha1').update(key).digest('hex')}`;
}
