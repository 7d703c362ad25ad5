/**
 * `npm run bench`: throughput and memory of the base pipeline on generated
 * 5 KB articles, written to docs/benchmarks.md.
 *
 * Each run starts its own worker threads, whose JIT starts cold, so a short
 * batch pays start-up and warm-up: the first round of the 1,000-document
 * corpus shows what a fresh `spinscope batch` gets, the best of three what a
 * warmed process gets, and a 10,000-document stream the steady state.
 */
import { availableParallelism } from 'node:os';
// the built package, as users run it: code under tsx runs measurably slower than the compiled output
import { analyzeMany, analyzeManyToJson, type DocInput } from 'spinscope';
import { generateCorpus } from './corpus.ts';
import { machine, writeSection } from './report.ts';

const DOCS = Number(process.env.BENCH_DOCS ?? 1000);
const STREAM = Number(process.env.BENCH_STREAM ?? 10000);
const BYTES = 5 * 1024;
const ROUNDS = 3;
const DEFAULT = ['language', 'paragraphs', 'sentences'];

interface Run {
  name: string;
  first: number;
  best: number;
  mb: number;
  docs: number;
}

async function timeOnce(corpus: DocInput[], threads: number, json: boolean, layers: string[]): Promise<number> {
  const started = performance.now();
  const options = { threads, layers };
  for await (const r of json ? analyzeManyToJson(corpus, options) : analyzeMany(corpus, options)) {
    if (!r.ok) throw new Error(`${r.id}: ${r.error}`);
  }
  return (performance.now() - started) / 1000;
}

async function measure(name: string, corpus: DocInput[], threads: number, json: boolean, layers: string[], rounds = ROUNDS): Promise<Run> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    times.push(await timeOnce(corpus, threads, json, layers));
    process.stderr.write(`bench: ${name}, round ${round + 1}/${rounds}: ${(corpus.length / times[times.length - 1]!).toFixed(0)} docs/s\n`);
  }
  const bytes = corpus.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  return { name, first: corpus.length / times[0]!, best: corpus.length / Math.min(...times), mb: bytes / 1024 / 1024, docs: corpus.length };
}

const corpus = generateCorpus(DOCS, BYTES);
const stream = generateCorpus(STREAM, BYTES, 7);
const cores = availableParallelism();
const runs = [
  await measure(`batch path (${DEFAULT.join(', ')} + tokens; JSON lines), 1 thread`, corpus, 1, true, DEFAULT),
  await measure(`batch path, ${cores} worker threads`, corpus, cores, true, DEFAULT),
  await measure(`analyzeMany with tokens handed back as objects, ${cores} worker threads`, corpus, cores, false, [...DEFAULT, 'tokens']),
  await measure(`batch path, ${cores} worker threads, ${STREAM.toLocaleString('en')}-document stream`, stream, cores, true, DEFAULT, 1),
];
const peakMb = process.resourceUsage().maxRSS / 1024;
const avgKb = corpus.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / corpus.length / 1024;

const rate = (docs: number, mb: number, perSecond: number) => `${perSecond.toFixed(0)} | ${((mb / docs) * perSecond).toFixed(1)}`;
const rows = runs.map((r) => `| ${r.name} | ${r.docs} | ${rate(r.docs, r.mb, r.first)} | ${r.docs === DOCS ? rate(r.docs, r.mb, r.best) : '– | –'} |`);
writeSection(
  'pipeline',
  `## Base pipeline throughput

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.
Corpus: generated English articles of ${avgKb.toFixed(1)} KB on average (the example paragraphs recombined with a seeded generator).
Every run computes language, paragraphs, tokens and sentences; "batch path" is what \`spinscope batch\` does (workers return JSON lines with the default layers), analyzeMany hands back documents with all their tokens.
"first": the first of ${ROUNDS} rounds, fresh worker threads with a cold JIT, start-up (about 0.1 s) included, which is what one \`spinscope batch\` run gets; "best": the best round.
Target (issue 2): ≥ 2,000 docs/s for the base layer on 2 cores.

| run | docs | first: docs/s | MB/s | best: docs/s | MB/s |
|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

Peak memory (max RSS of the process, worker threads included): ${peakMb.toFixed(0)} MB.
Reproduce: \`npm run bench\` (\`BENCH_DOCS\`, \`BENCH_STREAM\` for other sizes).`,
);
process.stderr.write('bench: written to docs/benchmarks.md\n');
for (const r of runs) process.stdout.write(`${r.name}: first ${r.first.toFixed(0)} docs/s, best ${r.best.toFixed(0)} docs/s\n`);
process.stdout.write(`peak RSS: ${peakMb.toFixed(0)} MB\n`);
