/**
 * Store benchmark: load rate, size, search and dashboard latency on a
 * generated corpus, written to docs/benchmarks.md (section `store`, one
 * block per backend, so SQLite and PostgreSQL runs sit side by side).
 *
 *   node --import tsx bench/store.ts [--articles N] [--backend sqlite|postgres] [--url URL] [--batch 1000] [--keep] [--dry-run]
 *   node --import tsx bench/store.ts --backend sqlite|postgres --publish block.md
 *
 * `--dry-run` prints the backend's block instead of writing docs/benchmarks.md;
 * `--publish` writes such a block.
 *
 * The corpus recombines the paragraphs of examples/ (English and Russian)
 * into 1–8 KB articles from 200 outlets over two years (in roughly
 * chronological order, as crawls deliver them), with synthetic
 * analyses in realistic numbers (about 10 technique spans, 4 quotes and 8
 * actors per article, frames, genre, narratives, claims), so that a million
 * analyses take minutes instead of the analysers' hours. Everything is
 * seeded: two runs store the same data.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exampleParagraphs } from './corpus.ts';
import { BENCHMARKS_MD, machine, writeSection } from './report.ts';
import { FRAMES_2023, GENRES_2023 } from '../src/benchmarks/semeval2023.ts';
import { TECHNIQUE_IDS } from '../src/analyze/techniques/taxonomy.ts';
import { seededRandom } from '../src/learn/random.ts';
import { openStore } from '../src/store/open.ts';
import { syntheticAnalysis, type SyntheticSpec } from '../src/store/synthetic.ts';
import { dropSchema, schemaUrl, testSchemaName, TEST_PG } from '../src/store/postgres/test-database.ts';
import type { SearchQuery } from '../src/store/query.ts';
import type { ArticleInput, Store } from '../src/store/types.ts';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    backend: { type: 'string', default: 'sqlite' },
    url: { type: 'string' },
    batch: { type: 'string', default: '1000' },
    queries: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    publish: { type: 'string' },
  },
});
const N = Number(args.articles);
const BATCH = Number(args.batch);
const QUERIES = Number(args.queries);
const BACKEND = args.backend;
if (BACKEND !== 'sqlite' && BACKEND !== 'postgres') throw new Error(`--backend must be sqlite or postgres, not ${BACKEND}`);

if (args.publish) {
  // a block printed by an earlier --dry-run, reviewed, now written
  publish(BACKEND, readFileSync(args.publish, 'utf8'));
  process.exit(0);
}

const OUTLETS = 200;
const RU_OUTLETS = 40;
const ACTORS = 2000;
const START = Date.parse('2023-01-01T00:00:00Z');
const SPAN_MS = 730 * 86_400_000;

const paragraphs = { en: exampleParagraphs('en'), ru: exampleParagraphs('ru') };

/** Outlet volume falls with rank, as it does in real crawls (a few wires publish most). */
function makePicker(n: number, exponent: number, random: () => number): () => number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** exponent);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  return () => {
    const r = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface Generated {
  article: ArticleInput;
  spec: SyntheticSpec;
}

/** Technique frequencies of news: loaded language and labels first, the rare ones rare. */
const TECHNIQUE_ORDER = ['Loaded_Language', 'Name_Calling-Labeling', 'Doubt', 'Exaggeration-Minimisation', 'Appeal_to_Fear-Prejudice', 'Flag_Waving', 'Questioning_the_Reputation', 'Repetition', ...TECHNIQUE_IDS.filter((t) => !['Loaded_Language', 'Name_Calling-Labeling', 'Doubt', 'Exaggeration-Minimisation', 'Appeal_to_Fear-Prejudice', 'Flag_Waving', 'Questioning_the_Reputation', 'Repetition'].includes(t))];

function* corpus(count: number, seed: number): Generator<Generated> {
  const random = seededRandom(seed);
  const outlet = makePicker(OUTLETS, 0.8, random);
  const actor = makePicker(ACTORS, 1.1, random);
  const technique = makePicker(TECHNIQUE_ORDER.length, 1.2, random);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  let cluster: { id: string; text: string; title: string; left: number } | null = null;
  for (let i = 0; i < count; i++) {
    const k = outlet();
    const lang = k >= OUTLETS - RU_OUTLETS ? 'ru' : 'en';
    const pool = paragraphs[lang];
    // crawls arrive roughly in publication order: two years front to back, give or take three days
    const published = new Date(Math.min(START + SPAN_MS - 1, Math.max(START, START + Math.floor((i / count) * SPAN_MS + (random() - 0.5) * 6 * 86_400_000))));
    let text: string;
    let title: string;
    let clusterId: string | undefined;
    if (cluster && cluster.left > 0 && lang === 'en') {
      // a syndicated copy of the last wire story
      ({ text, title } = cluster);
      clusterId = cluster.id;
      cluster.left--;
    } else {
      // log-normal sizes around 3 KB, kept within 1–8 KB
      const target = Math.min(8192, Math.max(1024, Math.exp(Math.log(3000) + 0.5 * gaussian(random))));
      const parts: string[] = [];
      let size = 0;
      while (size < target) {
        const p = pool[Math.floor(random() * pool.length)]!;
        parts.push(p);
        size += Buffer.byteLength(p) + 2;
      }
      title = parts[0]!.split(/\s+/).slice(0, 9).join(' ');
      text = `${title}\n\n${parts.join('\n\n')}`;
      if (lang === 'en' && random() < 0.02) {
        clusterId = `c${i}`;
        cluster = { id: clusterId, text, title, left: int(1, 4) };
      }
    }
    const d = published.toISOString();
    const article: ArticleInput = {
      url: `https://outlet${k}.example/${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}/a${i}`,
      title,
      text,
      authors: [`Author ${int(1, 50)}`],
      publishedAt: d,
      lang,
      siteName: `Outlet ${k}`,
      fetchedAt: new Date(published.getTime() + 3_600_000).toISOString(),
      ...(clusterId ? { clusterId } : {}),
    };
    const length = text.length;
    const span = (label: string) => {
      const start = int(0, Math.max(0, length - 81));
      return { label, start, end: Math.min(length, start + int(10, 80)), score: Math.round(random() * 1000) / 1000 };
    };
    const techniques = Array.from({ length: int(5, 15) }, () => span(TECHNIQUE_ORDER[technique()]!));
    const people = [...new Set(Array.from({ length: 8 }, () => actor()))];
    const spec: SyntheticSpec = {
      language: lang,
      actors: people.map((a) => ({ id: `person:actor-${a}`, name: `Actor ${a}`, mentions: Array.from({ length: int(1, 4) }, () => span('m')) })),
      quotes: Array.from({ length: 4 }, () => ({ ...span('quote'), actor: random() < 0.8 ? `person:actor-${people[int(0, people.length - 1)]}` : null })),
      labels: {
        frames: [...new Set(Array.from({ length: int(1, 3) }, () => FRAMES_2023[int(0, FRAMES_2023.length - 1)]!))].map((label) => ({ label })),
        genre: [{ label: random() < 0.7 ? GENRES_2023[0]! : GENRES_2023[int(1, 2)]! }],
        narratives: Array.from({ length: int(0, 2) }, () => ({ label: `Narrative ${int(1, 20)}`, ...(random() < 0.3 ? { sublabels: [`Sub ${int(1, 5)}`] } : {}) })),
      },
      spans: { claims: Array.from({ length: int(0, 3) }, () => span('claim')) },
    };
    if (lang === 'en') spec.techniques = techniques;
    else spec.paragraphTechniques = techniques.map((t, j) => ({ ...t, paragraph: 1 + (j % 5) }));
    yield { article, spec };
  }
}

/** Writes one backend's block into the `store` section, keeping the other backend's block from its own run. */
function publish(backend: string, block: string): void {
  const current = (() => {
    try {
      return readFileSync(BENCHMARKS_MD, 'utf8');
    } catch {
      return '';
    }
  })();
  const blocks = new Map<string, string>();
  for (const b of ['sqlite', 'postgres']) {
    const m = new RegExp(`<!-- store:${b} -->\\n([\\s\\S]*?)\\n<!-- /store:${b} -->`).exec(current);
    if (m) blocks.set(b, m[1]!);
  }
  blocks.set(backend, block.trim());
  writeSection(
    'store',
    `## Store: load, size, search, dashboards

Both backends run the same store code and tests; each block below is the latest run for its backend. Dashboards read rollups kept at write time (whole months from month cells, ragged ends from day cells), so their cost grows with outlets × labels × months, not with articles.

${['sqlite', 'postgres']
  .filter((b) => blocks.has(b))
  .map((b) => `<!-- store:${b} -->\n${blocks.get(b)}\n<!-- /store:${b} -->`)
  .join('\n\n')}`,
  );
  log('written to docs/benchmarks.md');
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Timing {
  name: string;
  p50: number;
  p95: number;
  note: string;
}

async function time(name: string, runs: number, make: (i: number) => () => Promise<unknown>, note: (last: unknown) => string = () => ''): Promise<Timing> {
  const ms: number[] = [];
  let last: unknown;
  for (let i = 0; i < runs + 3; i++) {
    const call = make(i);
    const t0 = performance.now();
    last = await call();
    // the first calls warm statement caches and the JIT
    if (i >= 3) ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const t = { name, p50: percentile(ms, 50), p95: percentile(ms, 95), note: note(last) };
  log(`${name}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms ${t.note}`);
  return t;
}

function log(message: string): void {
  process.stderr.write(`bench store (${BACKEND}): ${message}\n`);
}

/** Words of the example texts that occur in a few paragraphs only: realistic, selective keywords. */
function keywords(): { en: string[]; ru: string[] } {
  const pick = (list: string[]) => {
    const counts = new Map<string, number>();
    for (const p of list) for (const w of new Set(p.toLowerCase().match(/\p{L}{7,}/gu) ?? [])) counts.set(w, (counts.get(w) ?? 0) + 1);
    return [...counts].filter(([, n]) => n <= 2).map(([w]) => w).sort().slice(0, 40);
  };
  return { en: pick(paragraphs.en), ru: pick(paragraphs.ru) };
}

async function open(): Promise<{ store: Store; url: string; cleanup: () => Promise<void> }> {
  if (BACKEND === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'spinscope-bench-'));
    const url = join(dir, 'bench.db');
    return { store: await openStore(url), url, cleanup: async () => (args.keep ? log(`kept ${url}`) : rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = testSchemaName().replace('test', 'bench');
  const base = args.url ?? process.env.SPINSCOPE_BENCH_PG ?? TEST_PG;
  const url = schemaUrl(schema).replace(TEST_PG, base);
  return { store: await openStore(url, { poolSize: 4 }), url, cleanup: async () => (args.keep ? log(`kept schema ${schema}`) : dropSchema(schema)) };
}

const { store, url, cleanup } = await open();
log(`${N} articles into ${url}`);
const started = Date.now();

// load: articles first, then their analyses, each timed around the store call only
let articleSeconds = 0;
let bytes = 0;
const ids: number[] = [];
let batch: Generated[] = [];
const loadArticles = async (): Promise<void> => {
  const t0 = performance.now();
  const writes = await store.upsertArticles(batch.map((g) => g.article));
  articleSeconds += (performance.now() - t0) / 1000;
  for (const w of writes) ids.push(w.id);
  batch = [];
};
for (const g of corpus(N, 42)) {
  batch.push(g);
  bytes += Buffer.byteLength(g.article.text);
  if (batch.length === BATCH) await loadArticles();
  if (ids.length % 100_000 === 0 && ids.length && batch.length === 0) log(`${ids.length} articles, ${(ids.length / articleSeconds).toFixed(0)}/s`);
}
if (batch.length) await loadArticles();
const articleRate = N / articleSeconds;
log(`articles: ${articleRate.toFixed(0)}/s (${(bytes / 1e6 / articleSeconds).toFixed(1)} MB/s)`);
const sizeArticles = (await store.stats()).bytes;

let analysisSeconds = 0;
let spans = 0;
let pending: { articleId: number; spec: SyntheticSpec; text: string }[] = [];
const saveAnalyses = async (): Promise<void> => {
  const items = pending.map((p) => ({ articleId: p.articleId, analysis: syntheticAnalysis(p.text, p.spec), model: { name: 'bench', version: '1' } }));
  const t0 = performance.now();
  await store.saveAnalyses(items);
  analysisSeconds += (performance.now() - t0) / 1000;
  pending = [];
};
let n = 0;
const unique = new Set<number>();
for (const g of corpus(N, 42)) {
  const id = ids[n++]!;
  // a syndicated copy that hit an existing row is analysed once
  if (unique.has(id)) continue;
  unique.add(id);
  pending.push({ articleId: id, spec: g.spec, text: g.article.text });
  spans += (g.spec.techniques ?? g.spec.paragraphTechniques ?? []).length;
  if (pending.length === BATCH) await saveAnalyses();
  if (unique.size % 100_000 === 0 && pending.length === 0) log(`${unique.size} analyses, ${(unique.size / analysisSeconds).toFixed(0)}/s`);
}
if (pending.length) await saveAnalyses();
const analysisRate = unique.size / analysisSeconds;
log(`analyses: ${analysisRate.toFixed(0)}/s`);
const optimizeStarted = performance.now();
await store.optimize();
const optimizeSeconds = (performance.now() - optimizeStarted) / 1000;
log(`optimize (ANALYZE): ${optimizeSeconds.toFixed(1)} s`);
const stats = await store.stats();
const loadMinutes = (Date.now() - started) / 60_000;

// search
const random = seededRandom(7);
const words = keywords();
const outlets = Array.from({ length: 20 }, (_, i) => `outlet${i * 7}.example`);
const pickWord = (lang: 'en' | 'ru') => words[lang][Math.floor(random() * words[lang].length)]!;
const month = () => {
  const d = new Date(START + Math.floor(random() * 23) * 31 * 86_400_000).toISOString().slice(0, 7);
  return { from: `${d}-01`, to: `${d}-28` };
};
const top = TECHNIQUE_ORDER.slice(0, 8);
const technique = () => top[Math.floor(random() * top.length)]!;
const searches: [string, () => SearchQuery][] = [
  ['keyword + outlet + technique (relevance)', () => ({ q: pickWord('en'), source: outlets[Math.floor(random() * outlets.length)]!, technique: technique() })],
  ['keyword + language + one month (relevance)', () => ({ q: pickWord('en'), language: 'en', ...month() })],
  ['keyword + frame + one month (newest first)', () => ({ q: pickWord('en'), frame: FRAMES_2023[Math.floor(random() * 5)]!, ...month(), sort: 'date' })],
  ['Russian keyword + outlet (relevance)', () => ({ q: pickWord('ru'), source: `outlet${OUTLETS - 1 - Math.floor(random() * 10)}.example` })],
  ['outlet + technique, no keyword (newest first)', () => ({ source: outlets[Math.floor(random() * outlets.length)]!, technique: technique() })],
  ['keyword only (relevance), worst case', () => ({ q: pickWord('en') })],
];
const searchTimings: Timing[] = [];
for (const [name, make] of searches) {
  searchTimings.push(await time(name, QUERIES, () => {
    const q = make();
    return () => store.search(q);
  }, (r) => `(last: ${(r as { total: number }).total} hits)`));
}

// dashboards
const topActor = (await store.topActors({ limit: 1 }))[0]?.key ?? 'person:actor-0';
const busiest = 'outlet0.example';
const dashboards: [string, () => Promise<unknown>][] = [
  ['technique rates by outlet, all time', () => store.techniqueRates({ by: 'source' })],
  ['technique rates by day, last 90 days', () => store.techniqueRates({ by: 'day', from: '2024-10-03', to: '2024-12-31' })],
  ['technique rates by month, one outlet', () => store.techniqueRates({ by: 'month', source: busiest })],
  ['technique categories by outlet, 2024-01-15 – 2024-06-10', () => store.techniqueRates({ by: 'source', level: 'category', from: '2024-01-15', to: '2024-06-10' })],
  ['frame shares by outlet, 2024-01-15 – 2024-06-10', () => store.labelShares({ layer: 'frames', by: 'source', from: '2024-01-15', to: '2024-06-10' })],
  ['narratives by month, all time', () => store.labelCounts({ layer: 'narratives', by: 'month' })],
  ['top 20 actors with quote counts, all time', () => store.topActors({ limit: 20 })],
  ['top 20 actors, last 30 days', () => store.topActors({ limit: 20, from: '2024-12-02', to: '2024-12-31' })],
  ['top 20 actors of one outlet, 2024-01-15 – 2024-06-10', () => store.topActors({ limit: 20, source: busiest, from: '2024-01-15', to: '2024-06-10' })],
  ['quotes of the top actor with overlapping techniques (20)', () => store.actorQuotes(topActor, { limit: 20 })],
  ['syndication clusters, last 30 days', () => store.clusters({ from: '2024-12-02', to: '2024-12-31' })],
  ['articles and words by outlet, all time', () => store.articleCounts({ by: 'source' })],
];
const dashboardTimings: Timing[] = [];
for (const [name, call] of dashboards) dashboardTimings.push(await time(name, 10, () => call));
await store.close();
await cleanup();

const ms = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
const table = (rows: Timing[]) => ['| query | p50 ms | p95 ms | |', '|---|---:|---:|---|', ...rows.map((t) => `| ${t.name} | ${ms(t.p50)} | ${ms(t.p95)} | ${t.note} |`)].join('\n');
const mb = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MB`;
const block = `### ${BACKEND === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${N.toLocaleString('en')} articles

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; ${BACKEND === 'sqlite' ? 'better-sqlite3 (SQLite 3.51, WAL, synchronous=NORMAL), one file' : 'PostgreSQL 15 on the same machine, pg Pool of 4'}; batches of ${BATCH}; load took ${loadMinutes.toFixed(1)} min.
Corpus: ${N.toLocaleString('en')} articles (${(bytes / N / 1024).toFixed(1)} KB on average, ${(bytes / 1e9).toFixed(2)} GB of text), ${OUTLETS} outlets (${RU_OUTLETS} Russian), 2023–2024; ${(spans / unique.size).toFixed(1)} technique spans, 4 quotes, about 8 actors, 1–3 frames, a genre, 0–2 narratives and 0–3 claims per analysis.

| load | rate | target |
|---|---:|---:|
| articles only (full-text index included) | ${articleRate.toFixed(0)} articles/s (${(bytes / 1e6 / articleSeconds).toFixed(1)} MB/s) | ≥ 5,000/s (SQLite) |
| analyses with derived rows and rollups | ${analysisRate.toFixed(0)} analyses/s | – |
| both, per article | ${(unique.size / (articleSeconds + analysisSeconds)).toFixed(0)} articles/s | – |

Then \`store.optimize()\` (ANALYZE, as after any bulk load): ${optimizeSeconds.toFixed(1)} s.

Size: ${mb(sizeArticles)} after the articles, ${mb(stats.bytes)} with the analyses (${Object.entries(stats.tables)
  .filter(([, v]) => v > 0)
  .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
  .join(', ')}).

Search (${QUERIES} queries each, random keywords and filters; target ≤ 50 ms for a keyword and two filters):

${table(searchTimings)}

Dashboards (10 runs each; target ≤ 300 ms):

${table(dashboardTimings)}

Reproduce: \`node --import tsx bench/store.ts --articles ${N} --backend ${BACKEND}\`.`;

if (args['dry-run']) process.stdout.write(`${block}\n`);
else publish(BACKEND, block);
