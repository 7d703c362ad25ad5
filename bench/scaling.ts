/**
 * Scale-out numbers for docs/scaling.md (`node --import tsx bench/scaling.ts`):
 *
 *  A. the embedded default, end to end: generated HTML files on disk →
 *     extract → dedup → store → analyse → searchable, in one process;
 *  B. BullMQ with 1, 2 and 4 `spinscope worker` processes on a local news
 *     site (feed → fetch → … → analysis in PostgreSQL), with each stage's
 *     cost per article from the workers' own /metrics, Redis commands per
 *     article (our own redis-server, so nothing else is counted) and rows
 *     written per article (the run's own PostgreSQL schema).
 *
 *  C. the store's write cost per article (upsert + analysis), one writer,
 *     SQLite and PostgreSQL: the database side of the capacity model.
 *
 * Bounded: BENCH_EMBEDDED (default 300) files, BENCH_ARTICLES (default 120)
 * per BullMQ run, BENCH_WORKERS (default 1,2,4), BENCH_ROUNDS (default 2)
 * rounds of each, BENCH_WRITES (default 100) articles written in C. The
 * machine's load average is recorded with each round: on a shared machine
 * the numbers move with it.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { enqueuePages } from '../src/jobs/api.ts';
import { startEmbedded } from '../src/jobs/embedded/start.ts';
import { createLogger } from '../src/jobs/log.ts';
import { stageCosts } from '../src/jobs/metrics.ts';
import { articleHtml, generateArticles } from '../src/jobs/testing/corpus.ts';
import { startNewsSite } from '../src/jobs/testing/news-site.ts';
import { freePort, spawnWorker, startOwnRedis, type ChildWorker } from '../src/jobs/testing/processes.ts';
import { waitFor } from '../src/jobs/testing/wait.ts';
import { openStore } from '../src/store/open.ts';
import { dropSchema, schemaUrl, testSchemaName, TEST_PG } from '../src/store/postgres/test-database.ts';

const EMBEDDED = Number(process.env.BENCH_EMBEDDED ?? 300);
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 120);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').filter(Boolean).map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WRITES = Number(process.env.BENCH_WRITES ?? 100);
const quiet = createLogger({ level: 'error' });

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function embedded(): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'spinscope-bench-'));
  try {
    const articles = generateArticles(EMBEDDED, { seed: 11 });
    await Promise.all(articles.map((a) => writeFile(join(dir, `${a.slug}.html`), articleHtml(a, `https://herald.example/news/${a.slug}.html`))));
    const db = join(dir, 'store.db');
    const store = await openStore(db);
    const ingestion = await startEmbedded({ store, database: db, scheduler: false, log: quiet });
    // the models load (and the JIT warms) before the clock starts: a running `spinscope start` is past that
    const warm = generateArticles(4, { seed: 99 }).map((a) => ({ url: `https://warm.example/${a.slug}`, html: articleHtml(a, `https://warm.example/${a.slug}`) }));
    await enqueuePages(ingestion.runner, warm);
    await waitFor('warm-up', async () => (await store.stats()).tables.analyses ?? 0, (n) => n >= 4, 300_000, 50);

    const started = performance.now();
    const names = (await readdir(dir)).filter((n) => n.endsWith('.html'));
    const pages = await Promise.all(names.map(async (n) => ({ url: `https://herald.example/news/${n}`, html: await readFile(join(dir, n), 'utf8') })));
    await enqueuePages(ingestion.runner, pages);
    await waitFor('all analysed', async () => (await store.stats()).tables.analyses ?? 0, (n) => n >= EMBEDDED + 4, 900_000, 50);
    const seconds = (performance.now() - started) / 1000;
    const searchable = (await store.search({ q: 'said', limit: 1 })).total;
    const costs = await stageCosts(ingestion.metrics);
    await ingestion.stop();
    await store.close();
    return { articles: EMBEDDED, seconds, perSecond: EMBEDDED / seconds, searchable, stageMs: costs, threads: Math.max(1, availableParallelism() - 1) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** C. The store's write cost per article, one writer, no queue: what bounds the database side. */
