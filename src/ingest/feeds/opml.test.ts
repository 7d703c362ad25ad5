import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InputError } from '../decode-text.ts';
import { parseOpml } from './opml.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

test('nested folders become category paths; xmlUrl in any case; feed:// unwrapped; duplicates dropped', () => {
  const opml = parseOpml(fixture('subscriptions.opml'));
  assert.equal(opml.title, 'Analyst reading list');
  assert.deepEqual(opml.feeds, [
    { url: 'https://feeds.ledger.example/rss', title: 'Harbourside Ledger', htmlUrl: 'https://ledger.example/', category: 'News/Regional' },
    { url: 'https://valleycourier.example/rss', title: 'Valley Courier', category: 'News/Regional' },
    { url: 'http://northwind.example/blog/atom.xml', title: 'Northwind Dispatch', category: 'News' },
    { url: 'https://observer.example/feed.json', title: 'Crescent Bay Observer', category: 'Blogs' },
    { url: 'https://gazette.example/rss.xml', title: 'Unfiled Gazette', category: 'Local/Weekly' },
  ]);
});

test('a feed outline left unclosed does not become a folder', () => {
  const opml = parseOpml(
    '<opml><body><outline text="Folder"><outline text="A" xmlUrl="https://a.example/rss"><outline text="B" xmlUrl="https://b.example/rss"/></outline></body></opml>',
  );
  assert.deepEqual(opml.feeds.map((f) => f.category), ['Folder', 'Folder']);
});

test('text without OPML is refused', () => {
  assert.throws(() => parseOpml('<rss><channel/></rss>', { url: 'subs.opml' }), (e: unknown) => e instanceof InputError && /^subs\.opml: not an OPML/.test(e.message));
});
