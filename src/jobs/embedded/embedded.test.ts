import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/open.ts';
import { addFeeds } from '../api.ts';
import { nextPollAt } from '../backoff.ts';
import { collectStatus } from '../status.ts';
import { startNewsSite } from '../testing/news-site.ts';
import { waitFor } from '../testing/wait.ts';
import { createLogger } from '../log.ts';
import { EmbeddedRunner } from './runner.ts';
import { startEmbedded } from './start.ts';

const quiet = createLogger({ level: 'error' });

test('embedded: a feed is polled, its pages fetched, stored and analysed once each, and the next poll is a 304', async (t) => {
  const site = await startNewsSite({ articles: 6 });
  const dir = await mkdtemp(join(tmpdir(), 'spinscope-embedded-'));
  const db = join(dir, 'store.db');
  const store = await openStore(db);
  t.after(async () => {
    await store.close();
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });
  const [feedId] = await addFeeds(store, [site.feedUrl], { pollIntervalS: 1 });
  const ingestion = await startEmbedded({
    store,
    database: db,
    fetcherOptions: { allow: ['127.0.0.1'], minIntervalMs: 0, retryBaseMs: 10 },
    analyser: { threads: 1 },
    scheduler: { tickMs: 200, policy: { jitter: 0 } },
    log: quiet,
  });
  let stopped = false;
  t.after(async () => {
    if (!stopped) await ingestion.stop({ drainMs: 0 });
  });

  const analysed = async () => (await store.stats()).tables.analyses ?? 0;
  await waitFor('six analyses', analysed, (n) => n >= 6);
  // at least two more polls after the first: both must be answered 304 and fetch nothing again
  await waitFor('two more polls', () => site.hits.get('/feed.xml') ?? 0, (n) => n >= 3, 30_000);
  await waitFor('idle queues', () => ingestion.runner.depths(), (d) => Object.values(d).every((s) => s.waiting + s.active + s.delayed === 0));

  const stats = await store.stats();
  assert.equal(stats.tables.articles, 6, 'one row per article');
  assert.equal(stats.tables.analyses, 6, 'one analysis per article');
  for (const a of site.articles) assert.equal(site.hits.get(new URL(site.urlOf(a)).pathname), 1, `${a.slug} fetched once`);
  const [feed] = await store.listFeeds();
  assert.equal(feed!.id, feedId);
  assert.equal(feed!.failures, 0);
  assert.match(feed!.etag ?? '', /^"feed-1-6"$/);

  const found = await store.search({ q: site.articles[0]!.title.split(' ')[0]! });
  assert.ok(found.total >= 1, 'stored articles are searchable');
  const article = await store.findArticle({ url: site.urlOf(site.articles[2]!) });
  assert.ok(article, 'found by its URL');
  assert.equal(article.title, site.articles[2]!.title);
  assert.equal(article.needsAnalysis, false);
  const analysis = await store.latestAnalysis(article.id);
  assert.equal(analysis!.model.name, 'spinscope');
  assert.ok(analysis!.analysis.layers.techniques, 'the default layers ran');

  // a new item in the feed: only it is fetched
  site.setFeedSize(6); // same size, new ETag: a changed feed with nothing new in it
  await waitFor('a full poll after the change', () => site.hits.get('/feed.xml') ?? 0, (n) => n >= 5, 30_000);
  assert.equal((await store.stats()).tables.articles, 6);

  const report = await collectStatus(ingestion.runner, store, { dead: true });
  assert.equal(report.runner, 'embedded');
  assert.equal(report.deadLetters, 0);
  assert.equal(report.feeds[0]!.failures, 0);
  assert.ok(report.throughput.some((r) => r.stage === 'analyse' && r.lastHour >= 6), JSON.stringify(report.throughput));

  const metrics = await ingestion.metrics.registry.metrics();
  assert.match(metrics, /spinscope_jobs_completed_total\{stage="fetch"\} 6/);
  assert.match(metrics, /spinscope_articles_ingested_total\{status="inserted"\} 6/);
  assert.match(metrics, /spinscope_feed_polls_total\{outcome="not-modified"\} \d+/);
  assert.match(metrics, /spinscope_queue_depth\{stage="analyse",state="waiting"\} 0/);
  await ingestion.stop();
  stopped = true;
});

