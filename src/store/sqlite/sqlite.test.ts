import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { storeContract } from '../contract.ts';
import { ARTICLES, TEXTS, loadFixture } from '../fixtures.ts';
import { openStore } from '../open.ts';
import { syntheticAnalysis } from '../synthetic.ts';

storeContract('sqlite', async () => {
  const store = await openStore(':memory:');
  return { store, dispose: () => store.close() };
});

test('keeps the full-text index equal to the articles through updates and deletions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spinscope-fts-'));
  const path = join(dir, 'fts.db');
  try {
    const store = await openStore(path);
    const ids = await loadFixture(store);
    // a new title, outlet and date; a new text; a language filled in by analysis; a deletion
    await store.upsertArticles([{ ...ARTICLES.a2, title: 'Talks collapse', publishedAt: '2024-05-01T00:00:00Z', modifiedAt: '2024-05-01T00:00:00Z' }]);
    await store.upsertArticles([{ ...ARTICLES.a6, text: `${TEXTS.a6} More.`, modifiedAt: '2024-05-02T00:00:00Z' }]);
    const [w] = await store.upsertArticles([{ url: 'https://beta.example/nolang', text: 'Text without a language', authors: [] }]);
    await store.saveAnalyses([{ articleId: w!.id, analysis: syntheticAnalysis('Text without a language', { language: 'de' }), model: { name: 'x', version: '1' } }]);
    await store.deleteArticles([ids.a1]);
    assert.deepEqual((await store.search({ q: 'collapse', source: 'beta.example', from: '2024-05-01', to: '2024-05-31' })).items.map((i) => i.id), [ids.a2]);
    assert.deepEqual((await store.search({ q: 'language', language: 'de' })).items.map((i) => i.id), [w!.id]);
    assert.equal((await store.search({ q: 'sanctions' })).total, 0);
    await store.close();
    const db = new Database(path);
    try {
      db.prepare("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')").run();
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
