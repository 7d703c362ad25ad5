/**
 * The shapes continuous ingestion passes around: stages, the plain-data
 * payload of each, jobs, and the one JobRunner interface that the embedded
 * (SQLite) and BullMQ (Redis) runners both implement. Payloads are plain
 * JSON so they cross processes, queues and the job table unchanged.
 */
import type { Article } from '../ingest/article.ts';
import type { AnalysisJson } from '../output/analysis-json.ts';
import type { ArticleInput } from '../store/types.ts';
import type { ModelInfo } from '../text/document.ts';
import type { JobMetrics } from './metrics.ts';

/** In the order an article passes through them; polls come first and feed the rest. */
export const STAGES = ['poll-feed', 'poll-sitemap', 'fetch', 'extract', 'dedup', 'index', 'analyse'] as const;
export type Stage = (typeof STAGES)[number];

/** Stages that bring new work in: backpressure pauses these when analysis falls behind. */
export const INTAKE_STAGES: readonly Stage[] = ['poll-feed', 'poll-sitemap', 'fetch'];
/** Stages whose backlog is the signal for backpressure. */
export const SINK_STAGES: readonly Stage[] = ['analyse', 'index'];

/** What a feed item already told us, used where the page itself says less. */
export interface ArticleHint {
  title?: string;
  publishedAt?: string;
  modifiedAt?: string;
  authors?: string[];
  lang?: string;
  siteName?: string;
}

export interface PollFeedJob {
  feedId: number;
  url: string;
  etag?: string | null;
  lastModified?: string | null;
}

export interface PollSitemapJob {
  url: string;
  /** The feed row the sitemap is registered as, for its health fields. */
  feedId?: number;
  /** Nesting below a sitemap index (stops runaway indexes). */
  depth?: number;
}

export interface FetchJob {
  url: string;
  /** The feed or sitemap it came from. */
  feed?: string;
  hint?: ArticleHint;
}

export interface ExtractJob {
  url: string;
  finalUrl: string;
  html: string;
  fetchedAt: string;
  feed?: string;
  hint?: ArticleHint;
}

export interface DedupJob {
  article: Article;
}

export interface AnalyseJob {
  articleId: number;
}

export type IndexJob =
  | { kind: 'article'; article: ArticleInput }
  | { kind: 'analysis'; articleId: number; analysis: AnalysisJson; model: ModelInfo; textHash: string };

export interface Payloads {
  'poll-feed': PollFeedJob;
  'poll-sitemap': PollSitemapJob;
  fetch: FetchJob;
  extract: ExtractJob;
  dedup: DedupJob;
  index: IndexJob;
  analyse: AnalyseJob;
}

/** A job to add: `key` is its logical id (`fetch:<canonical url>`); adding a key that is still queued adds nothing. */
export type JobSpec = { [S in Stage]: { stage: S; key: string; data: Payloads[S] } }[Stage];

/** What a handler sees of the job it runs. */
export interface JobInfo {
  stage: Stage;
  key: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
}

/** A stage's result: the jobs it hands on (added before the job counts as done) and a short note for the log. */
export interface StageOutcome {
  next: JobSpec[];
  note?: string;
  /** Runs after `next` is queued and before the job counts as done (e.g. recording a feed poll, which must not get ahead of the items it found). */
  commit?: () => Promise<void>;
}

export type StageHandler<S extends Stage = Stage> = (data: Payloads[S], job: JobInfo) => Promise<StageOutcome>;
export type Handlers = { [S in Stage]: StageHandler<S> };

/** A failure that retrying cannot fix (a 404, a page with no article): the job goes to the dead letters at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface StageDepth {
  /** Ready to run now. */
  waiting: number;
  active: number;
  /** Waiting for a retry's backoff or a later start. */
  delayed: number;
  /** Dead letters: out of attempts or failed permanently. */
  dead: number;
}

export interface DeadLetter {
  stage: Stage;
  key: string;
  attempts: number;
  error: string;
  /** ISO 8601. */
  failedAt: string;
}

export interface Throughput {
  stage: Stage;
  /** Jobs completed in the last minute and the last hour. */
  lastMinute: number;
  lastHour: number;
  failedLastHour: number;
}

/** Reading and adding to the queues: what `status` and `enqueueUrls` need. */
export interface JobQueue {
  readonly kind: 'embedded' | 'bullmq';
  /** Returns how many were new. */
  enqueue(jobs: readonly JobSpec[]): Promise<number>;
  depths(): Promise<Record<Stage, StageDepth>>;
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  throughput(): Promise<Throughput[]>;
  close(): Promise<void>;
}

export interface RunOptions {
  /** Stages this process works on (default: all). */
  stages?: readonly Stage[];
  /** Jobs of a stage in flight at once in this process. */
  concurrency?: Partial<Record<Stage, number>>;
}

/** A queue that also works: processes the stages it is given until stopped. */
export interface JobRunner extends JobQueue {
  readonly metrics: JobMetrics;
  start(handlers: Handlers, options?: RunOptions): Promise<void>;
  /** Stops taking jobs from these stages (backpressure) until resumed; in-flight ones finish. */
  pause(stages: readonly Stage[]): void;
  resume(stages: readonly Stage[]): void;
  /** Finishes in-flight jobs (or hands them back after `drainMs`), then stops. */
  stop(options?: { drainMs?: number }): Promise<void>;
}
