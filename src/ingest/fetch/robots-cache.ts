/**
 * robots.txt verdicts per origin, fetched once and kept until they expire.
 * Concurrent fetches to one origin share one robots.txt request. A load that
 * throws (the host is unreachable) is not cached: the next fetch tries again.
 */
import type { RobotsRules } from './robots.ts';
import type { Clock } from './host-schedule.ts';

export interface RobotsVerdict {
  rules: RobotsRules;
  /** Set when robots.txt could not be read and the whole site is off limits for now; says why. */
  unavailable?: string;
  ttlMs: number;
}

const MAX_ORIGINS = 10_000;

export class RobotsCache {
  private readonly settled = new Map<string, RobotsVerdict & { expiresAt: number }>();
  private readonly pending = new Map<string, Promise<RobotsVerdict>>();

  constructor(
    private readonly load: (origin: string) => Promise<RobotsVerdict>,
    private readonly now: Clock,
  ) {}

  get(origin: string): Promise<RobotsVerdict> {
    const hit = this.settled.get(origin);
    if (hit && hit.expiresAt > this.now()) return Promise.resolve(hit);
    let pending = this.pending.get(origin);
    if (!pending) {
      pending = this.load(origin)
        .then((verdict) => {
          this.settled.delete(origin); // re-insert so the oldest entry is the first to go
          this.settled.set(origin, { ...verdict, expiresAt: this.now() + verdict.ttlMs });
          if (this.settled.size > MAX_ORIGINS) this.settled.delete(this.settled.keys().next().value!);
          return verdict;
        })
        .finally(() => this.pending.delete(origin));
      this.pending.set(origin, pending);
    }
    return pending;
  }
}
