/**
 * Token buckets per key (an API token's id, or a client address before it
 * has authenticated): `rate` requests a second on average, up to `burst` at
 * once. The clock is injected so that tests can empty and refill a bucket
 * without waiting.
 */
export interface BucketOptions {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: requests allowed at once after a quiet spell. */
  burst: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterS: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number = Date.now,
    /** Keys kept before idle (full) buckets are dropped. */
    private readonly maxKeys = 10_000,
  ) {
    if (!(options.rate > 0) || !(options.burst >= 1)) throw new Error('rate limit: rate must be > 0 and burst ≥ 1');
  }

  take(key: string, cost = 1): Verdict {
    const now = this.now();
    const { rate, burst } = this.options;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      b = { tokens: burst, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
      b.at = now;
    }
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((cost - b.tokens) / rate)) };
  }

  /** A bucket that would be full again is the same as no bucket. */
  private prune(now: number): void {
    const { rate, burst } = this.options;
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * rate >= burst) this.buckets.delete(key);
    // everyone is busy: start over rather than grow without bound
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
