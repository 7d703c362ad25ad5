/**
 * The scheduler: on each tick, queues a poll for every feed that is due
 * (interval, jitter, backoff for failing feeds: backoff.ts) and, now and
 * then, an analysis for every stored article still waiting for one (articles
 * written by `spinscope ingest` or an earlier crash). Poll keys name the feed
 * and its last poll, so two schedulers on one tick queue one poll.
 */
import type { Store } from '../store/types.ts';
import { dueFeeds, type PollPolicy } from './backoff.ts';
import { jobKey } from './ids.ts';
import { errorMessage, silentLogger, type Logger } from './log.ts';
import type { JobQueue, JobSpec } from './types.ts';

export interface SchedulerOptions {
  /** Time between ticks (default 5 s). */
  tickMs?: number;
  policy?: PollPolicy;
  /** Sweep for articles waiting for analysis every this many ticks (default 12); 0: never. */
  pendingEvery?: number;
  /** Articles queued per sweep (default 500). */
  pendingBatch?: number;
  /** Queue depths: the sweep runs only while analyse and index are idle, so it never doubles work already queued. */
  depths?: JobQueue['depths'];
  /** While true, no polls are queued (backpressure). */
  holdIntake?: () => boolean;
  /** Only ticks for which this resolves true do anything (a lock shared by several processes). */
  leader?: () => Promise<boolean>;
  log?: Logger;
  now?: () => number;
}

export interface TickResult {
  polls: number;
  analyses: number;
  skipped?: 'not-leader' | 'backpressure';
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private running: Promise<unknown> | undefined;
  private readonly log: Logger;

  constructor(
    private readonly store: Store,
    private readonly queue: Pick<JobQueue, 'enqueue'>,
    private readonly options: SchedulerOptions = {},
  ) {
    this.log = options.log ?? silentLogger;
  }

  async tick(): Promise<TickResult> {
    if (this.options.leader && !(await this.options.leader())) return { polls: 0, analyses: 0, skipped: 'not-leader' };
    const now = (this.options.now ?? Date.now)();
    const every = this.options.pendingEvery ?? 12;
    const sweep = every > 0 && this.ticks++ % every === 0;
    const jobs: JobSpec[] = [];
    const held = this.options.holdIntake?.() ?? false;
    if (!held) {
      for (const feed of dueFeeds(await this.store.listFeeds(), now, this.options.policy)) {
        jobs.push({ stage: 'poll-feed', key: jobKey.pollFeed(feed.id, feed.lastPolledAt), data: { feedId: feed.id, url: feed.url, etag: feed.etag, lastModified: feed.lastModified } });
      }
    }
    const polls = jobs.length;
    if (sweep && (await this.sinksIdle())) {
      // the hour in the key lets an article whose analysis failed or was forgotten come back once an hour, not on every tick
      const hour = new Date(now).toISOString().slice(0, 13);
      for (const id of await this.store.pendingAnalysis({ limit: this.options.pendingBatch ?? 500 })) {
        jobs.push({ stage: 'analyse', key: `analyse:${id}:pending:${hour}`, data: { articleId: id } });
      }
    }
    const added = jobs.length ? await this.queue.enqueue(jobs) : 0;
    if (added) this.log.info('scheduler.queued', { polls, analyses: jobs.length - polls });
    return { polls, analyses: jobs.length - polls, ...(held && { skipped: 'backpressure' as const }) };
  }

  private async sinksIdle(): Promise<boolean> {
    if (!this.options.depths) return true;
    const d = await this.options.depths();
    return [d.analyse, d.index].every((s) => s.waiting + s.active + s.delayed === 0);
  }

  start(): void {
    const run = () => {
      if (this.running) return;
      this.running = this.tick()
        .catch((error) => this.log.warn('scheduler.tick-failed', { error: errorMessage(error) }))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(run, this.options.tickMs ?? 5000);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
