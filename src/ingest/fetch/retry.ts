/** When to try a request again, and how long to wait first. */

/** Statuses that say "not now" rather than "no". */
export const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110
 * 10.2.3). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half
 * random, so clients that failed together do not retry together.
 * `attempt` is the attempt that just failed, from 1.
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number): number {
  const full = baseMs * 2 ** (attempt - 1);
  return Math.round(full / 2 + (full / 2) * random());
}
