/**
 * The BullMQ runner: one queue per stage on Redis, so `spinscope worker`
 * processes on any number of machines share the work. A job's lock is
 * renewed while it runs; a worker killed mid-job stops renewing, BullMQ's
 * stalled-job check moves the job back to waiting and another worker runs
 * it. Job ids derive from job keys, so adding work that is already queued
 * (or recently done) adds nothing.
 */
import { MetricsTime, Queue, UnrecoverableError, Worker, type IRedisClient, type Job, type JobsOptions } from 'bullmq';
import { executeJob } from '../execute.ts';
import { transportId } from '../ids.ts';
import { silentLogger, type Logger } from '../log.ts';
import { createJobMetrics, type JobMetrics } from '../metrics.ts';
import {
  PermanentJobError,
  STAGES,
  type DeadLetter,
  type Handlers,
  type JobRunner,
  type JobSpec,
  type RunOptions,
  type Stage,
  type StageDepth,
  type Throughput,
} from '../types.ts';
import { createRedisClient } from './redis-client.ts';

export interface BullRunnerOptions {
  /** redis://host:port[/db] */
  redisUrl: string;
  /** Key prefix: everything this deployment keeps in Redis starts with it (default `spinscope`). */
  prefix?: string;
  /** Tries per job before it goes to the dead letters (default 5). */
  attempts?: number;
  /** First retry delay, doubled per attempt (default 1 s). */
  backoffMs?: number;
  /** A running job's lock; a worker that stops renewing it for this long has stalled (default 30 s). */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs (default 30 s). */
  stalledIntervalMs?: number;
  /** Stalls a job survives before it counts as failed (default 2). */
  maxStalledCount?: number;
  /** Only reads the queues (`status`): writes no queue metadata under the prefix. */
  readOnly?: boolean;
  metrics?: JobMetrics;
  log?: Logger;
}

export const DEFAULT_BULL_CONCURRENCY: Record<Stage, number> = {
  'poll-feed': 4,
  'poll-sitemap': 2,
  fetch: 16,
  extract: 2,
  dedup: 1,
  index: 4,
  analyse: 2,
};

interface Envelope {
  key: string;
  data: unknown;
}

/** Completed jobs of the intake stages are kept an hour, so the same URL polled again within it is not fetched twice; bulky payloads are not kept. */
function jobOptions(stage: Stage, attempts: number, backoffMs: number): JobsOptions {
  const keep: Record<Stage, JobsOptions['removeOnComplete']> = {
    'poll-feed': { age: 3600, count: 10_000 },
    'poll-sitemap': { age: 3600, count: 10_000 },
    fetch: { age: 3600, count: 50_000 },
    extract: { count: 100 },
    dedup: { count: 1000 },
    index: { count: 100 },
    analyse: { count: 1000 },
  };
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: keep[stage],
    removeOnFail: { age: 7 * 86_400, count: 5000 },
  };
}

export class BullRunner implements JobRunner {
  readonly kind = 'bullmq' as const;
  readonly metrics: JobMetrics;
  readonly prefix: string;
  private readonly client: IRedisClient;
  private readonly log: Logger;
  private readonly queues = new Map<Stage, Queue>();
  private readonly workers = new Map<Stage, Worker>();
  private readonly attempts: number;
  private readonly backoffMs: number;
  private lastRedisError = 0;

  constructor(private readonly options: BullRunnerOptions) {
    this.client = createRedisClient(options.redisUrl);
    // the template connection reconnects by itself; its errors are reported by the queues using it
    this.client.on('error', () => {});
    this.prefix = options.prefix ?? 'spinscope';
    this.metrics = options.metrics ?? createJobMetrics();
    this.log = options.log ?? silentLogger;
    this.attempts = options.attempts ?? 5;
    this.backoffMs = options.backoffMs ?? 1000;
    this.metrics.setDepthSource(() => this.depths());
  }

  private queue(stage: Stage): Queue {
    let q = this.queues.get(stage);
    if (!q) {
      q = new Queue(stage, { connection: this.client, prefix: this.prefix, ...(this.options.readOnly && { skipMetasUpdate: true }) });
      q.on('error', (error) => this.redisError('queue', stage, error));
      this.queues.set(stage, q);
    }
    return q;
  }

  /** Redis errors come in bursts while it is away: one line per 5 s is enough. */
  private redisError(what: string, stage: Stage, error: Error): void {
    const now = Date.now();
    if (now - this.lastRedisError < 5000) return;
    this.lastRedisError = now;
    this.log.warn('redis.error', { [what]: stage, error: error.message });
  }

  async enqueue(jobs: readonly JobSpec[]): Promise<number> {
    const byStage = new Map<Stage, JobSpec[]>();
    for (const job of jobs) {
      const list = byStage.get(job.stage);
      if (list) list.push(job);
      else byStage.set(job.stage, [job]);
    }
    await Promise.all(
      [...byStage].map(([stage, list]) =>
        this.queue(stage).addBulk(
          list.map((job) => ({
            name: stage,
            data: { key: job.key, data: job.data } satisfies Envelope,
            opts: { ...jobOptions(stage, this.attempts, this.backoffMs), jobId: transportId(stage, job.key) },
          })),
        ),
      ),
    );
    // BullMQ answers a duplicate id with the existing job: the count is of jobs submitted
    return jobs.length;
  }

