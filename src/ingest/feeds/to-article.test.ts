import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseFeed } from './parse-feed.ts';
import { feedItemToArticle, needsPageFetch } from './to-article.ts';
import type { FeedItem } from './types.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const NOW = new Date('2026-03-01T12:00:00Z');
const LONG = 'The committee heard evidence from four witnesses over two days. '.repeat(8).trim();

test('an item with full content becomes an Article: headline, blank line, paragraphs', () => {
  const feed = parseFeed(fixture('rss20.xml'), { url: 'https://feeds.ledger.example/rss', now: NOW });
  const item = feed.items[0]!;
  assert.equal(needsPageFetch(item), false);
  const article = feedItemToArticle(item, feed)!;
  const paragraphs = article.text.split('\n\n');
  assert.equal(paragraphs[0], 'Port authority approves night-time dredging');
  assert.match(paragraphs[1]!, /^The port authority board voted five to two/);
  assert.equal(paragraphs.length, 4, 'script content is not a paragraph');
  assert.ok(!article.text.includes('trackReader'));
  assert.deepEqual(article.authors, ['Mara Ellison', 'Tobias Fenn']);
  assert.equal(article.url, 'https://ledger.example/news/port-dredging');
  assert.equal(article.publishedAt, '2026-02-28T23:45:00.000Z');
  assert.equal(article.siteName, 'The Harbourside Ledger');
  assert.equal(article.lang, 'en-gb');
  assert.equal(article.image, 'https://cdn.ledger.example/img/dredger.jpg');
  assert.equal(article.description, 'The board voted 5–2 on Friday.');
  assert.deepEqual(article.source, { kind: 'feed', location: 'https://ledger.example/news/port-dredging', feed: 'https://feeds.ledger.example/rss' });
});

test('Atom xhtml and JSON Feed content convert too', () => {
  const atom = parseFeed(fixture('atom.xml'), { now: NOW });
  const grid = feedItemToArticle(atom.items[0]!, atom)!;
  assert.equal(grid.text.split('\n\n').length, 4);
  assert.match(grid.text, /household supply was not at risk under any/);
  const json = parseFeed(fixture('feed.json'), { now: NOW });
  const reef = feedItemToArticle(json.items[0]!, json)!;
  assert.match(reef.text, /^Reef survey finds slow recovery\n\nDivers from/);
});

test('an item with only a summary needs the page and is no Article', () => {
  const feed = parseFeed(fixture('rss091.xml'), { now: NOW });
  assert.equal(needsPageFetch(feed.items[0]!), true);
  assert.equal(feedItemToArticle(feed.items[0]!, feed), null);
});

test('needsPageFetch: short content, and content ending like an excerpt', () => {
  const item = (contentHtml: string): FeedItem => ({ id: 'x', authors: [], categories: [], contentHtml });
  assert.equal(needsPageFetch(item(`<p>${LONG}</p>`)), false);
  assert.equal(needsPageFetch(item('<p>Just a teaser paragraph.</p>')), true);
  for (const tail of ['…', ' [...]', ' [&hellip;]', '...', ' <a href="/x">Read more</a>', ' <a href="/x">Continue reading →</a>', ' (more…)']) {
    assert.equal(needsPageFetch(item(`<p>${LONG}</p><p>And then the chair said${tail}</p>`)), true, tail);
  }
  assert.equal(needsPageFetch({ id: 'x', authors: [], categories: [], contentText: LONG }), false);
});

test('a headline already leading the content is not repeated', () => {
  const article = feedItemToArticle({ id: 'x', authors: [], categories: [], title: 'Same', contentHtml: `<h1>Same</h1><p>${LONG}</p>` }, {})!;
  assert.equal(article.text, `Same\n\n${LONG}`);
});
