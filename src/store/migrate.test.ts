/**
 * Upgrading a database made by migration 1 (articles only, written by the
 * SQL of that version) to the latest keeps every article, its search index,
 * and fills the rollups that did not exist yet.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from './open.ts';
import { openTestPostgres, postgresUnavailable, TEST_PG } from './postgres/test-database.ts';
import type { Store } from './types.ts';

const ROWS = [
  { domain: 'old.example', url: 'https://old.example/1', dated: '2023-05-01T10:00:00.000Z', title: 'Harbour strike', text: 'Harbour strike\n\nDock workers walked out.' },
  { domain: 'old.example', url: 'https://old.example/2', dated: '2023-05-20T10:00:00.000Z', title: 'Strike ends', text: 'Strike ends\n\nThe dock workers returned today.' },
  { domain: 'other.example', url: 'https://other.example/1', dated: '2023-06-02T10:00:00.000Z', title: 'Budget vote', text: 'Budget vote\n\nParliament passed the budget.' },
];

async function checkUpgraded(store: Store): Promise<void> {
  assert.deepEqual(await store.migrate(), { applied: [], version: 3 });
  const found = await store.search({ q: 'dock workers' });
  assert.deepEqual(found.items.map((i) => i.url).sort(), ['https://old.example/1', 'https://old.example/2']);
  assert.deepEqual(await store.articleCounts({ by: 'source' }), [
    { key: 'old.example', articles: 2, words: 13 },
    { key: 'other.example', articles: 1, words: 6 },
  ]);
  assert.deepEqual((await store.articleCounts({ by: 'month' })).map((r) => [r.key, r.articles]), [
    ['2023-05', 2],
    ['2023-06', 1],
  ]);
  // and the upgraded store takes new writes of every kind
  const [w] = await store.upsertArticles([{ url: 'https://old.example/1', text: ROWS[0]!.text, authors: [] }]);
  assert.equal(w!.status, 'unchanged');
  assert.deepEqual(await store.pendingAnalysis(), [w!.id, w!.id + 1, w!.id + 2]);
  await store.saveAnalyses([{ articleId: w!.id, analysis: { schema: 'https://spinscope.dev/schema/analysis-v1.json', text: ROWS[0]!.text, length: 39, language: { code: 'en', score: 1 }, layers: {} }, model: { name: 't', version: '1' } }]);
  assert.equal((await store.stats()).tables.analyses, 1);
}

describe('migrations', () => {
  it('upgrades a SQLite database from migration 1 to the latest, keeping its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinscope-migrate-'));
    const path = join(dir, 'old.db');
    try {
      const v1 = await openStore(path, { migrate: 1 });
      await v1.close();
      const db = new Database(path);
      const source = db.prepare('INSERT INTO sources (domain, created_at) VALUES (?, ?) ON CONFLICT (domain) DO UPDATE SET domain = domain RETURNING id');
      const article = db.prepare(
        `INSERT INTO articles (source_id, dated_at, word_count, published_at, canonical_url, content_hash, url, created_at, updated_at, title, language)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'en')`,
      );
      const text = db.prepare('INSERT INTO article_texts (id, text) VALUES (?, ?)');
      for (const [i, r] of ROWS.entries()) {
        const { id } = source.get(r.domain, r.dated) as { id: number };
        const row = article.run(id, r.dated, r.text.split(/\s+/).length, r.dated, r.url, `hash${i}`, r.url, r.dated, r.dated, r.title);
        text.run(row.lastInsertRowid, r.text);
      }
      assert.deepEqual(db.prepare('SELECT version FROM schema_migrations').all(), [{ version: 1 }]);
      db.close();

      const store = await openStore(path);
      try {
        await checkUpgraded(store);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a database newer than this spinscope', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinscope-migrate-'));
    const path = join(dir, 'new.db');
    try {
      await (await openStore(path)).close();
      const db = new Database(path);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01')").run();
      db.close();
      await assert.rejects(openStore(path), /schema version 99, newer than this spinscope/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upgrades a PostgreSQL schema from migration 1 to the latest, keeping its data', async (t) => {
    const unavailable = await postgresUnavailable();
    if (unavailable) return t.skip(unavailable);
    const v1 = await openTestPostgres({ migrate: 1 });
    try {
      await v1.store.close();
      const client = new pg.Client({ connectionString: TEST_PG });
      await client.connect();
      try {
        await client.query(`SET search_path = "${v1.schema}"`);
        assert.deepEqual((await client.query('SELECT version FROM schema_migrations')).rows, [{ version: 1 }]);
        for (const [i, r] of ROWS.entries()) {
          const { id } = (
            await client.query('INSERT INTO sources (domain, created_at) VALUES ($1, $2) ON CONFLICT (domain) DO UPDATE SET domain = excluded.domain RETURNING id', [r.domain, r.dated])
          ).rows[0] as { id: string };
          await client.query(
            `INSERT INTO articles (source_id, dated_at, word_count, published_at, canonical_url, content_hash, url, created_at, updated_at, title, text, language)
             VALUES ($1, $2, $3, $2, $4, $5, $4, $2, $2, $6, $7, 'en')`,
            [id, r.dated, r.text.split(/\s+/).length, r.url, `hash${i}`, r.title, r.text],
          );
        }
      } finally {
        await client.end();
      }
      const store = await openStore(v1.url);
      try {
        await checkUpgraded(store);
      } finally {
        await store.close();
      }
    } finally {
      await v1.dispose();
    }
  });
});
