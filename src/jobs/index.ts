/** Continuous ingestion and scale-out: stages, runners (embedded SQLite, BullMQ on Redis), scheduling, metrics and status. */
export type * from './types.ts';
export { STAGES, INTAKE_STAGES, SINK_STAGES, PermanentJobError } from './types.ts';
export { startEmbedded, embeddedJobsPath, type EmbeddedOptions } from './embedded/start.ts';
export { EmbeddedRunner, DEFAULT_EMBEDDED_CONCURRENCY, type EmbeddedRunnerOptions } from './embedded/runner.ts';
export { startWorker, type WorkerOptions } from './bullmq/start.ts';
export { BullRunner, DEFAULT_BULL_CONCURRENCY, type BullRunnerOptions } from './bullmq/runner.ts';
export { createRedisClient, parseRedisUrl } from './bullmq/redis-client.ts';
export { startIngestion, type Ingestion, type IngestionOptions } from './service.ts';
export { addFeeds, enqueueUrls, enqueueArticles, enqueuePages, enqueueReanalysis, openQueue, type AddFeedOptions } from './api.ts';
export { createAnalyser, pipelineModel, type Analyser, type AnalyserOptions } from './analyser.ts';
export { createJobMetrics, stageCosts, type JobMetrics } from './metrics.ts';
export { metricsHandler, metricsApp, serveMetrics, type MetricsServer } from './metrics-http.ts';
export { createLogger, silentLogger, type Logger, type LogLevel } from './log.ts';
export { Scheduler, type SchedulerOptions } from './scheduler.ts';
export { Backpressure, type BackpressureOptions } from './backpressure.ts';
export { nextPollAt, dueFeeds, retryDelay, type PollPolicy } from './backoff.ts';
export { jobKey, transportId } from './ids.ts';
export { collectStatus, renderStatus, type StatusReport, type FeedHealth } from './status.ts';
