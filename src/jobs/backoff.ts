/**
 * Retry and polling delays. Jitter spreads retries and feed polls so that a
 * thousand feeds added at once (or a thousand jobs failing together when a
 * database blips) do not come back in one burst.
 */
import { createHash } from 'node:crypto';
import type { Feed } from '../store/types.ts';

/** Exponential backoff for the `attempt`-th failure (1-based): base·2^(attempt−1), capped, with up to ±`jitter` of it randomised. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random, jitter = 0.2): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(0, Math.round(raw * (1 + jitter * (2 * random() - 1))));
}

/** A number in [0, 1) fixed by `seed`: the same feed and poll always get the same jitter, so two schedulers agree. */
export function stableFraction(seed: string): number {
  return createHash('sha1').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

export interface PollPolicy {
  /** ± share of the interval added as jitter (default 0.1). */
  jitter?: number;
  /** Longest wait for a failing feed (default 6 h). */
  maxBackoffS?: number;
}

/**
 * When a feed is next due (ms since the epoch): its interval after its last
 * poll, doubled for each consecutive failure (capped), with a per-feed jitter.
 * A feed never polled is due at once.
 */
export function nextPollAt(feed: Pick<Feed, 'id' | 'lastPolledAt' | 'pollIntervalS' | 'failures'>, policy: PollPolicy = {}): number {
  if (!feed.lastPolledAt) return 0;
  const last = Date.parse(feed.lastPolledAt);
  const interval = feed.pollIntervalS * 1000;
  const cap = Math.max(interval, (policy.maxBackoffS ?? 6 * 3600) * 1000);
  const wait = feed.failures > 0 ? Math.min(cap, interval * 2 ** Math.min(feed.failures, 20)) : interval;
  const jitter = policy.jitter ?? 0.1;
  const offset = (2 * stableFraction(`${feed.id}@${feed.lastPolledAt}`) - 1) * jitter * wait;
  return last + wait + offset;
}

/** Feeds due at `now`, paused ones left out. */
export function dueFeeds<F extends Pick<Feed, 'id' | 'lastPolledAt' | 'pollIntervalS' | 'failures' | 'paused'>>(feeds: readonly F[], now: number, policy: PollPolicy = {}): F[] {
  return feeds.filter((f) => !f.paused && nextPollAt(f, policy) <= now);
}
