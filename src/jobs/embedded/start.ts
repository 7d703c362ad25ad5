/**
 * `startEmbedded`: continuous ingestion with nothing else installed. The
 * jobs live in the SQLite store's own file, the work runs in this process
 * (analysis in worker threads), and `stop()` leaves unfinished jobs queued
 * for the next start.
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_DATABASE, parseStoreUrl } from '../../store/open.ts';
import { startIngestion, type Ingestion, type IngestionOptions } from '../service.ts';
import { EmbeddedRunner, type EmbeddedRunnerOptions } from './runner.ts';

export interface EmbeddedOptions extends Omit<IngestionOptions, 'runner'> {
  /** What the store was opened with (a path, `sqlite:path`, `:memory:`, or a postgres:// URL). Default: ./spinscope.db. */
  database?: string;
  /** The job table's SQLite file, when it should not be the store's (default: the store's file; ./spinscope-jobs.db next to a PostgreSQL store). */
  jobsPath?: string;
  /** Attempts, backoff, lease and polling of the job table. */
  runner?: Omit<EmbeddedRunnerOptions, 'path' | 'metrics' | 'log'>;
}

export function embeddedJobsPath(options: Pick<EmbeddedOptions, 'database' | 'jobsPath'>): string {
  if (options.jobsPath) return options.jobsPath;
  const where = parseStoreUrl(options.database ?? DEFAULT_DATABASE);
  return where.kind === 'sqlite' ? where.path : './spinscope-jobs.db';
}

export async function startEmbedded(options: EmbeddedOptions): Promise<Ingestion> {
  const threads = options.analyser?.threads ?? Math.max(1, availableParallelism() - 1);
  const runner = new EmbeddedRunner({ ...options.runner, path: embeddedJobsPath(options), ...(options.log && { log: options.log }) });
  try {
    return await startIngestion({
      ...options,
      runner,
      analyser: { ...options.analyser, threads },
      concurrency: { analyse: Math.max(2, threads * 2), ...options.concurrency },
    });
  } catch (error) {
    await runner.close().catch(() => {});
    throw error;
  }
}
