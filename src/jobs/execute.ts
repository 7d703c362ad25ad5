/**
 * Running one job, the same way in both runners: the stage function, then
 * its next jobs queued, then its commit step, with the time it took and one
 * log line. Whatever it throws goes back to the runner, which decides
 * between a retry and the dead letters.
 */
import type { Logger } from './log.ts';
import type { JobMetrics } from './metrics.ts';
import type { Handlers, JobInfo, JobSpec, Payloads, Stage, StageOutcome } from './types.ts';

export interface ExecuteDeps {
  handlers: Handlers;
  enqueue: (jobs: readonly JobSpec[]) => Promise<number>;
  metrics: JobMetrics;
  log: Logger;
}

export async function executeJob<S extends Stage>(deps: ExecuteDeps, info: JobInfo & { stage: S }, data: Payloads[S]): Promise<void> {
  const started = performance.now();
  const handler = deps.handlers[info.stage] as unknown as (data: Payloads[S], job: JobInfo) => Promise<StageOutcome>;
  deps.log.debug('job.started', { stage: info.stage, job: info.key, attempt: info.attempt });
  const outcome = await handler(data, info);
  const added = outcome.next.length ? await deps.enqueue(outcome.next) : 0;
  await outcome.commit?.();
  const seconds = (performance.now() - started) / 1000;
  deps.metrics.duration.observe({ stage: info.stage }, seconds);
  deps.metrics.completed.inc({ stage: info.stage });
  deps.log.debug('job.completed', {
    stage: info.stage,
    job: info.key,
    attempt: info.attempt,
    ms: Math.round(seconds * 1000),
    next: outcome.next.length,
    added,
    ...(outcome.note && { note: outcome.note }),
  });
}
