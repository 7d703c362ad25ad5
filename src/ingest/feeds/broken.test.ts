import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseFeed } from './parse-feed.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const NOW = new Date('2026-03-01T12:00:00Z');

test('an unclosed <item> is closed by the next one, an unclosed field by the next field', () => {
  const feed = parseFeed(
    `<rss><channel><title>Dockside Bulletin</title>
      <item><title>First</title><link>https://dock.example/1</link><description>first story
      <item><title>Second</title><link>https://dock.example/2</link></item>
      <item><title>Third<link>https://dock.example/3</link><pubDate>Thu, 26 Feb 2026 10:00:00 GMT</pubDate></item>
    </channel></rss>`,
    { now: NOW },
  );
  assert.deepEqual(
    feed.items.map((i) => [i.title, i.url, i.summary]),
    [
      ['First', 'https://dock.example/1', 'first story'],
      ['Second', 'https://dock.example/2', undefined],
      ['Third', 'https://dock.example/3', undefined],
    ],
  );
  assert.equal(feed.items[2]!.publishedAt, '2026-02-26T10:00:00.000Z');
});

test('bare ampersands and undeclared entities are kept as text', () => {
  const feed = parseFeed(
    '<?xml version="1.0"?><rss><channel><title>Fish & Chips Weekly</title><item><title>Salt &amp; vinegar &mdash; prices up & up</title><link>https://fish.example/a?x=1&y=2</link></item></channel></rss>',
    { now: NOW },
  );
  assert.equal(feed.title, 'Fish & Chips Weekly');
  assert.equal(feed.items[0]!.title, 'Salt & vinegar — prices up & up');
  assert.equal(feed.items[0]!.url, 'https://fish.example/a?x=1&y=2');
});

test('a feed cut off mid-item keeps the earlier items and the complete fields of the last', () => {
  const full = fixture('rss20.xml');
  const cut = full.slice(0, full.indexOf('Twelve bands') + 5);
  const feed = parseFeed(cut, { now: NOW });
  assert.deepEqual(
    feed.items.map((i) => i.title),
    ['Port authority approves night-time dredging', 'Ferry timetable changes from Monday', 'Harbour festival line-up announced'],
  );
  const last = feed.items[2]!;
  assert.equal(last.url, 'https://ledger.example/news/festival');
  assert.equal(last.summary, undefined, 'half a description is not a description');
});

test('a field cut off inside CDATA is dropped, not half-read', () => {
  const full = fixture('rss20.xml');
  const cut = full.slice(0, full.indexOf('most of the winter'));
  const feed = parseFeed(cut, { now: NOW });
  assert.equal(feed.items.length, 1);
  assert.equal(feed.items[0]!.contentHtml, undefined);
  assert.equal(feed.items[0]!.title, 'Port authority approves night-time dredging');
});

test('an Atom feed cut off mid-entry keeps the complete entries', () => {
  const full = fixture('atom.xml');
  const cut = full.slice(0, full.indexOf('Ice road opens'));
  const feed = parseFeed(cut, { now: NOW });
  assert.deepEqual(feed.items.map((i) => i.title), ['Grid operator warns of tight winter supply']);
});

test('unclosed Atom <author> does not swallow the entry link', () => {
  const feed = parseFeed(
    '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><author><name>Ines Bay</name><link href="https://atoll.example/a"/><id>a1</id></entry></feed>',
    { now: NOW },
  );
  assert.deepEqual(feed.items.map((i) => [i.id, i.url, i.authors]), [['a1', 'https://atoll.example/a', ['Ines Bay']]]);
});

test('raw (unescaped) HTML inside a description is read as HTML', () => {
  const feed = parseFeed(
    '<rss><channel><item><title>T</title><description><p>One <b>bold</b> claim.</p><p>Two</p></description></item></channel></rss>',
    { now: NOW },
  );
  assert.equal(feed.items[0]!.summary, 'One bold claim.\n\nTwo');
});

test('elements nested thousands deep neither throw nor overflow the stack', () => {
  const deep = '<rss><channel><item><title>Deep</title><description>' + '<div>'.repeat(20000) + 'x' + '</div>'.repeat(20000) + '</description></item></channel></rss>';
  const feed = parseFeed(deep, { now: NOW });
  assert.equal(feed.items[0]!.title, 'Deep');
  assert.equal(feed.items[0]!.summary, 'x');
});

test('items outside a never-closed channel, with no root element, are still found', () => {
  const feed = parseFeed('<item><title>Loose</title><link>https://loose.example/1</link></item>', { now: NOW });
  assert.equal(feed.kind, 'rss');
  assert.equal(feed.items[0]!.url, 'https://loose.example/1');
});
