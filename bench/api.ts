/**
 * Load on the HTTP API: 200 concurrent clients on loopback for 30 s, a mix
 * of searches, single articles and dashboards, against a SQLite store with
 * the bundled examples plus a few thousand generated articles (synthetic
 * analyses: techniques, frames, genre, narratives, actors, quotes).
 *
 * The server runs in a child process (this file with `serve`), so that the
 * load generator does not share its event loop. Rate limits are raised out
 * of the way: this measures the API, not the limiter. Results go to
 * docs/benchmarks.md (section `api`).
 *
 *   node --import tsx bench/api.ts            (BENCH_CLIENTS, BENCH_SECONDS, BENCH_ARTICLES)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TECHNIQUE_IDS } from '../src/analyze/techniques/taxonomy.ts';
import { bundledExamples } from '../src/examples.ts';
import { inProcessAnalyzer } from '../src/server/analyzer.ts';
import { openSqliteTokenStore } from '../src/server/auth/sqlite-token-store.ts';
import { createToken } from '../src/server/auth/tokens.ts';
import { ingestExamplesIfEmpty } from '../src/server/examples-ingest.ts';
import { startServer } from '../src/server/server.ts';
import { openStore } from '../src/store/open.ts';
import { syntheticAnalysis, type SyntheticSpec } from '../src/store/synthetic.ts';
import type { ArticleInput, Store } from '../src/store/types.ts';
import { codePointLength } from '../src/text/offsets.ts';
import { machine, writeSection } from './report.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = 3;
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 5000);

// ---------------------------------------------------------------- data

/** Deterministic, so that two runs load the same store. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each generated article is about one topic: a search for a topic word finds a share of the store, as real searches do. */
const TOPICS = [
  'grain corridor talks shipping exports harvest insurance Black Sea',
  'sanctions energy prices gas pipeline tariffs market inflation',
  'election poll parliament opposition coalition ballot campaign',
  'ceasefire truce border troops refugees shelling talks',
  'harbour strike workers union wages port dockers',
  'climate drought summit emissions delegates walkout',
  'court ruling investigation journalists media report',
  'budget deficit minister finance taxes spending',
].map((t) => t.split(' '));
const FILLER = (
  'the a of in on for with to and that this was were has have had by from at as it its their officials said would could again week ' +
  'government people country city region year month day new first last many more most some other about after before over under between ' +
  'statement spokesman according told reporters later earlier during while since because however also still already'
).split(' ');
const OUTLETS = ['alpha.example', 'beta.example', 'gamma.example', 'delta.example', 'epsilon.example', 'zeta.example', 'eta.example', 'theta.example'];
const FRAMES = ['Economic', 'Political', 'Security_and_defense', 'Crime_and_punishment', 'Health_and_safety', 'Quality_of_life', 'Legality', 'Public_opinion'];
const GENRES = ['reporting', 'opinion', 'satire'];
const NARRATIVES = ['Sanctions backfire', 'Western fatigue', 'Russia is the victim', 'Ukraine is corrupt', 'Climate scepticism', 'Elections are rigged'];
const PEOPLE = ['Ivan Petrov', 'Maria Lopez', 'John Carter', 'Anna Novak', 'Dmitry Peskov', 'Helen Brooks'];