async function writeCost(): Promise<Record<string, unknown>> {
  const { createPipeline } = await import('../src/analyze/pipeline.ts');
  const { toAnalysisJson } = await import('../src/output/analysis-json.ts');
  const { pageToArticle } = await import('../src/jobs/stages/extract.ts');
  const { contentHash } = await import('../src/ingest/dedup/content-hash.ts');
  const n = WRITES;
  const pipeline = await createPipeline();
  const items = generateArticles(n, { seed: 5 }).map((a) => {
    const url = `https://herald.example/news/${a.slug}.html`;
    const article = pageToArticle({ url, finalUrl: url, html: articleHtml(a, url), fetchedAt: new Date().toISOString() }, new Date());
    const analysis = toAnalysisJson(pipeline.analyze({ text: article.text }), { layers: pipeline.requested });
    return { article: { ...article, canonicalUrl: url, contentHash: contentHash(article.text) }, analysis };
  });
  const model = { name: 'spinscope', version: 'bench' };
  const out: Record<string, unknown> = { articles: n };
  const dir = await mkdtemp(join(tmpdir(), 'spinscope-bench-writes-'));
  const schema = testSchemaName();
  try {
    for (const [name, url] of [['sqlite', join(dir, 'w.db')], ['postgres', schemaUrl(schema)]] as const) {
      const store = await openStore(url);
      try {
        let t = performance.now();
        const ids: number[] = [];
        for (const it of items) ids.push((await store.upsertArticles([it.article]))[0]!.id);
        const upsertMs = (performance.now() - t) / n;
        t = performance.now();
        for (let i = 0; i < n; i++) await store.saveAnalyses([{ articleId: ids[i]!, analysis: items[i]!.analysis, model }]);
        const analysisMs = (performance.now() - t) / n;
        out[name] = { upsertMs, saveAnalysisMs: analysisMs, articlesPerSecond: 1000 / (upsertMs + analysisMs) };
      } finally {
        await store.close();
      }
    }
  } finally {
    await dropSchema(schema);
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

function parseProm(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(spinscope_stage_duration_seconds_(?:sum|count))\{stage="([a-z-]+)"\} ([0-9.e+-]+)$/.exec(line);
    if (m) out.set(`${m[1]}|${m[2]}`, Number(m[3]));
  }
  return out;
}

/** Calls per command since the server started (INFO commandstats). */
async function redisCommands(port: number): Promise<Map<string, number>> {
  const { connect } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write('INFO commandstats\r\n'));
    let buf = '';
    s.on('data', (d) => {
      buf += d;
      const header = /^\$(\d+)\r\n/.exec(buf);
      if (!header || Buffer.byteLength(buf) < header[0].length + Number(header[1])) return;
      s.destroy();
      const out = new Map<string, number>();
      for (const m of buf.matchAll(/cmdstat_([a-z|]+):calls=(\d+)/g)) out.set(m[1]!, Number(m[2]));
      resolve(out);
    });
    s.on('error', reject);
  });
}

function commandDelta(before: Map<string, number>, after: Map<string, number>, articles: number): { total: number; top: Record<string, number> } {
  const delta = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const total = delta.reduce((n, [, v]) => n + v, 0) / articles;
  return { total, top: Object.fromEntries(delta.slice(0, 8).map(([k, v]) => [k, Number((v / articles).toFixed(1))])) };
}

async function rowsWritten(schema: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    // row counts, not pg_stat (whose counters reach the view a second or more late)
    const { rows: tables } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'", [schema]);
    const out: Record<string, number> = {};
    for (const { table_name } of tables) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${table_name}"`);
      out[table_name] = Number(rows[0]!.n);
    }
    return out;
  } finally {
    await client.end();
  }
}

