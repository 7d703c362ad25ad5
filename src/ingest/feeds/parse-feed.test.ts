import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../decode-text.ts';
import { readFileSync } from 'node:fs';
import { parseFeed } from './parse-feed.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
// after every fixture date except the deliberately future ones
const NOW = new Date('2026-03-01T12:00:00Z');

test('RSS 0.91: HTML entities from the DTD, relative links against the channel link', () => {
  const feed = parseFeed(fixture('rss091.xml'), { now: NOW });
  assert.equal(feed.kind, 'rss');
  assert.equal(feed.title, 'Millbrook Weekly Gazette');
  assert.equal(feed.description, 'Small-town news from Millbrook & around');
  assert.deepEqual(
    feed.items.map((i) => [i.title, i.url]),
    [
      ['Café reopens after flood repairs', 'https://gazette.example/2024/cafe-reopens'],
      ['Council debates new bike lanes', 'https://gazette.example/2024/bike-lanes'],
    ],
  );
  assert.equal(feed.items[0]!.summary, 'The riverside café served its first customers in six weeks.');
  assert.equal(feed.items[0]!.language, 'en-us');
});

test('RSS 2.0: content:encoded under another prefix, dc:creator, media image, categories, guid', () => {
  const feed = parseFeed(fixture('rss20.xml'), { url: 'https://feeds.ledger.example/rss', now: NOW });
  assert.equal(feed.kind, 'rss');
  assert.equal(feed.url, 'https://feeds.ledger.example/rss');
  assert.equal(feed.link, 'https://ledger.example/');
  assert.equal(feed.updated, '2026-03-01T10:00:00.000Z');
  const [port, ferry] = feed.items;
  assert.equal(port!.id, 'ledger-2026-0412');
  assert.equal(port!.url, 'https://ledger.example/news/port-dredging');
  assert.equal(port!.title, 'Port authority approves night-time dredging');
  assert.deepEqual(port!.authors, ['Mara Ellison', 'Tobias Fenn']);
  assert.deepEqual(port!.categories, ['Harbour', 'Environment & Climate']);
  assert.equal(port!.image, 'https://cdn.ledger.example/img/dredger.jpg');
  assert.equal(port!.summary, 'The board voted 5–2 on Friday.');
  assert.match(port!.contentHtml!, /^<p>The port authority board voted five to two/);
  assert.equal(port!.language, 'en-gb');
  // guid with isPermaLink absent is the link; author email stripped to the name
  assert.equal(ferry!.id, 'https://ledger.example/news/ferry-timetable');
  assert.equal(ferry!.url, 'https://ledger.example/news/ferry-timetable');
  assert.deepEqual(ferry!.authors, ['Priya Nandakumar']);
  assert.equal(ferry!.image, 'https://cdn.ledger.example/img/ferry.png');
});

test('RSS dates: named zones and numeric offsets become UTC; a future date is dropped', () => {
  const feed = parseFeed(fixture('rss20.xml'), { now: NOW });
  const dates = Object.fromEntries(feed.items.map((i) => [i.title, i.publishedAt]));
  assert.equal(dates['Port authority approves night-time dredging'], '2026-02-28T23:45:00.000Z'); // EST
  assert.equal(dates['Ferry timetable changes from Monday'], '2026-02-27T04:15:00.000Z'); // +0300
  assert.equal(dates["Lighthouse keeper's diary goes on display"], '2026-02-26T17:05:00.000Z'); // PST, no seconds
  assert.equal(dates['Harbour festival line-up announced'], undefined); // July 2026 is after NOW
  assert.ok(feed.items.some((i) => i.title === 'Harbour festival line-up announced'), 'the item stays, only its date goes');
});

test('RSS description escaped twice is read as HTML, not as literal tags', () => {
  const feed = parseFeed(fixture('rss20.xml'), { now: NOW });
  const ferry = feed.items.find((i) => i.title === 'Ferry timetable changes from Monday')!;
  assert.equal(ferry.summary, 'Two early sailings are cancelled until further notice.');
});

test('RSS 1.0 (RDF): default RSS namespace, dc under an odd prefix, rdf:about ids', () => {
  const feed = parseFeed(fixture('rdf.xml'), { now: NOW });
  assert.equal(feed.kind, 'rdf');
  assert.equal(feed.title, 'Valley Courier');
  assert.equal(feed.language, 'de');
  assert.equal(feed.items.length, 2);
  const [hail, market] = feed.items;
  assert.equal(hail!.id, 'https://valleycourier.example/story/hail');
  assert.deepEqual(hail!.authors, ['Jonas Birkner']);
  assert.equal(hail!.publishedAt, '2026-02-20T15:30:00.000Z');
  assert.deepEqual(hail!.categories, ['Agriculture']);
  assert.equal(market!.publishedAt, '2026-02-18T00:00:00.000Z');
  assert.equal(market!.language, 'de');
});