function generated(count: number): { article: ArticleInput; spec: SyntheticSpec }[] {
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const out: { article: ArticleInput; spec: SyntheticSpec }[] = [];
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const person = pick(PEOPLE);
    const topic = pick(TOPICS);
    const words = Array.from({ length: 120 + Math.floor(rnd() * 200) }, () => (rnd() < 0.15 ? pick(topic) : pick(FILLER)));
    const headline = `${pick(topic)} ${pick(FILLER)} ${pick(topic)} ${i}`;
    const quote = `"We will ${pick(FILLER)} the ${pick(topic)} ${pick(topic)}."`;
    const body = `${person} said: ${quote} ${words.join(' ')}.`;
    const text = `${headline}\n\n${body}`;
    const offset = (s: string, from = 0) => codePointLength(text.slice(0, text.indexOf(s, from)));
    const personAt = offset(person);
    const quoteAt = offset(quote);
    const key = `person:${person.toLowerCase().replace(/\s+/g, '-')}`;
    const techniques = Array.from({ length: Math.floor(rnd() * 6) }, () => {
      const s = Math.floor(rnd() * (codePointLength(text) - 20));
      return { label: pick(TECHNIQUE_IDS), start: s, end: s + 5 + Math.floor(rnd() * 15), score: rnd() };
    });
    const source = pick(OUTLETS);
    out.push({
      article: {
        url: `https://${source}/news/${i}`,
        title: headline,
        authors: [],
        publishedAt: new Date(start + Math.floor(rnd() * 540) * 86_400_000 + Math.floor(rnd() * 86_400_000)).toISOString(),
        lang: 'en',
        text,
        ...(rnd() < 0.1 && { clusterId: `c${Math.floor(rnd() * 100)}` }),
      },
      spec: {
        techniques,
        actors: [{ id: key, name: person, mentions: [{ start: personAt, end: personAt + codePointLength(person) }] }],
        quotes: [{ start: quoteAt, end: quoteAt + codePointLength(quote), speaker: { start: personAt, end: personAt + codePointLength(person) }, actor: key }],
        labels: {
          frames: [{ label: pick(FRAMES), score: rnd() }, ...(rnd() < 0.5 ? [{ label: pick(FRAMES), score: rnd() }] : [])],
          genre: [{ label: pick(GENRES), score: rnd() }],
          ...(rnd() < 0.4 && { narratives: [{ label: pick(NARRATIVES) }] }),
        },
      },
    });
  }
  return out;
}

async function load(store: Store, count: number): Promise<void> {
  const model = { name: 'spinscope', version: 'bench' };
  await ingestExamplesIfEmpty(store, bundledExamples(), { model, progress: (l) => process.stderr.write(`bench: ${l}\n`) });
  const all = generated(count);
  for (let i = 0; i < all.length; i += 500) {
    const batch = all.slice(i, i + 500);
    const written = await store.upsertArticles(batch.map((b) => b.article));
    await store.saveAnalyses(written.map((w, j) => ({ articleId: w.id, model, analysis: syntheticAnalysis(batch[j]!.article.text, batch[j]!.spec) })));
  }
  process.stderr.write(`bench: loaded ${count} generated articles\n`);
}

// ---------------------------------------------------------------- server (child process)

async function serveChild(dbPath: string): Promise<void> {
  const store = await openStore(dbPath);
  const tokens = openSqliteTokenStore(dbPath);
  const { token } = await createToken(tokens, 'bench', 'read');
  const plenty = { rate: 1e9, burst: 1e9 };
  const server = await startServer({
    store,
    tokens,
    port: 0,
    webRoot: null,
    analyzer: inProcessAnalyzer(),
    limits: { requests: plenty, anonymous: plenty },
  });
  process.stdout.write(`${JSON.stringify({ url: server.url, token })}\n`);
  process.once('SIGTERM', () => {
    const usage = process.resourceUsage();
    process.stdout.write(`${JSON.stringify({ cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024 })}\n`);
    void server.close().then(() => tokens.close()).then(() => store.close());
  });
}

// ---------------------------------------------------------------- load generator

type Kind = 'search' | 'article' | 'dashboard';

interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

const QUERIES = ['grain', 'sanctions', 'talks minister', '"energy prices"', 'ceasefire OR truce', 'election -poll', 'harbour strike', 'climate summit'];
const DASHBOARDS = [
  '/api/dashboards/techniques',
  '/api/dashboards/techniques?by=month&level=category',
  '/api/dashboards/frames?by=month',
  '/api/dashboards/genres',
  '/api/dashboards/narratives',
  '/api/actors?limit=20',
  '/api/dashboards/clusters',
];

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function runLoad(url: string, token: string, maxId: number): Promise<{ samples: Sample[]; seconds: number; errors: Map<string, number> }> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const headers = { authorization: `Bearer ${token}` };
  const errors = new Map<string, number>();
  const once = (path: string): Promise<boolean> =>
    new Promise((resolve) => {
      const req = request({ host: hostname, port, path, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) errors.set(`HTTP ${res.statusCode} ${path.split('?')[0]}`, (errors.get(`HTTP ${res.statusCode} ${path.split('?')[0]}`) ?? 0) + 1);
          resolve(res.statusCode === 200);
        });
      });
      req.on('error', (e) => {
        errors.set(e.message, (errors.get(e.message) ?? 0) + 1);
        resolve(false);
      });
      req.end();
    });
  const rnd = random(7);
  const next = (): [Kind, string] => {
    const r = rnd();
    if (r < 0.5) return ['search', `/api/articles?q=${encodeURIComponent(QUERIES[Math.floor(rnd() * QUERIES.length)]!)}&limit=20`];
    if (r < 0.8) return ['article', `/api/articles/${1 + Math.floor(rnd() * maxId)}`];
    return ['dashboard', DASHBOARDS[Math.floor(rnd() * DASHBOARDS.length)]!];
  };
  const samples: Sample[] = [];
  let recording = false;
  const client = async (until: number) => {
    while (performance.now() < until) {
      const [kind, path] = next();
      const t0 = performance.now();
      const ok = await once(path);
      if (recording) samples.push({ kind, ms: performance.now() - t0, ok });
    }
  };
  const warmEnd = performance.now() + WARMUP_SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, () => client(warmEnd)));
  errors.clear();
  recording = true;
  const started = performance.now();
  const end = started + SECONDS * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, () => client(end)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { samples, seconds, errors };
}

