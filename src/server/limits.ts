/** The server's limits, with the defaults `serve` and `start` use. */
import type { BucketOptions } from './auth/rate-limit.ts';

export interface Limits {
  /** Request bodies beyond this are refused with 413. */
  bodyBytes: number;
  /** Every authenticated request, per token. */
  requests: BucketOptions;
  /** POST /api/analyze in addition, per token: an analysis costs far more than a read. */
  analyze: BucketOptions;
  /** Requests that fail authentication and sign-in attempts, per client address. */
  anonymous: BucketOptions;
  /** Analyses waiting or running at once, all tokens together; more are refused with 429. */
  analyzeQueue: number;
  /** Largest page POST /api/analyze fetches. */
  fetchBytes: number;
  fetchTimeoutMs: number;
  sessionTtlMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 2 * 1024 * 1024,
  requests: { rate: 20, burst: 40 },
  analyze: { rate: 1, burst: 5 },
  anonymous: { rate: 2, burst: 20 },
  analyzeQueue: 16,
  fetchBytes: 10 * 1024 * 1024,
  fetchTimeoutMs: 30_000,
  sessionTtlMs: 12 * 3600_000,
};

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
