/**
 * Checks presented tokens against the token store, with a short cache so
 * that a busy client does not cost a database round trip per request, and
 * writes "last used" at most once a minute per token. Deleting a token
 * through `forget` takes effect at once in this process; another process
 * sees it within the cache's lifetime.
 */
import { hashToken } from './tokens.ts';
import type { TokenInfo, TokenStore } from './token-store.ts';

export interface VerifierOptions {
  now?: () => number;
  cacheMs?: number;
  touchEveryMs?: number;
  /** Where a failed "last used" write is reported (it never fails the request). */
  onError?: (error: unknown) => void;
}

export class TokenVerifier {
  private readonly cache = new Map<string, { info: TokenInfo | undefined; until: number }>();
  private readonly touched = new Map<number, number>();
  private readonly now: () => number;
  private readonly cacheMs: number;
  private readonly touchEveryMs: number;

  constructor(
    readonly store: TokenStore,
    private readonly options: VerifierOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cacheMs = options.cacheMs ?? 5_000;
    this.touchEveryMs = options.touchEveryMs ?? 60_000;
  }

  async verify(token: string): Promise<TokenInfo | undefined> {
    const hash = hashToken(token);
    const now = this.now();
    let hit = this.cache.get(hash);
    if (!hit || hit.until <= now) {
      hit = { info: await this.store.findByHash(hash), until: now + this.cacheMs };
      // unknown tokens are cached too (a client retrying a bad token costs nothing), within a bound
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(hash, hit);
    }
    if (hit.info) this.markUsed(hit.info.id, now);
    return hit.info;
  }

  /** Drops a deleted token from the cache. */
  forget(id: number): void {
    for (const [hash, entry] of this.cache) if (entry.info?.id === id) this.cache.delete(hash);
    this.touched.delete(id);
  }

  private markUsed(id: number, now: number): void {
    const last = this.touched.get(id);
    if (last !== undefined && now - last < this.touchEveryMs) return;
    this.touched.set(id, now);
    this.store.touch(id, new Date(now).toISOString()).catch((e) => this.options.onError?.(e));
  }
}
