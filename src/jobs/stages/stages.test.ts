import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fetcher } from '../../ingest/fetch/fetcher.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/types.ts';
import type { AnalysisJson } from '../../output/analysis-json.ts';
import type { Analyser } from '../analyser.ts';
import { silentLogger } from '../log.ts';
import { createJobMetrics } from '../metrics.ts';
import { startNewsSite } from '../testing/news-site.ts';
import type { IndexJob, JobSpec } from '../types.ts';
import { PermanentJobError } from '../types.ts';
import { analyseStage } from './analyse.ts';
import { DEFAULT_LIMITS, type StageContext } from './context.ts';
import { DedupState, dedupStage } from './dedup.ts';
import { extractStage } from './extract.ts';
import { fetchStage } from './fetch.ts';
import { indexStage } from './index-stage.ts';
import { pollFeedStage, pollSitemapStage } from './poll.ts';

/** Analysis without the models: a stand-in that counts its calls. */
function fakeAnalyser(version: string): Analyser & { calls: number } {
  const a = {
    calls: 0,
    model: { name: 'spinscope', version },
    async analyse(input: { text: string }) {
      a.calls++;
      return { schema: 'https://spinscope.dev/schema/analysis-v1.json', text: input.text, length: [...input.text].length, language: { code: 'en', score: 1 }, layers: {} } as AnalysisJson;
    },
    close: async () => {},
  };
  return a;
}

function context(store: Store, analyser: Analyser): StageContext {
  return {
    store,
    fetcher: new Fetcher({ allow: ['127.0.0.1'], minIntervalMs: 0, retryBaseMs: 5, maxAttempts: 1 }),
    analyser: async () => analyser,
    dedup: new DedupState(store),
    metrics: createJobMetrics(),
    log: silentLogger,
    now: () => new Date(),
    limits: DEFAULT_LIMITS,
  };
}

/** Runs a job and everything it leads to, depth first, as a runner would (the stages' own outputs are the inputs). */
async function drain(ctx: StageContext, first: JobSpec[], seen: JobSpec[] = []): Promise<JobSpec[]> {
  const run = { 'poll-feed': pollFeedStage, 'poll-sitemap': pollSitemapStage, fetch: fetchStage, extract: extractStage, dedup: dedupStage, index: indexStage, analyse: analyseStage };
  for (const job of first) {
    seen.push(job);
    const outcome = await (run[job.stage] as (d: unknown, c: StageContext) => ReturnType<typeof fetchStage>)(job.data, ctx);
    await drain(ctx, outcome.next, seen);
    await outcome.commit?.();
  }
  return seen;
}

test('stages: a feed poll leads to stored, analysed articles; a redelivered analysis is not saved twice', async (t) => {
  const site = await startNewsSite({ articles: 3 });
  const store = await openStore(':memory:');
  t.after(async () => {
    await store.close();
    await site.close();
  });
  const [feedId] = await store.upsertFeeds([{ url: site.feedUrl }]);
  const analyser = fakeAnalyser('1.0+a');
  const ctx = context(store, analyser);
  const jobs = await drain(ctx, [{ stage: 'poll-feed', key: 'p', data: { feedId: feedId!, url: site.feedUrl } }]);
  assert.deepEqual(
    jobs.map((j) => j.stage),
    ['poll-feed', ...Array.from({ length: 3 }, () => ['fetch', 'extract', 'dedup', 'index', 'analyse', 'index']).flat()],
  );
  assert.equal((await store.stats()).tables.analyses, 3);
  const [feed] = await store.listFeeds();
  assert.equal(feed!.etag, '"feed-1-3"');
  assert.ok(feed!.lastOkAt);

  // the same index job delivered again (a worker died after the commit): nothing new is written
  const indexAnalysis = jobs.filter((j): j is JobSpec & { stage: 'index'; data: IndexJob } => j.stage === 'index' && j.data.kind === 'analysis');
  for (const j of indexAnalysis) assert.match((await indexStage(j.data, ctx)).note ?? '', /already saved/);
  // and the analyse job again: skipped before running the pipeline
  const calls = analyser.calls;
  for (const j of jobs.filter((j) => j.stage === 'analyse')) assert.deepEqual((await analyseStage(j.data as never, ctx)).next, []);
  assert.equal(analyser.calls, calls);
  assert.equal((await store.stats()).tables.analyses, 3);

  // polled again: 304, nothing queued
  const again = await pollFeedStage({ feedId: feedId!, url: site.feedUrl, etag: feed!.etag }, ctx);
  assert.deepEqual(again.next, []);
  assert.equal(again.note, 'not modified');

  // a new pipeline version makes the same articles due again, once
  const upgraded = fakeAnalyser('1.1+b');
  const ctx2 = { ...ctx, analyser: async () => upgraded };
  const ids = (await store.search({ limit: 10 })).items.map((i) => i.id);
  await drain(ctx2, ids.map((id) => ({ stage: 'analyse' as const, key: `a${id}`, data: { articleId: id } })));
  assert.equal(upgraded.calls, 3);
  assert.equal((await store.stats()).tables.analyses, 6, 'history kept: one old and one new analysis per article');
  assert.equal((await store.latestAnalysis(ids[0]!))!.model.version, '1.1+b');
});

