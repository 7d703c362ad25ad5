import { parseAllowEntry } from '../../ingest/fetch/allow-list.ts';
import { openStore, type Store } from '../../store/index.ts';
import { addFeeds, enqueueReanalysis } from '../../jobs/api.ts';
import { startWorker } from '../../jobs/bullmq/start.ts';
import { startEmbedded } from '../../jobs/embedded/start.ts';
import { createLogger, type LogLevel } from '../../jobs/log.ts';
import { parseRedisUrl } from '../../jobs/bullmq/redis-client.ts';
import type { Ingestion } from '../../jobs/service.ts';
import { STAGES, type Stage } from '../../jobs/types.ts';
import { allowHostList, layerList, parse, positiveInt } from '../args.ts';
import { CommandError, UsageError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

export const workerHelp = `Usage: spinscope worker [options]

Ingests continuously: polls the store's feeds and sitemaps, fetches, extracts,
de-duplicates, stores and analyses new articles until stopped (SIGTERM or
Ctrl-C finish the jobs in flight first). With --redis the stages run on BullMQ
queues shared by any number of worker processes on any number of machines;
without it, everything runs in this process on a job table in the SQLite store.
Logs are JSON lines on standard error.

Options:
  --store URL          the store: a SQLite file (default ./spinscope.db) or postgres://…
  --redis URL          BullMQ on this Redis (redis://host:port[/db]); default: embedded
  --prefix NAME        Redis key prefix, one per deployment (default spinscope)
  --stages LIST        stages this process works on (default all): ${STAGES.join(',')}
  --concurrency N|LIST jobs in flight per stage: one number for all, or fetch=16,analyse=2
  --threads N          analysis threads (default: cores − 1, at least 1)
  --layers LIST        analysis layers (default: the standard ones)
  --feed URL           register a feed or sitemap before starting; repeatable
  --reanalyse          queue every stored article for analysis by the current models
                       (up-to-date ones are skipped), then keep running
  --no-scheduler       do not poll feeds from this process (another one does)
  --max-backlog N      analyse+index jobs waiting before fetching pauses (default 500)
  --attempts N         tries per job before it becomes a dead letter (default 5)
  --lock-duration MS   BullMQ: a job whose worker stops renewing its lock this long is
                       run again elsewhere (default 30000)
  --metrics-port N     serve Prometheus /metrics on 127.0.0.1:N
  --allow-host HOST_OR_CIDR
                       let fetches reach this non-public host or range; repeatable
  --min-interval MS    least time between two requests to one host (default 1000)
  --log-level LEVEL    debug, info, warn or error (default info)`;

function stageList(value: string | undefined): Stage[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(STAGES as readonly string[]).includes(n)) throw new UsageError(`unknown stage '${n}'; stages: ${STAGES.join(', ')}`);
  if (!names.length) throw new UsageError('--stages needs at least one stage');
  return names as Stage[];
}

export function concurrencyOption(value: string | undefined): Partial<Record<Stage, number>> | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n < 1) throw new UsageError('--concurrency must be at least 1');
    return Object.fromEntries(STAGES.map((s) => [s, n]));
  }
  const out: Partial<Record<Stage, number>> = {};
  for (const part of value.split(',')) {
    const m = /^([a-z-]+)=(\d+)$/.exec(part.trim());
    if (!m || !(STAGES as readonly string[]).includes(m[1]!) || Number(m[2]) < 1) {
      throw new UsageError(`--concurrency takes a number or stage=N pairs (e.g. fetch=16,analyse=2), not '${value}'`);
    }
    out[m[1] as Stage] = Number(m[2]);
  }
  return out;
}

function logLevel(value: string | undefined): LogLevel {
  if (value === undefined) return 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(value)) throw new UsageError(`--log-level must be debug, info, warn or error, not '${value}'`);
  return value as LogLevel;
}

