import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { dueFeeds, nextPollAt, retryDelay } from './backoff.ts';
import { JobTable } from './embedded/job-table.ts';
import { jobKey, transportId } from './ids.ts';
import { createLogger } from './log.ts';
import { createJobMetrics } from './metrics.ts';
import { metricsHandler } from './metrics-http.ts';
import { Scheduler } from './scheduler.ts';
import { isPermanentFetchError } from './stages/fetch.ts';
import type { Feed, Store } from '../store/types.ts';

const feed = (over: Partial<Feed>): Feed => ({
  id: 1, url: 'https://x.example/feed', source: null, title: null, etag: null, lastModified: null, pollIntervalS: 600, paused: false,
  lastPolledAt: null, lastOkAt: null, lastError: null, failures: 0, createdAt: '2026-01-01T00:00:00Z', ...over,
});

test('retry delays double per attempt, jittered within ±20%, and stop at the cap', () => {
  assert.equal(retryDelay(1, 1000, 60_000, () => 0.5), 1000);
  assert.equal(retryDelay(4, 1000, 60_000, () => 0.5), 8000);
  assert.equal(retryDelay(30, 1000, 60_000, () => 0.5), 60_000);
  assert.equal(retryDelay(1, 1000, 60_000, () => 0), 800);
  assert.equal(retryDelay(1, 1000, 60_000, () => 0.999999), 1200);
});

test('a feed is due after its interval with a stable jitter, and backs off while it fails', () => {
  const last = '2026-03-01T10:00:00.000Z';
  const t0 = Date.parse(last);
  assert.equal(nextPollAt(feed({})), 0, 'never polled: due now');
  const ok = nextPollAt(feed({ lastPolledAt: last }));
  assert.ok(Math.abs(ok - (t0 + 600_000)) <= 60_000, 'within ±10% of the interval');
  assert.equal(nextPollAt(feed({ lastPolledAt: last })), ok, 'the same feed and poll get the same jitter');
  assert.notEqual(nextPollAt(feed({ id: 2, lastPolledAt: last })), ok, 'other feeds are spread out');
  const noJitter = { jitter: 0 };
  assert.equal(nextPollAt(feed({ lastPolledAt: last, failures: 3 }), noJitter), t0 + 8 * 600_000);
  assert.equal(nextPollAt(feed({ lastPolledAt: last, failures: 30 }), noJitter), t0 + 6 * 3600_000, 'capped at 6 hours');
  const feeds = [feed({ id: 1 }), feed({ id: 2, lastPolledAt: last }), feed({ id: 3, paused: true })];
  assert.deepEqual(dueFeeds(feeds, t0 + 1000).map((f) => f.id), [1]);
  assert.deepEqual(dueFeeds(feeds, t0 + 700_000).map((f) => f.id), [1, 2]);
});

test('job keys name the work: tracking parameters and fragments do not make a second fetch', () => {
  assert.equal(jobKey.fetch('https://News.example/a?utm_source=x#top'), jobKey.fetch('https://news.example/a'));
  assert.notEqual(jobKey.analyse(5, 'aa'.repeat(32)), jobKey.analyse(5, 'bb'.repeat(32)));
  const id = transportId('fetch', jobKey.fetch('https://news.example/a'));
  assert.match(id, /^fetch-[0-9a-f]{40}$/, 'BullMQ ids have no colon');
});

test('fetch failures that retrying cannot fix are told apart from transient ones', () => {
  assert.ok(isPermanentFetchError('https://x/a: server answered 404 Not Found'));
  assert.ok(isPermanentFetchError('https://x/a: blocked by robots.txt'));
  assert.ok(isPermanentFetchError('https://x/a: refused: 10.0.0.1 is a private address'));
  assert.ok(!isPermanentFetchError('https://x/a: server answered 503 Service Unavailable after 3 attempts'));
  assert.ok(!isPermanentFetchError('https://x/a: server answered 429 Too Many Requests'));
  assert.ok(!isPermanentFetchError('https://x/a: blocked by robots.txt (it answered 503; try again later)'));
  assert.ok(!isPermanentFetchError('https://x/a: connection reset'));
});

