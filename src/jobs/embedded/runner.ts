/**
 * The embedded runner: jobs in a table of the SQLite store's file, worked on
 * in this process with a concurrency per stage. Nothing else to install, and
 * durable: a job is deleted only after the jobs it hands on are queued, and a
 * process that dies leaves leases that run out and are claimed again.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { retryDelay } from '../backoff.ts';
import { executeJob } from '../execute.ts';
import { errorMessage, silentLogger, type Logger } from '../log.ts';
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
import { JobTable, type ClaimedJob } from './job-table.ts';

export interface EmbeddedRunnerOptions {
  /** The SQLite file (the store's own) that holds the job table. */
  path: string;
  /** Tries per job before it goes to the dead letters (default 5). */
  attempts?: number;
  /** First retry delay; doubles per attempt, jittered (default 1 s, at most 5 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed job is ours without a renewal (default 60 s); renewed every third of it while running. */
  leaseMs?: number;
  /** How often to look for jobs other processes queued or that came off backoff (default 500 ms). */
  pollMs?: number;
  metrics?: JobMetrics;
  log?: Logger;
  now?: () => number;
  random?: () => number;
}

export const DEFAULT_EMBEDDED_CONCURRENCY: Record<Stage, number> = {
  'poll-feed': 2,
  'poll-sitemap': 1,
  fetch: 8,
  extract: 2,
  dedup: 1,
  index: 2,
  analyse: 2,
};

export class EmbeddedRunner implements JobRunner {
  readonly kind = 'embedded' as const;
  readonly metrics: JobMetrics;
  private readonly table: JobTable;
  private readonly log: Logger;
  private readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly attempts: number;
  private readonly leaseMs: number;
  private readonly inflight = new Map<Stage, number>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly paused = new Set<Stage>();
  private readonly timers: NodeJS.Timeout[] = [];
  private handlers: Handlers | undefined;
  private stages: readonly Stage[] = [];
  private concurrency: Record<Stage, number> = { ...DEFAULT_EMBEDDED_CONCURRENCY };
  private stopping = false;
  private pumpQueued = false;

  constructor(private readonly options: EmbeddedRunnerOptions) {
    this.table = new JobTable(options.path, { ...(options.now && { now: options.now }) });
    this.metrics = options.metrics ?? createJobMetrics();
    this.log = options.log ?? silentLogger;
    this.attempts = options.attempts ?? 5;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.metrics.setDepthSource(() => this.depths());
  }

  async enqueue(jobs: readonly JobSpec[]): Promise<number> {
    if (jobs.length === 0) return 0;
    const added = this.table.add(jobs, this.attempts);
    if (added) this.wake();
    return added;
  }

  async depths(): Promise<Record<Stage, StageDepth>> {
    return this.table.depths();
  }

  async deadLetters(limit?: number): Promise<DeadLetter[]> {
    return this.table.deadLetters(limit);
  }

  async throughput(): Promise<Throughput[]> {
    this.table.flushStats();
    return this.table.throughput();
  }

  async start(handlers: Handlers, options: RunOptions = {}): Promise<void> {
    this.handlers = handlers;
    this.stages = options.stages ?? STAGES;
    for (const [stage, n] of Object.entries(options.concurrency ?? {})) this.concurrency[stage as Stage] = Math.max(1, n);
    const reaped = this.table.reapExpired();
    if (reaped) this.log.warn('jobs.lease-expired', { jobs: reaped, note: 'jobs of a process that stopped are queued again' });
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.options.pollMs ?? 500, () => this.wake());
    every(Math.max(1000, Math.floor(this.leaseMs / 3)), () => this.guard(() => this.table.renew(this.owner, this.leaseMs)));
    every(Math.max(1000, Math.floor(this.leaseMs / 2)), () => this.guard(() => this.table.reapExpired()));
    every(5000, () => this.guard(() => this.table.flushStats()));
    this.log.info('runner.started', { runner: 'embedded', stages: this.stages, concurrency: this.concurrency, owner: this.owner });
    this.wake();
  }

  pause(stages: readonly Stage[]): void {
    for (const s of stages) {
      this.paused.add(s);
      this.metrics.paused.set({ stage: s }, 1);
    }
  }

  resume(stages: readonly Stage[]): void {
    for (const s of stages) {
      this.paused.delete(s);
      this.metrics.paused.set({ stage: s }, 0);
    }
    this.wake();
  }

  /** A timer's database call failing (a busy file) is logged and tried again on the next tick. */
  private guard(fn: () => unknown): void {
    try {
      fn();
    } catch (error) {
      this.log.warn('runner.housekeeping-failed', { error: errorMessage(error) });
    }
  }

  private wake(): void {
    if (this.pumpQueued || this.stopping || !this.handlers) return;
    this.pumpQueued = true;
    setImmediate(() => {
      this.pumpQueued = false;
      this.guard(() => this.pump());
    });
  }

  private pump(): void {
    for (const stage of this.stages) {
      if (this.stopping) return;
      if (this.paused.has(stage)) continue;
      const free = this.concurrency[stage] - (this.inflight.get(stage) ?? 0);
      if (free <= 0) continue;
      for (const job of this.table.claim(stage, free, this.owner, this.leaseMs)) {
        const run = this.run(job).finally(() => this.running.delete(job.id));
        this.running.set(job.id, run);
      }
    }
  }

  private async run(job: ClaimedJob): Promise<void> {
    const { stage } = job;
    this.inflight.set(stage, (this.inflight.get(stage) ?? 0) + 1);
    const info = { stage, key: job.id, attempt: job.attempts, maxAttempts: job.maxAttempts };
    try {
      await executeJob({ handlers: this.handlers!, enqueue: (jobs) => this.enqueue(jobs), metrics: this.metrics, log: this.log }, info, job.data as never);
      this.table.complete(job.id, stage);
    } catch (error) {
      const message = errorMessage(error);
      const final = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      const delay = final ? null : retryDelay(job.attempts, this.options.backoffMs ?? 1000, this.options.maxBackoffMs ?? 300_000, this.options.random);
      try {
        this.table.fail(job.id, stage, message, delay);
      } catch (writeError) {
        // the lease runs out and the job comes back: at least once still holds
        this.log.error('job.fail-not-recorded', { stage, job: job.id, error: errorMessage(writeError) });
      }
      this.metrics.failed.inc({ stage, final: String(final) });
      const fields = { stage, job: job.id, attempt: job.attempts, error: message };
      if (final) this.log.error('job.dead', fields);
      else this.log.warn('job.retry', { ...fields, retryInMs: delay });
    } finally {
      this.inflight.set(stage, (this.inflight.get(stage) ?? 1) - 1);
      this.wake();
    }
  }

  async stop(options: { drainMs?: number } = {}): Promise<void> {
    this.stopping = true;
    for (const t of this.timers.splice(0)) clearInterval(t);
    const drainMs = options.drainMs ?? 30_000;
    if (this.running.size) {
      this.log.info('runner.draining', { jobs: this.running.size, drainMs });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.running.values()]),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs))),
      ]);
      clearTimeout(timer);
    }
    // what did not finish in time goes back to the queue for the next process
    for (const id of this.running.keys()) this.guard(() => this.table.release(id, this.owner));
    if (this.running.size) this.log.warn('runner.released', { jobs: this.running.size });
    this.guard(() => this.table.flushStats());
    this.log.info('runner.stopped', { runner: 'embedded' });
  }

  async close(): Promise<void> {
    if (!this.stopping) await this.stop();
    this.table.close();
  }
}
