/** Everything a route handler may use, built once per app by createApp: no module-level state. */
import type { Store } from '../store/types.ts';
import type { Analyzer } from './analyzer.ts';
import type { RateLimiter } from './auth/rate-limit.ts';
import type { SessionStore } from './auth/sessions.ts';
import type { TokenVerifier } from './auth/verifier.ts';
import type { TokenStore } from './auth/token-store.ts';
import type { Limits } from './limits.ts';

export interface Deps {
  store: Store;
  tokens: TokenStore;
  verifier: TokenVerifier;
  sessions: SessionStore;
  analyzer: Analyzer;
  limiters: { requests: RateLimiter; analyze: RateLimiter; anonymous: RateLimiter };
  limits: Limits;
  /** Non-public hosts that POST /api/analyze may fetch (tests; an intranet deployment). */
  allowHosts: readonly string[];
  now: () => number;
  log: (line: string) => void;
  version: string;
  /** The pipeline that stored analyses are attributed to. */
  model: { name: string; version: string };
}