test('embedded: a failing feed is recorded with its error and backed off, a 404 page becomes a dead letter', async (t) => {
  const site = await startNewsSite({ articles: 3 });
  const dir = await mkdtemp(join(tmpdir(), 'spinscope-embedded-'));
  const db = join(dir, 'store.db');
  const store = await openStore(db);
  t.after(async () => {
    await store.close();
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });
  site.fail('/news/story-1.html', 404);
  site.fail('/feed.xml', 500);
  await addFeeds(store, [site.feedUrl], { pollIntervalS: 1 });
  const ingestion = await startEmbedded({
    store,
    database: db,
    fetcherOptions: { allow: ['127.0.0.1'], minIntervalMs: 0, retryBaseMs: 5, maxAttempts: 1 },
    analyser: { threads: 0, layers: ['genre'] },
    scheduler: { tickMs: 100, policy: { jitter: 0 } },
    log: quiet,
  });
  t.after(() => ingestion.stop({ drainMs: 0 }));
  const failed = await waitFor('a failed poll', async () => (await store.listFeeds())[0]!, (f) => f.failures >= 1);
  assert.match(failed.lastError ?? '', /500/);
  // backoff: the 1 s interval doubles per recorded failure
  assert.equal(nextPollAt(failed, { jitter: 0 }) - Date.parse(failed.lastPolledAt!), 1000 * 2 ** failed.failures);

  site.fail('/feed.xml', null);
  await waitFor('two articles', async () => (await store.stats()).tables.articles ?? 0, (n) => n === 2);
  const dead = await waitFor('the dead letter', () => ingestion.runner.deadLetters(), (d) => d.length === 1);
  assert.equal(dead[0]!.stage, 'fetch');
  assert.match(dead[0]!.key, /story-1\.html$/);
  assert.match(dead[0]!.error, /404/);
  assert.equal(dead[0]!.attempts, 1, 'a permanent failure is not retried');
  const recovered = await waitFor('a good poll', async () => (await store.listFeeds())[0]!, (f) => f.failures === 0);
  assert.equal(recovered.lastError, null);
});

test('embedded: a job whose process died is claimed again when its lease runs out', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spinscope-lease-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'jobs.db');
  let clock = 1_000_000;
  const first = new EmbeddedRunner({ path, leaseMs: 10_000, now: () => clock });
  await first.enqueue([{ stage: 'analyse', key: 'analyse:1:x', data: { articleId: 1 } }]);
  // a worker claims the job and then "dies": it never completes nor renews
  const claimed = (first as unknown as { table: { claim(s: string, n: number, o: string, l: number): unknown[] } }).table.claim('analyse', 1, 'dead-worker', 10_000);
  assert.equal(claimed.length, 1);
  assert.deepEqual((await first.depths()).analyse, { waiting: 0, active: 1, delayed: 0, dead: 0 });

  const second = new EmbeddedRunner({ path, leaseMs: 10_000, now: () => clock });
  const seen: number[] = [];
  const handlers = Object.fromEntries(
    ['poll-feed', 'poll-sitemap', 'fetch', 'extract', 'dedup', 'index', 'analyse'].map((s) => [s, async (data: { articleId: number }) => (seen.push(data.articleId), { next: [] })]),
  );
  await second.start(handlers as never, { stages: ['analyse'] });
  clock += 5_000;
  await new Promise((r) => setTimeout(r, 700));
  assert.deepEqual(seen, [], 'the lease still holds');
  clock += 6_000;
  (second as unknown as { table: { reapExpired(): number } }).table.reapExpired();
  await waitFor('the job to run again', () => seen.length, (n) => n === 1, 10_000);
  await waitFor('the queue to empty', () => second.depths(), (d) => d.analyse.active + d.analyse.waiting === 0, 10_000);
  await second.close();
  await first.close();
});