test('stages: an analysis of text that has changed since is dropped; the changed article is analysed instead', async (t) => {
  const store = await openStore(':memory:');
  t.after(() => store.close());
  const ctx = context(store, fakeAnalyser('1'));
  const [first] = await drain(ctx, [{ stage: 'dedup', key: 'd', data: { article: { url: 'https://x.example/a', authors: [], text: 'First version of the story, long enough to count as text.', modifiedAt: '2026-01-01T00:00:00Z' } } }]).then((j) => j.filter((x) => x.stage === 'analyse'));
  const id = (first!.data as { articleId: number }).articleId;
  const article = (await store.getArticle(id))!;
  const stale = { kind: 'analysis' as const, articleId: id, analysis: (await store.latestAnalysis(id))!.analysis, model: { name: 'spinscope', version: '2' }, textHash: 'not-the-current-hash' };
  assert.match((await indexStage(stale, ctx)).note ?? '', /stale/);
  assert.equal((await store.analysisHistory(id)).length, 1);
  assert.equal(article.canonicalUrl, 'https://x.example/a');
  const text = 'Second version of the story, rewritten after new facts came in.';
  const jobs = await drain(ctx, [{ stage: 'dedup', key: 'd2', data: { article: { url: 'https://x.example/a', authors: [], text, modifiedAt: '2026-01-02T00:00:00Z' } } }]);
  assert.deepEqual(jobs.map((j) => j.stage), ['dedup', 'index', 'analyse', 'index']);
  const history = await store.analysisHistory(id);
  assert.equal(history.length, 2, 'the updated article got its own analysis, in the same row');
  assert.equal((await store.latestAnalysis(id))!.analysis.text, text);
});

test('stages: sitemaps list recent URLs; 404 pages and pages without text fail permanently', async (t) => {
  const site = await startNewsSite({ articles: 2 });
  const store = await openStore(':memory:');
  t.after(async () => {
    await store.close();
    await site.close();
  });
  const ctx = context(store, fakeAnalyser('1'));
  const out = await pollSitemapStage({ url: site.sitemapUrl }, { ...ctx, now: () => new Date('2026-01-16T00:00:00Z') });
  assert.deepEqual(out.next.map((j) => j.stage), ['fetch', 'fetch']);
  assert.equal((await pollSitemapStage({ url: site.sitemapUrl }, { ...ctx, now: () => new Date('2026-03-01T00:00:00Z') })).next.length, 0, 'old entries are skipped');
  await assert.rejects(fetchStage({ url: `${site.origin}/nope.html` }, ctx), (e: Error) => e instanceof PermanentJobError && /404/.test(e.message));
  await assert.rejects(
    extractStage({ url: 'https://x.example/e', finalUrl: 'https://x.example/e', html: '<html><body></body></html>', fetchedAt: '2026-01-01T00:00:00Z' }, ctx),
    PermanentJobError,
  );
});