async function bullRun(processes: number, round: number, redisUrl: string, redisPort: number): Promise<Record<string, unknown>> {
  const site = await startNewsSite({ articles: ARTICLES, seed: 20 + processes });
  const schema = testSchemaName();
  const store = await openStore(schemaUrl(schema));
  const workers: ChildWorker[] = [];
  try {
    const ports = await Promise.all(Array.from({ length: processes }, () => freePort()));
    // a prefix per run: a new store under an old prefix would find its first poll's key already done
    const prefix = `bench-${processes}-${round}`;
    for (const port of ports) {
      workers.push(
        spawnWorker([
          '--redis', redisUrl, '--prefix', prefix, '--store', schemaUrl(schema), '--allow-host', '127.0.0.1', '--min-interval', '0',
          '--threads', '1', '--metrics-port', String(port), '--log-level', 'info',
        ]),
      );
    }
    // every process loads its models before the feed is registered, so start-up is not in the rate
    for (const w of workers) await waitFor('analyser ready', () => w.events().some((e) => e.event === 'analyser.ready'), Boolean, 300_000, 100);
    const before = await rowsWritten(schema);
    const commands0 = await redisCommands(redisPort);
    // the clock starts when the feed is read, not at the scheduler's next tick (up to 5 s later)
    const feedRead = site.hold('/feed.xml');
    await store.upsertFeeds([{ url: site.feedUrl }]);
    await feedRead;
    const started = performance.now();
    site.release('/feed.xml');
    await waitFor('all analysed', async () => (await store.stats()).tables.analyses ?? 0, (n) => n >= ARTICLES, 900_000, 100);
    const seconds = (performance.now() - started) / 1000;
    const commands = commandDelta(commands0, await redisCommands(redisPort), ARTICLES);
    const after = await rowsWritten(schema);
    const rows: Record<string, number> = {};
    for (const [t, n] of Object.entries(after)) if (n - (before[t] ?? 0) > 0) rows[t] = Number(((n - (before[t] ?? 0)) / ARTICLES).toFixed(2));
    const sums = new Map<string, number>();
    for (const port of ports) {
      const prom = parseProm(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
      for (const [k, v] of prom) sums.set(k, (sums.get(k) ?? 0) + v);
    }
    const stageMs: Record<string, number> = {};
    for (const [k, v] of sums) {
      const [name, stage] = k.split('|') as [string, string];
      if (name.endsWith('_sum')) stageMs[stage] = (v / (sums.get(`spinscope_stage_duration_seconds_count|${stage}`) || 1)) * 1000;
    }
    const stats = await store.stats();
    return {
      processes,
      articles: ARTICLES,
      stored: stats.tables.articles,
      analyses: stats.tables.analyses,
      seconds,
      perSecond: ARTICLES / seconds,
      redisCommandsPerArticle: commands.total,
      redisCommandsTop: commands.top,
      rowsPerArticle: rows,
      stageMs,
    };
  } finally {
    for (const w of workers) if (w.process.exitCode === null) w.process.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    await store.close();
    await site.close();
    await dropSchema(schema);
  }
}

const machine = { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg().map((x) => Number(x.toFixed(2))) };
say(`machine: ${JSON.stringify(machine)}`);
const results: Record<string, unknown> = { machine };
if (EMBEDDED > 0) {
  say(`A. embedded, ${EMBEDDED} HTML files …`);
  const runs = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const r = { ...(await embedded()), round, loadavg: loadavg().map((x) => Number(x.toFixed(2))) };
    say(JSON.stringify(r));
    runs.push(r);
  }
  results.embedded = runs;
}
if (WRITES > 0) {
  say(`C. store writes, ${WRITES} articles, one writer …`);
  results.writes = await writeCost();
  say(JSON.stringify(results.writes));
}
const dir = await mkdtemp(join(tmpdir(), 'spinscope-bench-redis-'));
const redis = WORKERS.length ? await startOwnRedis(dir, { persist: false }) : undefined;
try {
  const runs = [];
  for (const n of WORKERS) {
    for (let round = 1; round <= ROUNDS; round++) {
      say(`B. BullMQ, ${n} worker process(es), ${ARTICLES} articles, round ${round} …`);
      const r = { ...(await bullRun(n, round, redis!.url, redis!.port)), round, loadavg: loadavg().map((x) => Number(x.toFixed(2))) };
      say(JSON.stringify(r));
      runs.push(r);
    }
  }
  results.bullmq = runs;
} finally {
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
}
results.loadavgAfter = loadavg().map((x) => Number(x.toFixed(2)));
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
