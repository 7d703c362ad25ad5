/**
 * kill -9 in the middle of a long run of batched writes, then reopen: every
 * batch the writer reported as committed is there in full, and nothing is
 * there by half (an article without its analysis rows, a batch with some of
 * its articles, rollups that disagree with the rows).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { BATCH, expected } from './crash-plan.ts';
import { openStore } from './open.ts';
import { dropSchema, postgresUnavailable, schemaUrl, testSchemaName } from './postgres/test-database.ts';
import type { Store } from './types.ts';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

interface Reported {
  articles: number;
  analyses: number;
}

/** Runs the writer until it has committed `after` batches, waits a random moment more, and kills it. */
function runAndKill(url: string, first: number, after: number, extraMs: number): Promise<Reported> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, url, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: Reported = { articles: -1, analyses: -1 };
    let stderr = '';
    let buffered = '';
    let killing = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [what, n] = line.split(' ');
        if (what === 'articles' || what === 'analyses') reported[what] = Number(n);
      }
      if (!killing && reported.analyses >= after) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`the writer stopped by itself (code ${code}): ${stderr}`));
    });
  });
}

async function dashboards(store: Store): Promise<unknown> {
  return [
    await store.techniqueRates({ by: 'source' }),
    await store.techniqueRates({ by: 'day' }),
    await store.articleCounts({ by: 'month' }),
    await store.topActors({ limit: 100 }),
  ];
}

async function checkConsistent(store: Store, first: number, reported: Reported, seed: string): Promise<void> {
  const perBatch = new Map<number, number>();
  const analysedPerBatch = new Map<number, number>();
  let spans = 0;
  let quotes = 0;
  let analysed = 0;
  for await (const a of store.iterateArticles()) {
    const m = /\/b(\d+)\/a(\d+)$/.exec(a.url ?? '')!;
    const b = Number(m[1]);
    perBatch.set(b, (perBatch.get(b) ?? 0) + 1);
    if (a.latestAnalysisId === null) continue;
    const analysis = (await store.getAnalysis(a.latestAnalysisId))!;
    const want = expected(b, Number(m[2]));
    assert.equal(analysis.counts.techniques, want.techniques, `${seed}: analysis of ${a.url}`);
    spans += want.techniques;
    quotes += want.quotes;
    analysed++;
    analysedPerBatch.set(b, (analysedPerBatch.get(b) ?? 0) + 1);
  }
  for (let b = first; b <= reported.articles; b++) assert.equal(perBatch.get(b), BATCH, `${seed}: batch ${b} was reported committed`);
  for (let b = first; b <= reported.analyses; b++) assert.equal(analysedPerBatch.get(b), BATCH, `${seed}: the analyses of batch ${b} were reported committed`);
  for (const [b, n] of perBatch) assert.equal(n, BATCH, `${seed}: batch ${b} is there by half`);
  for (const [b, n] of analysedPerBatch) assert.equal(n, BATCH, `${seed}: the analyses of batch ${b} are there by half`);
  const stats = await store.stats();
  assert.equal(stats.tables.analyses, analysed, `${seed}: analyses`);
  assert.equal(stats.tables.spans, spans, `${seed}: spans rows of the latest analyses, all or none`);
  assert.equal(stats.tables.quotes, quotes, `${seed}: quote rows`);
  const rates = await store.techniqueRates({ by: 'total' });
  assert.equal(rates.reduce((n, r) => n + r.spans, 0), spans, `${seed}: rollups count what the rows hold`);
  const kept = await dashboards(store);
  await store.rebuildRollups();
  assert.deepEqual(await dashboards(store), kept, `${seed}: rollups equal a rebuild`);
}

describe('a writer killed with SIGKILL', () => {
  it('leaves a SQLite database with whole batches only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinscope-crash-'));
    const path = join(dir, 'crash.db');
    try {
      // the second round writes on into the database the first one crashed
      let first = 0;
      for (let round = 0; round < 2; round++) {
        const after = first + Math.floor(Math.random() * 6);
        const extraMs = Math.floor(Math.random() * 60);
        const seed = `round ${round}, killed ${extraMs} ms after batch ${after}`;
        const reported = await runAndKill(path, first, after, extraMs);
        const db = new Database(path);
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', seed);
        db.prepare("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')").run();
        db.close();
        const store = await openStore(path);
        try {
          await checkConsistent(store, first, reported, seed);
          first = (await store.stats()).tables.articles! / BATCH;
        } finally {
          await store.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves a PostgreSQL schema with whole batches only', async (t) => {
    const unavailable = await postgresUnavailable();
    if (unavailable) return t.skip(unavailable);
    const schema = testSchemaName();
    const url = schemaUrl(schema);
    try {
      const after = Math.floor(Math.random() * 4);
      const extraMs = Math.floor(Math.random() * 60);
      const seed = `killed ${extraMs} ms after batch ${after}`;
      const reported = await runAndKill(url, 0, after, extraMs);
      const store = await openStore(url);
      try {
        await checkConsistent(store, 0, reported, seed);
      } finally {
        await store.close();
      }
    } finally {
      await dropSchema(schema);
    }
  });
});