test('the job table: keys dedupe, failures back off then die, released jobs keep their attempt', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spinscope-jobs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  let now = 1_000_000;
  const table = new JobTable(join(dir, 'jobs.db'), { now: () => now });
  t.after(() => table.close());
  const job = { stage: 'fetch' as const, key: 'fetch:https://x/a', data: { url: 'https://x/a' } };
  assert.equal(table.add([job, job], 2), 1);
  assert.equal(table.add([job], 2), 0, 'a queued key is not added again');

  let [claimed] = table.claim('fetch', 5, 'me', 10_000);
  assert.deepEqual(claimed, { id: job.key, stage: 'fetch', data: job.data, attempts: 1, maxAttempts: 2 });
  assert.equal(table.claim('fetch', 5, 'other', 10_000).length, 0, 'a leased job is not handed out twice');
  table.fail(job.key, 'fetch', 'reset', 5000);
  assert.deepEqual(table.depths().fetch, { waiting: 0, active: 0, delayed: 1, dead: 0 });
  assert.equal(table.claim('fetch', 5, 'me', 10_000).length, 0, 'not before its backoff');
  now += 5000;
  [claimed] = table.claim('fetch', 5, 'me', 10_000);
  assert.equal(claimed!.attempts, 2);
  table.release(job.key, 'me');
  [claimed] = table.claim('fetch', 5, 'me', 10_000);
  assert.equal(claimed!.attempts, 2, 'a job handed back at shutdown keeps its attempt');
  table.fail(job.key, 'fetch', 'reset again', null);
  assert.deepEqual(table.depths().fetch, { waiting: 0, active: 0, delayed: 0, dead: 1 });
  assert.equal(table.add([job], 2), 0, 'a dead key is not queued again by the next poll');
  const [dead] = table.deadLetters();
  assert.deepEqual({ ...dead, failedAt: undefined }, { stage: 'fetch', key: job.key, attempts: 2, error: 'reset again', failedAt: undefined });

  table.add([{ stage: 'analyse', key: 'analyse:1:x', data: { articleId: 1 } }], 1);
  table.claim('analyse', 1, 'gone', 1000);
  now += 2000;
  assert.equal(table.reapExpired(), 1);
  assert.equal(table.depths().analyse.dead, 1, 'out of attempts when its lease ran out');
  assert.match(table.deadLetters()[0]!.error, /lease expired/);
  table.flushStats();
  assert.deepEqual(table.throughput().find((r) => r.stage === 'fetch'), { stage: 'fetch', lastMinute: 0, lastHour: 0, failedLastHour: 2 });
});

test('the scheduler queues due feeds under keys of their last poll, and holds them back under backpressure', async () => {
  const feeds = [feed({ id: 1, etag: '"e1"' }), feed({ id: 2, lastPolledAt: new Date().toISOString() })];
  const store = { listFeeds: async () => feeds, pendingAnalysis: async () => [7, 8] } as unknown as Store;
  const queued: { stage: string; key: string; data: unknown }[] = [];
  let hold = false;
  const scheduler = new Scheduler(store, { enqueue: async (jobs) => (queued.push(...jobs), jobs.length) }, { holdIntake: () => hold });
  assert.deepEqual(await scheduler.tick(), { polls: 1, analyses: 2 });
  assert.deepEqual(queued[0], { stage: 'poll-feed', key: 'poll-feed:1:never', data: { feedId: 1, url: feed({}).url, etag: '"e1"', lastModified: null } });
  assert.deepEqual(queued.slice(1).map((j) => j.stage), ['analyse', 'analyse']);
  hold = true;
  queued.length = 0;
  assert.deepEqual(await scheduler.tick(), { polls: 0, analyses: 0, skipped: 'backpressure' });
  const follower = new Scheduler(store, { enqueue: async () => 0 }, { leader: async () => false });
  assert.deepEqual(await follower.tick(), { polls: 0, analyses: 0, skipped: 'not-leader' });
});

test('/metrics answers in the Prometheus text format from a Hono app', async () => {
  const metrics = createJobMetrics();
  metrics.completed.inc({ stage: 'fetch' }, 3);
  metrics.setDepthSource(async () => ({ fetch: { waiting: 4, active: 1, delayed: 0, dead: 2 } }) as never);
  const app = new Hono();
  app.get('/metrics', metricsHandler(metrics.registry));
  const res = await app.request('/metrics');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  const body = await res.text();
  assert.match(body, /spinscope_jobs_completed_total\{stage="fetch"\} 3/);
  assert.match(body, /spinscope_queue_depth\{stage="fetch",state="waiting"\} 4/);
  assert.match(body, /spinscope_queue_depth\{stage="fetch",state="dead"\} 2/);
});

test('logs are one JSON object per line with level, event and fields', () => {
  const lines: string[] = [];
  const log = createLogger({ stream: { write: (l: string) => lines.push(l) }, level: 'info', now: () => new Date(0) }).child({ pid: 1 });
  log.debug('hidden');
  log.warn('job.retry', { stage: 'fetch', job: 'fetch:x' });
  assert.deepEqual(lines, ['{"ts":"1970-01-01T00:00:00.000Z","level":"warn","event":"job.retry","pid":1,"stage":"fetch","job":"fetch:x"}\n']);
});

test('enqueueUrls and enqueueArticles add work once, to the job table next to the store', async (t) => {
  const { openQueue, enqueueUrls, enqueueArticles, addFeeds } = await import('./api.ts');
  const { openStore } = await import('../store/open.ts');
  const dir = await mkdtemp(join(tmpdir(), 'spinscope-queue-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const db = join(dir, 'store.db');
  const queue = await openQueue({ database: db });
  t.after(() => queue.close());
  assert.equal(await enqueueUrls(queue, ['https://n.example/a?utm_medium=x', 'https://n.example/a', 'https://n.example/b']), 2);
  const article = { url: 'https://n.example/c', authors: [], text: 'Some text of the article.' };
  assert.equal(await enqueueArticles(queue, [article, article]), 1);
  const depths = await queue.depths();
  assert.equal(depths.fetch.waiting, 2);
  assert.equal(depths.dedup.waiting, 1);
  const store = await openStore(db);
  t.after(() => store.close());
  const ids = await addFeeds(store, ['https://n.example/feed.xml', 'https://n.example/feed.xml']);
  assert.equal(new Set(ids).size, 1);
  await assert.rejects(addFeeds(store, ['ftp://n.example/feed']), /not an http\(s\) feed URL/);
});