/** Resolves on the first SIGTERM or SIGINT. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

export async function workerCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse(
    args,
    {
      store: { type: 'string' },
      redis: { type: 'string' },
      prefix: { type: 'string' },
      stages: { type: 'string' },
      concurrency: { type: 'string' },
      threads: { type: 'string' },
      layers: { type: 'string' },
      feed: { type: 'string', multiple: true },
      reanalyse: { type: 'boolean' },
      'no-scheduler': { type: 'boolean' },
      'max-backlog': { type: 'string' },
      attempts: { type: 'string' },
      'lock-duration': { type: 'string' },
      'metrics-port': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'min-interval': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    ctx.stdout.write(`${workerHelp}\n`);
    return 0;
  }
  const stages = stageList(values.stages);
  const concurrency = concurrencyOption(values.concurrency);
  const threads = values.threads === undefined ? undefined : positiveInt(values.threads, '--threads', 1);
  const layers = layerList(values.layers);
  const maxBacklog = values['max-backlog'] === undefined ? undefined : positiveInt(values['max-backlog'], '--max-backlog', 500);
  const attempts = values.attempts === undefined ? undefined : Math.max(1, positiveInt(values.attempts, '--attempts', 5));
  const lockMs = values['lock-duration'] === undefined ? undefined : Math.max(1000, positiveInt(values['lock-duration'], '--lock-duration', 30_000));
  const metricsPort = values['metrics-port'] === undefined ? undefined : positiveInt(values['metrics-port'], '--metrics-port', 0);
  if (metricsPort !== undefined && metricsPort > 65535) throw new UsageError('--metrics-port must be a port number (0–65535)');
  const minInterval = values['min-interval'] === undefined ? undefined : positiveInt(values['min-interval'], '--min-interval', 1000);
  const allow = allowHostList(values['allow-host'], parseAllowEntry);
  const prefix = values.prefix;
  if (prefix !== undefined && !/^[A-Za-z0-9_.-]+$/.test(prefix)) throw new UsageError(`--prefix takes letters, digits, '.', '_' and '-', not '${prefix}'`);
  if (values.redis !== undefined) {
    try {
      parseRedisUrl(values.redis);
    } catch (error) {
      throw new UsageError(`--redis: ${(error as Error).message}`);
    }
  }
  const log = createLogger({ stream: ctx.stderr, level: logLevel(values['log-level']), fields: { pid: process.pid } });

  let store: Store;
  try {
    store = await openStore(values.store);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  let ingestion: Ingestion | undefined;
  try {
    if (values.feed?.length) {
      try {
        await addFeeds(store, values.feed);
      } catch (error) {
        throw new UsageError(`--feed: ${(error as Error).message}`);
      }
    }
    const common = {
      store,
      log,
      ...(stages && { stages }),
      ...(concurrency && { concurrency }),
      analyser: { ...(threads !== undefined && { threads }), ...(layers && { layers }) },
      fetcherOptions: { ...(allow && { allow }), ...(minInterval !== undefined && { minIntervalMs: minInterval }) },
      ...(values['no-scheduler'] && { scheduler: false as const }),
      ...(maxBacklog !== undefined && { maxBacklog }),
      ...(metricsPort !== undefined && { metricsPort }),
    };
    try {
      ingestion = values.redis
        ? await startWorker({ ...common, redisUrl: values.redis, ...(prefix && { prefix }), runner: { ...(attempts && { attempts }), ...(lockMs && { lockDurationMs: lockMs, stalledIntervalMs: lockMs }) } })
        : await startEmbedded({ ...common, ...(values.store !== undefined && { database: values.store }), runner: { ...(attempts && { attempts }) } });
    } catch (error) {
      throw new CommandError(`cannot start the worker: ${(error as Error).message}`);
    }
    if (ingestion.metricsServer) log.info('metrics.listening', { url: `http://127.0.0.1:${ingestion.metricsServer.port}/metrics` });
    const stopping = stopSignal();
    const aborter = new AbortController();
    if (values.reanalyse) {
      enqueueReanalysis(store, ingestion.runner, { signal: aborter.signal }).then(
        (queued) => log.info('reanalyse.queued', { articles: queued }),
        (error: Error) => log.error('reanalyse.failed', { error: error.message }),
      );
    }
    const signal = await stopping;
    aborter.abort();
    log.info('worker.stopping', { signal });
    await ingestion.stop({ drainMs: 20_000 });
    ingestion = undefined;
    return 0;
  } finally {
    if (ingestion) await ingestion.stop({ drainMs: 0 }).catch(() => {});
    await store.close();
  }
}
