/**
 * Continuous ingestion in one process: a runner working on some or all
 * stages, the scheduler (where this process schedules), backpressure, and
 * optionally `/metrics` on a port. The embedded default and `spinscope
 * worker` both start through here; only the runner differs.
 */
import { Fetcher, type FetcherOptions } from '../ingest/fetch/fetcher.ts';
import type { Store } from '../store/types.ts';
import { createAnalyser, type Analyser, type AnalyserOptions } from './analyser.ts';
import { Backpressure } from './backpressure.ts';
import { stageHandlers } from './handlers.ts';
import { silentLogger, type Logger } from './log.ts';
import type { JobMetrics } from './metrics.ts';
import { serveMetrics, type MetricsServer } from './metrics-http.ts';
import { Scheduler, type SchedulerOptions } from './scheduler.ts';
import { DEFAULT_LIMITS, type StageContext, type StageLimits } from './stages/context.ts';
import { DedupState, type DedupOptions } from './stages/dedup.ts';
import { STAGES, type JobRunner, type Stage } from './types.ts';

export interface IngestionOptions {
  store: Store;
  runner: JobRunner;
  stages?: readonly Stage[];
  concurrency?: Partial<Record<Stage, number>>;
  fetcherOptions?: FetcherOptions;
  analyser?: AnalyserOptions;
  /** false: this process does not schedule polls (another one does). */
  scheduler?: false | SchedulerOptions;
  /** Analyse + index backlog that pauses intake (default 500). */
  maxBacklog?: number;
  dedup?: DedupOptions;
  limits?: Partial<StageLimits>;
  /** Serve `/metrics` on this loopback port (0: any free one). */
  metricsPort?: number;
  metricsHost?: string;
  log?: Logger;
  now?: () => Date;
}

export interface Ingestion {
  readonly runner: JobRunner;
  readonly metrics: JobMetrics;
  readonly scheduler: Scheduler | undefined;
  readonly backpressure: Backpressure;
  /** Where `/metrics` is served, when asked for. */
  readonly metricsServer: MetricsServer | undefined;
  /** Finishes in-flight jobs (or hands them back after `drainMs`), then releases threads, timers and the runner's connections. The store stays open: it is the caller's. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

export async function startIngestion(options: IngestionOptions): Promise<Ingestion> {
  const { store, runner } = options;
  const log = options.log ?? silentLogger;
  const stages = options.stages ?? STAGES;
  const now = options.now ?? (() => new Date());
  let analyser: Promise<Analyser> | undefined;
  const ctx: StageContext = {
    store,
    fetcher: new Fetcher(options.fetcherOptions),
    analyser: () => {
      analyser ??= createAnalyser(options.analyser).then((a) => {
        log.info('analyser.ready', { model: a.model, threads: options.analyser?.threads ?? 1 });
        return a;
      });
      return analyser;
    },
    dedup: new DedupState(store, options.dedup, log, now),
    metrics: runner.metrics,
    log,
    now,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  };
  const backpressure = new Backpressure(runner, { ...(options.maxBacklog !== undefined && { maxBacklog: options.maxBacklog }), log });
  const scheduler =
    options.scheduler === false
      ? undefined
      : new Scheduler(store, runner, { log, depths: () => runner.depths(), holdIntake: () => backpressure.engaged, ...options.scheduler });
  // the models load while the first feeds are polled, not when the first article arrives
  if (stages.includes('analyse')) void ctx.analyser().catch(() => {});
  if (stages.includes('dedup')) void ctx.dedup.ready().catch(() => {});
  let metricsServer: MetricsServer | undefined;
  if (options.metricsPort !== undefined) metricsServer = await serveMetrics(runner.metrics.registry, options.metricsPort, options.metricsHost);
  await runner.start(stageHandlers(ctx), { stages, ...(options.concurrency && { concurrency: options.concurrency }) });
  backpressure.start();
  scheduler?.start();
  return {
    runner,
    metrics: runner.metrics,
    scheduler,
    backpressure,
    metricsServer,
    async stop(stopOptions = {}) {
      backpressure.stop();
      await scheduler?.stop();
      await runner.stop(stopOptions);
      await runner.close();
      await metricsServer?.close();
      if (analyser) await (await analyser.catch(() => undefined))?.close();
    },
  };
}
