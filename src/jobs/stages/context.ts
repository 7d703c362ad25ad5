/** What every stage function gets: the store, the fetcher, the analyser, the duplicate index, metrics and a logger. */
import type { Fetcher } from '../../ingest/fetch/fetcher.ts';
import type { Store } from '../../store/types.ts';
import type { Analyser } from '../analyser.ts';
import type { Logger } from '../log.ts';
import type { JobMetrics } from '../metrics.ts';
import type { DedupState } from './dedup.ts';

export interface StageLimits {
  /** Items taken from one poll of a feed (newest first as the feed lists them). */
  maxItemsPerPoll: number;
  /** Sitemap-index nesting followed. */
  sitemapMaxDepth: number;
  /** Sitemap URLs whose lastmod/publication date is older than this are skipped. */
  sitemapWindowDays: number;
}

export const DEFAULT_LIMITS: StageLimits = { maxItemsPerPoll: 200, sitemapMaxDepth: 2, sitemapWindowDays: 3 };

export interface StageContext {
  store: Store;
  fetcher: Fetcher;
  /** Built on first use: only processes that analyse pay for the models. */
  analyser: () => Promise<Analyser>;
  dedup: DedupState;
  metrics: JobMetrics;
  log: Logger;
  now: () => Date;
  limits: StageLimits;
}
