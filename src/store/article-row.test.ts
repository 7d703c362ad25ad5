import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../ingest/decode-text.ts';
import { articleRow, contentHash, countWords, domainOf, replaces, type ExistingArticle } from './article-row.ts';

test('keys an article by canonical URL, else URL; normalises dates, language and outlet', () => {
  const row = articleRow({ url: 'https://WWW.Example.com/a?x=1', text: 'One two\n\nthree', authors: ['A'], publishedAt: '2024-02-15T12:00:00+03:00', lang: 'en-GB' }, 0);
  assert.equal(row.canonicalUrl, 'https://WWW.Example.com/a?x=1');
  assert.equal(row.domain, 'example.com');
  assert.equal(row.publishedAt, '2024-02-15T09:00:00.000Z');
  assert.equal(row.datedAt, '2024-02-15T09:00:00.000Z');
  assert.equal(row.language, 'en');
  assert.equal(row.wordCount, 3);
  assert.equal(row.authors, '["A"]');
  assert.equal(articleRow({ canonicalUrl: 'https://c.example/x', url: 'https://m.c.example/x?amp', text: 't', authors: [] }, 0).canonicalUrl, 'https://c.example/x');
  assert.equal(articleRow({ text: 't', authors: [] }, 0).canonicalUrl, null);
  assert.throws(() => articleRow({ text: 't', authors: [], publishedAt: 'soon' }, 2), (e: Error) => e instanceof InputError && e.message.startsWith('article 3'));
});

test('hashes the text without its surrounding whitespace', () => {
  assert.equal(contentHash('\n a b\n\nc '), contentHash('a b\n\nc'));
  assert.equal(contentHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.notEqual(contentHash('a b c'), contentHash('a b d'));
});

test('counts words across Unicode spaces', () => {
  assert.equal(countWords(''), 0);
  assert.equal(countWords('  Песков\u00a0заявил —  «да»\n'), 4);
});

test('names outlets by domain', () => {
  assert.equal(domainOf('not a url'), null);
  assert.equal(domainOf('https://www.bbc.co.uk/news'), 'bbc.co.uk');
});

test('replaces a stored article only with a newer version', () => {
  const stored: ExistingArticle = { id: 1, contentHash: 'h1', modifiedAt: '2024-01-02T00:00:00.000Z', fetchedAt: '2024-01-02T00:00:00.000Z', datedAt: '2024-01-01T00:00:00.000Z', sourceId: 1, wordCount: 3, latestAnalysisId: null };
  const row = (o: object) => ({ ...articleRow({ text: 'x', authors: [] }, 0), ...o });
  assert.equal(replaces(row({ modifiedAt: '2024-01-03T00:00:00.000Z' }), stored), true);
  assert.equal(replaces(row({ modifiedAt: '2024-01-02T00:00:00.000Z', contentHash: 'h2' }), stored), false);
  assert.equal(replaces(row({ modifiedAt: null, contentHash: 'h2', fetchedAt: '2024-02-01T00:00:00.000Z' }), stored), false, 'a stored modification date is not overruled by a copy without one');
  const undated = { ...stored, modifiedAt: null };
  assert.equal(replaces(row({ contentHash: 'h2', fetchedAt: '2024-02-01T00:00:00.000Z' }), undated), true);
  assert.equal(replaces(row({ contentHash: 'h1', fetchedAt: '2024-02-01T00:00:00.000Z' }), undated), false);
  assert.equal(replaces(row({ contentHash: 'h2', fetchedAt: '2024-01-01T00:00:00.000Z' }), undated), false);
});