function row(name: string, samples: Sample[], seconds: number): string {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const failed = samples.filter((s) => !s.ok).length;
  return `| ${name} | ${samples.length.toLocaleString('en')} | ${(samples.length / seconds).toFixed(0)} | ${failed} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 95).toFixed(1)} | ${percentile(ms, 99).toFixed(1)} |`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spinscope-bench-api-'));
  const dbPath = join(dir, 'bench.db');
  let child: ChildProcess | undefined;
  try {
    const store = await openStore(dbPath);
    await load(store, ARTICLES);
    const articles = (await store.stats()).tables.articles ?? ARTICLES;
    await store.close();

    child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve', dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) throw new Error('the server process ended before it listened');
    const { url, token } = JSON.parse(first.value) as { url: string; token: string };
    process.stderr.write(`bench: server at ${url}; ${CLIENTS} clients, ${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured\n`);

    const { samples, seconds, errors } = await runLoad(url, token, articles);
    child.kill('SIGTERM');
    const last = await lines.next();
    const server = last.done ? undefined : (JSON.parse(last.value) as { cpuS: number; maxRssMb: number });

    const total = samples.length;
    const failed = samples.filter((s) => !s.ok).length;
    const date = new Date().toISOString().slice(0, 10);
    const table = [
      '| requests | count | req/s | errors | p50 ms | p95 ms | p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      row('all', samples, seconds),
      row('search `GET /api/articles?q=…` (with facets)', samples.filter((s) => s.kind === 'search'), seconds),
      row('article `GET /api/articles/:id`', samples.filter((s) => s.kind === 'article'), seconds),
      row('dashboards (techniques, frames, genres, narratives, actors, clusters)', samples.filter((s) => s.kind === 'dashboard'), seconds),
    ];
    const body = [
      '## HTTP API under load',
      '',
      `${date}, ${machine()}. \`node --import tsx bench/api.ts\`.`,
      '',
      `${CLIENTS} concurrent keep-alive clients on loopback for ${SECONDS} s (after ${WARMUP_SECONDS} s of warm-up), each sending the next request as soon as the previous answer arrived: ` +
        `50% searches (8 queries, 20 per page, facets on), 30% single articles with their analysis and history, 20% dashboards. ` +
        `Store: SQLite, ${articles.toLocaleString('en')} articles (the ${articles - ARTICLES} bundled examples analysed by the pipeline, ${ARTICLES.toLocaleString('en')} generated ones with synthetic analyses). ` +
        'The server runs in its own process (one event loop; the load generator shares the machine\'s cores with it), with every request authenticated by a Bearer token and rate limits raised out of the way.',
      '',
      ...table,
      '',
      `Errors: ${failed}${errors.size ? ` (${[...errors].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}. ` +
        (server ? `Server process: ${server.cpuS.toFixed(1)} s of CPU over the run, peak RSS ${server.maxRssMb.toFixed(0)} MB.` : ''),
    ].join('\n');
    process.stdout.write(`${body}\n`);
    writeSection('api', body);
    if (failed > 0) {
      process.stderr.write(`bench: ${failed} of ${total} requests failed\n`);
      process.exitCode = 1;
    }
  } finally {
    if (child && child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve') await serveChild(process.argv[3]!);
else await main();
