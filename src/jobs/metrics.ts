/**
 * Prometheus metrics of continuous ingestion, on a registry of their own
 * (never prom-client's global one, so two runners in one process, or a test
 * next to a server, cannot mix their counts).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Stage, StageDepth } from './types.ts';

export type FeedPollOutcome = 'ok' | 'not-modified' | 'error';
export type ArticleOutcome = 'inserted' | 'updated' | 'unchanged';

export interface JobMetrics {
  readonly registry: Registry;
  readonly completed: Counter<'stage'>;
  /** `final`: 'true' when the job went to the dead letters, 'false' when it will be retried. */
  readonly failed: Counter<'stage' | 'final'>;
  readonly duration: Histogram<'stage'>;
  readonly articles: Counter<'status'>;
  readonly analyses: Counter<'status'>;
  readonly feedPolls: Counter<'outcome'>;
  readonly queueDepth: Gauge<'stage' | 'state'>;
  readonly paused: Gauge<'stage'>;
  /** Where `queueDepth` reads depths from when scraped. */
  setDepthSource(source: () => Promise<Record<Stage, StageDepth>>): void;
}

export function createJobMetrics(registry: Registry = new Registry()): JobMetrics {
  let depthSource: (() => Promise<Record<Stage, StageDepth>>) | undefined;
  const registers = [registry];
  const queueDepth = new Gauge({
    name: 'spinscope_queue_depth',
    help: 'Jobs per stage and state (waiting, active, delayed, dead), read from the queue when scraped',
    labelNames: ['stage', 'state'] as const,
    registers,
    async collect() {
      if (!depthSource) return;
      try {
        const depths = await depthSource();
        for (const [stage, d] of Object.entries(depths)) {
          for (const state of ['waiting', 'active', 'delayed', 'dead'] as const) this.set({ stage, state }, d[state]);
        }
      } catch {
        // a queue that cannot be read leaves the last values; the scrape itself must not fail
      }
    },
  });
  return {
    registry,
    completed: new Counter({ name: 'spinscope_jobs_completed_total', help: 'Jobs completed per stage', labelNames: ['stage'] as const, registers }),
    failed: new Counter({ name: 'spinscope_jobs_failed_total', help: 'Job attempts that failed per stage (final: sent to the dead letters)', labelNames: ['stage', 'final'] as const, registers }),
    duration: new Histogram({
      name: 'spinscope_stage_duration_seconds',
      help: 'Time a stage took per job',
      labelNames: ['stage'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    articles: new Counter({ name: 'spinscope_articles_ingested_total', help: 'Articles written to the store, by outcome', labelNames: ['status'] as const, registers }),
    analyses: new Counter({ name: 'spinscope_analyses_total', help: 'Analyses saved, or skipped as already up to date', labelNames: ['status'] as const, registers }),
    feedPolls: new Counter({ name: 'spinscope_feed_polls_total', help: 'Feed polls by outcome', labelNames: ['outcome'] as const, registers }),
    queueDepth,
    paused: new Gauge({ name: 'spinscope_stage_paused', help: '1 while backpressure holds a stage back in this process', labelNames: ['stage'] as const, registers }),
    setDepthSource(source) {
      depthSource = source;
    },
  };
}

/** Sum and count of the stage-duration histogram per stage: mean ms per job, for benchmarks and status. */
export async function stageCosts(metrics: JobMetrics): Promise<Record<string, { jobs: number; meanMs: number }>> {
  const out: Record<string, { jobs: number; meanMs: number }> = {};
  const { values } = await metrics.duration.get();
  const sums = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const v of values) {
    const stage = String(v.labels.stage);
    if (v.metricName === 'spinscope_stage_duration_seconds_sum') sums.set(stage, v.value);
    if (v.metricName === 'spinscope_stage_duration_seconds_count') counts.set(stage, v.value);
  }
  for (const [stage, jobs] of counts) out[stage] = { jobs, meanMs: jobs ? ((sums.get(stage) ?? 0) / jobs) * 1000 : 0 };
  return out;
}
