/**
 * Politeness: requests to one host start at least an interval apart. A
 * request books its start time before it waits, so concurrent requests to
 * the same host line up one interval after another instead of all waking at
 * once.
 */

export type Sleep = (ms: number) => Promise<void>;
export type Clock = () => number;

const PRUNE_AT = 1000;

export class HostSchedule {
  /** Earliest start of the next request, per host. */
  private readonly next = new Map<string, number>();

  constructor(
    private readonly now: Clock,
    private readonly sleep: Sleep,
  ) {}

  /** Waits for `host`'s turn and books the following turn `intervalMs` later. */
  async take(host: string, intervalMs: number): Promise<void> {
    const now = this.now();
    this.prune(now);
    const at = Math.max(now, this.next.get(host) ?? now);
    this.next.set(host, at + intervalMs);
    if (at > now) await this.sleep(at - now);
  }

  /** A request that went out without waiting (a redirect hop) still pushes the next turn back. */
  touch(host: string, intervalMs: number): void {
    const now = this.now();
    this.next.set(host, Math.max(this.next.get(host) ?? now, now + intervalMs));
  }

  private prune(now: number): void {
    if (this.next.size < PRUNE_AT) return;
    for (const [host, at] of this.next) if (at <= now) this.next.delete(host);
  }
}
