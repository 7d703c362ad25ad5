import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bm25Index, MIN_COLLECTION } from './bm25.ts';

const docs = [
  ['nato', 'expand', 'east'],
  ['crimea', 'referendum', 'legal'],
  ['nato', 'nato', 'base', 'poland'],
  ['weather', 'report'],
];

test('BM25 scores match the formula for a small index', () => {
  const index = new Bm25Index(docs, { k1: 1.2, b: 0.75 });
  const avg = 12 / 4;
  // idf counts a collection of at least MIN_COLLECTION documents, so that a tiny catalogue keeps a real one's scale
  const N = Math.max(4, MIN_COLLECTION);
  const idf = (df: number) => Math.log(1 + (N - df + 0.5) / (df + 0.5));
  const part = (tf: number, len: number, df: number) => (idf(df) * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * len) / avg));
  const hits = index.search(['nato', 'poland'], 10);
  assert.deepEqual(hits.map((h) => h.doc), [2, 0]);
  assert.ok(Math.abs(hits[0]!.score - (part(2, 4, 2) + part(1, 4, 1))) < 1e-9);
  assert.ok(Math.abs(hits[1]!.score - part(1, 3, 2)) < 1e-9);
});

test('search returns at most k hits, best first, and leaves no state behind between queries', () => {
  const index = new Bm25Index(docs);
  assert.equal(index.search(['nato'], 1).length, 1);
  const first = index.search(['crimea'], 5);
  const again = index.search(['crimea'], 5);
  assert.deepEqual(first, again);
  assert.deepEqual(index.search(['unknown'], 5), []);
});

test('selfScore bounds a query; coverage measures the document side', () => {
  const index = new Bm25Index(docs);
  const q = ['crimea', 'referendum', 'legal'];
  const top = index.search(q, 1)[0]!;
  assert.ok(Math.abs(top.score - index.selfScore(q)) < 1e-9, 'a document equal to the query scores its self score');
  assert.equal(index.coverage(q, 1), 1);
  assert.equal(index.coverage(['nato'], 0) > 0 && index.coverage(['nato'], 0) < 1, true);
  assert.equal(index.coverage(['weather'], 1), 0);
});
