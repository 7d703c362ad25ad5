/**
 * `startWorker`: one `spinscope worker` process on the BullMQ queues. Every
 * process can run the scheduler; a Redis lease lets only one of them tick.
 */
import { startIngestion, type Ingestion, type IngestionOptions } from '../service.ts';
import { RedisLock } from './lock.ts';
import { BullRunner, type BullRunnerOptions } from './runner.ts';

export interface WorkerOptions extends Omit<IngestionOptions, 'runner'> {
  redisUrl: string;
  prefix?: string;
  runner?: Omit<BullRunnerOptions, 'redisUrl' | 'prefix' | 'metrics' | 'log'>;
}

export async function startWorker(options: WorkerOptions): Promise<Ingestion> {
  const prefix = options.prefix ?? 'spinscope';
  const runner = new BullRunner({ ...options.runner, redisUrl: options.redisUrl, prefix, ...(options.log && { log: options.log }) });
  const lock = options.scheduler === false ? undefined : new RedisLock(options.redisUrl, `${prefix}:scheduler-lock`);
  try {
    const ingestion = await startIngestion({
      ...options,
      runner,
      scheduler: options.scheduler === false ? false : { ...options.scheduler, ...(lock && { leader: () => lock.acquire() }) },
    });
    return {
      ...ingestion,
      async stop(stopOptions) {
        await ingestion.stop(stopOptions);
        await lock?.release();
      },
    };
  } catch (error) {
    await runner.close().catch(() => {});
    await lock?.release();
    throw error;
  }
}