  async depths(): Promise<Record<Stage, StageDepth>> {
    const entries = await Promise.all(
      STAGES.map(async (stage) => {
        const c = await this.queue(stage).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
        const depth: StageDepth = { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, dead: c.failed ?? 0 };
        return [stage, depth] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<Stage, StageDepth>;
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const all = await Promise.all(
      STAGES.map(async (stage) => {
        const jobs = await this.queue(stage).getFailed(0, limit - 1);
        return jobs.map((job): DeadLetter => {
          const env = job.data as Envelope;
          return {
            stage,
            key: env?.key ?? String(job.id),
            attempts: job.attemptsMade,
            error: job.failedReason ?? '',
            failedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
          };
        });
      }),
    );
    return all
      .flat()
      .sort((a, b) => b.failedAt.localeCompare(a.failedAt))
      .slice(0, limit);
  }

  async throughput(): Promise<Throughput[]> {
    return Promise.all(
      STAGES.map(async (stage) => {
        const q = this.queue(stage);
        const [done, failed] = await Promise.all([q.getMetrics('completed', 0, 59), q.getMetrics('failed', 0, 59)]);
        // data: counts of past minutes, newest first; the minute in progress is count − prevCount
        const current = (m: typeof done) => Math.max(0, m.meta.count - m.meta.prevCount);
        const hour = (m: typeof done) => current(m) + m.data.slice(0, 59).reduce((a, b) => a + b, 0);
        return { stage, lastMinute: current(done), lastHour: hour(done), failedLastHour: hour(failed) };
      }),
    );
  }

  async start(handlers: Handlers, options: RunOptions = {}): Promise<void> {
    const stages = options.stages ?? STAGES;
    const deps = { handlers, enqueue: (jobs: readonly JobSpec[]) => this.enqueue(jobs), metrics: this.metrics, log: this.log };
    for (const stage of stages) {
      const concurrency = Math.max(1, options.concurrency?.[stage] ?? DEFAULT_BULL_CONCURRENCY[stage]);
      const worker = new Worker(
        stage,
        async (job: Job) => {
          const env = job.data as Envelope;
          const info = { stage, key: env.key, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? this.attempts };
          try {
            await executeJob(deps, info, env.data as never);
          } catch (error) {
            if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
            throw error;
          }
        },
        {
          connection: this.client,
          prefix: this.prefix,
          concurrency,
          lockDuration: this.options.lockDurationMs ?? 30_000,
          stalledInterval: this.options.stalledIntervalMs ?? 30_000,
          maxStalledCount: this.options.maxStalledCount ?? 2,
          metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
        },
      );
      worker.on('error', (error) => this.redisError('worker', stage, error));
      worker.on('failed', (job, error) => {
        if (!job) return;
        const env = job.data as Envelope;
        const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
        this.metrics.failed.inc({ stage, final: String(final) });
        const fields = { stage, job: env?.key ?? job.id, attempt: job.attemptsMade, error: error.message };
        if (final) this.log.error('job.dead', fields);
        else this.log.warn('job.retry', fields);
      });
      worker.on('stalled', (jobId) => this.log.warn('job.stalled', { stage, jobId, note: 'its worker stopped renewing the lock; it runs again' }));
      this.workers.set(stage, worker);
    }
    await Promise.all([...this.workers.values()].map((w) => w.waitUntilReady()));
    this.log.info('runner.started', { runner: 'bullmq', prefix: this.prefix, stages });
  }

  pause(stages: readonly Stage[]): void {
    for (const stage of stages) {
      const w = this.workers.get(stage);
      if (!w || w.isPaused()) continue;
      this.metrics.paused.set({ stage }, 1);
      w.pause(true).catch((error: Error) => this.log.warn('runner.pause-failed', { stage, error: error.message }));
    }
  }

  resume(stages: readonly Stage[]): void {
    for (const stage of stages) {
      const w = this.workers.get(stage);
      if (!w || !w.isPaused()) continue;
      this.metrics.paused.set({ stage }, 0);
      w.resume().catch((error: Error) => this.log.warn('runner.resume-failed', { stage, error: error.message }));
    }
  }

  async stop(options: { drainMs?: number } = {}): Promise<void> {
    const drainMs = options.drainMs ?? 30_000;
    const workers = [...this.workers.values()];
    this.workers.clear();
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.allSettled(workers.map((w) => w.close())).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), drainMs))),
    ]);
    clearTimeout(timer);
    if (!finished) {
      // jobs still running lose their locks and are picked up again by the stalled-job check
      this.log.warn('runner.released', { note: `in-flight jobs did not finish within ${drainMs} ms; they will be retried` });
      await Promise.allSettled(workers.map((w) => w.close(true)));
    }
    this.log.info('runner.stopped', { runner: 'bullmq' });
  }

  async close(): Promise<void> {
    if (this.workers.size) await this.stop();
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    await this.client.quit().catch(() => {});
  }

  /** Deletes every key of this prefix's queues (tests and benchmarks clean up with it). */
  async obliterate(): Promise<void> {
    for (const stage of STAGES) await this.queue(stage).obliterate({ force: true });
  }
}
