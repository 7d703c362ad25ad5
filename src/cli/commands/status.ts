import { openStore, type Store } from '../../store/index.ts';
import { BullRunner } from '../../jobs/bullmq/runner.ts';
import { parseRedisUrl } from '../../jobs/bullmq/redis-client.ts';
import { embeddedJobsPath } from '../../jobs/embedded/start.ts';
import { EmbeddedRunner } from '../../jobs/embedded/runner.ts';
import { collectStatus, renderStatus } from '../../jobs/status.ts';
import type { JobQueue } from '../../jobs/types.ts';
import { parse, positiveInt } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

export const statusHelp = `Usage: spinscope status [options]

Shows continuous ingestion: jobs per stage (waiting, active, delayed, dead),
jobs done in the last minute and hour, articles awaiting analysis, and the
health of every feed (last poll, failures, next poll, last error).

Options:
  --store URL          the store: a SQLite file (default ./spinscope.db) or postgres://…
  --redis URL          the BullMQ queues on this Redis; default: the embedded job table
  --prefix NAME        Redis key prefix (default spinscope)
  --dead               list the dead letters: jobs out of attempts, with their errors
  --limit N            dead letters listed (default 100)
  --format text|json   default text`;

export async function statusCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse(
    args,
    {
      store: { type: 'string' },
      redis: { type: 'string' },
      prefix: { type: 'string' },
      dead: { type: 'boolean' },
      limit: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    ctx.stdout.write(`${statusHelp}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  const limit = positiveInt(values.limit, '--limit', 100);
  if (values.redis !== undefined) {
    try {
      parseRedisUrl(values.redis);
    } catch (error) {
      throw new UsageError(`--redis: ${(error as Error).message}`);
    }
  }
  let store: Store;
  try {
    store = await openStore(values.store);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  let queue: JobQueue | undefined;
  try {
    queue = values.redis
      ? new BullRunner({ redisUrl: values.redis, readOnly: true, ...(values.prefix && { prefix: values.prefix }) })
      : new EmbeddedRunner({ path: embeddedJobsPath(values.store !== undefined ? { database: values.store } : {}) });
    let report;
    try {
      report = await withTimeout(collectStatus(queue, store, { dead: Boolean(values.dead), limit }), 5000, values.redis ? `Redis at ${values.redis} did not answer` : 'the job table did not answer');
    } catch (error) {
      throw new CommandError(`cannot read the queues: ${(error as Error).message}`);
    }
    ctx.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${renderStatus(report)}\n`);
    return 0;
  } finally {
    await queue?.close().catch(() => {});
    await store.close();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(why)), ms)))]).finally(() => clearTimeout(timer));
}