test('Atom: xml:base chain, rel=alternate text/html preferred, xhtml content, inherited author and lang', () => {
  const feed = parseFeed(fixture('atom.xml'), { now: NOW });
  assert.equal(feed.kind, 'atom');
  assert.equal(feed.title, 'Northwind Dispatch');
  assert.equal(feed.description, 'Notes & analysis from the north');
  assert.equal(feed.link, 'https://northwind.example/blog/');
  assert.equal(feed.url, 'https://northwind.example/blog/atom.xml');
  const [grid, ice] = feed.items;
  assert.equal(grid!.url, 'https://northwind.example/blog/posts/grid-warning.html');
  assert.equal(grid!.title, 'Grid operator warns of tight winter supply');
  assert.equal(grid!.publishedAt, '2026-02-24T13:00:00.000Z');
  assert.equal(grid!.modifiedAt, '2026-02-24T20:30:00.000Z');
  assert.deepEqual(grid!.authors, ['Helga Strand']);
  assert.deepEqual(grid!.categories, ['Energy', 'policy']);
  assert.equal(grid!.image, 'https://northwind.example/media/pylons.jpg');
  assert.match(grid!.contentHtml!, /^<p>The national grid operator/);
  assert.match(grid!.contentHtml!, /<strong>not at risk<\/strong>/);
  assert.doesNotMatch(grid!.contentHtml!, /xmlns|<div/);
  assert.equal(grid!.language, 'en');
  assert.deepEqual(ice!.authors, ['Northwind Desk']);
  assert.equal(ice!.summary, 'Hauliers had been waiting since early January.');
  assert.equal(ice!.publishedAt, '2026-02-20T09:00:00.000Z', 'updated stands in for a missing published');
});

test('JSON Feed 1.1: relative url, authors, tags, a bad item and a bad date skipped', () => {
  const feed = parseFeed(fixture('feed.json'), { now: NOW });
  assert.equal(feed.kind, 'jsonfeed');
  assert.equal(feed.url, 'https://observer.example/feed.json');
  assert.equal(feed.language, 'en-AU');
  assert.equal(feed.items.length, 2, 'the string and the item without usable fields are skipped');
  const [reef, jetty] = feed.items;
  assert.equal(reef!.url, 'https://observer.example/2026/02/reef-survey');
  assert.deepEqual(reef!.authors, ['Lena Okafor']);
  assert.deepEqual(reef!.categories, ['Environment', 'Reef']);
  assert.equal(reef!.publishedAt, '2026-02-22T10:00:00.000Z');
  assert.equal(reef!.image, 'https://observer.example/img/reef.jpg');
  assert.equal(jetty!.id, '1002');
  assert.equal(jetty!.title, 'Jetty repairs ‘on schedule’');
  assert.equal(jetty!.publishedAt, undefined);
  assert.deepEqual(jetty!.authors, ['Observer Staff'], 'feed authors are inherited');
  assert.equal(jetty!.contentText, 'Council engineers say the jetty will reopen at Easter.');
});

test('JSON Feed 1.0 author object is read', () => {
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1',
    title: 'Old Style',
    items: [{ id: 'a', url: 'https://old.example/a', content_text: 'x', author: { name: 'Ruth Vale' } }],
  });
  assert.deepEqual(parseFeed(json, { now: NOW }).items[0]!.authors, ['Ruth Vale']);
});

test('a BOM and whitespace before <?xml are ignored', () => {
  const feed = parseFeed('\uFEFF\n\n   ' + fixture('rss091.xml'), { now: NOW });
  assert.equal(feed.items.length, 2);
});

test('items with nothing readable are skipped; an empty channel is a feed with no items', () => {
  const feed = parseFeed('<rss><channel><title>Quiet</title><item></item></channel></rss>', { now: NOW });
  assert.equal(feed.title, 'Quiet');
  assert.deepEqual(feed.items, []);
});

test('items without guid or link get a stable content id', () => {
  const text = '<rss><channel><item><title>Only a title</title></item></channel></rss>';
  const a = parseFeed(text, { now: NOW }).items[0]!;
  const b = parseFeed(text, { now: NOW }).items[0]!;
  assert.match(a.id, /^sha1:[0-9a-f]{20}$/);
  assert.equal(a.id, b.id);
});

test('non-feeds are refused with InputError naming the input', () => {
  const cases: [string, RegExp][] = [
    ['<!doctype html><html><body><p>hi</p></body></html>', /https:\/\/x\.example\/: is an HTML page/],
    [fixture('subscriptions.opml'), /OPML/],
    [fixture('news-sitemap.xml'), /sitemap/],
    ['just some words', /not an RSS, Atom or JSON feed/],
    ['{"hello": "world"}', /not an RSS, Atom or JSON feed/],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": [', /not valid JSON/],
    ['', /empty/],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseFeed(text, { url: 'https://x.example/', now: NOW }), (e: unknown) => e instanceof InputError && message.test(e.message), text.slice(0, 30));
  }
});
