import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { InputError } from '../decode-text.ts';
import { maybeGunzip } from './gunzip.ts';
import { parseSitemap, sitemapUrlsFromRobots } from './sitemap.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const NOW = new Date('2026-03-01T12:00:00Z');

test('news sitemap: news and image extensions under their own prefixes, future lastmod dropped', () => {
  const map = parseSitemap(fixture('news-sitemap.xml'), { url: 'https://ledger.example/sitemap-news.xml', now: NOW });
  assert.equal(map.kind, 'urlset');
  assert.deepEqual(map.sitemaps, []);
  assert.deepEqual(map.urls[0], {
    loc: 'https://ledger.example/news/port-dredging',
    lastmod: '2026-02-28T23:50:00.000Z',
    news: {
      title: 'Port authority approves night-time dredging',
      publishedAt: '2026-02-28T23:45:00.000Z',
      language: 'en',
      publicationName: 'The Harbourside Ledger',
      keywords: ['harbour', 'dredging', 'port authority'],
    },
    images: ['https://cdn.ledger.example/img/dredger.jpg', 'https://ledger.example/img/map.png'],
  });
  assert.deepEqual(map.urls[1], { loc: 'https://ledger.example/news/ferry-timetable?ref=sitemap&v=2', lastmod: '2026-02-27T00:00:00.000Z' });
  assert.deepEqual(map.urls[2], { loc: 'https://ledger.example/news/from-the-future' });
});

test('sitemap index', () => {
  const map = parseSitemap(fixture('sitemap-index.xml'), { now: NOW });
  assert.equal(map.kind, 'index');
  assert.deepEqual(map.urls, []);
  assert.deepEqual(map.sitemaps, [
    { loc: 'https://ledger.example/sitemaps/news.xml', lastmod: '2026-03-01T06:00:00.000Z' },
    { loc: 'https://ledger.example/sitemaps/archive-2025.xml.gz' },
  ]);
});

test('text sitemap: one URL per line, comments and blank lines skipped, duplicates dropped', () => {
  const map = parseSitemap(fixture('sitemap.txt'), { now: NOW });
  assert.deepEqual(map, {
    kind: 'urlset',
    urls: [{ loc: 'https://gazette.example/2024/cafe-reopens' }, { loc: 'https://gazette.example/2024/bike-lanes' }],
    sitemaps: [],
  });
});

test('a sitemap cut off mid-entry keeps the complete entries', () => {
  const full = fixture('news-sitemap.xml');
  const map = parseSitemap(full.slice(0, full.indexOf('from-the-future')), { now: NOW });
  assert.deepEqual(map.urls.map((u) => u.loc), ['https://ledger.example/news/port-dredging', 'https://ledger.example/news/ferry-timetable?ref=sitemap&v=2']);
});

test('sitemap entries without a root or with unclosed <url> are still read', () => {
  const map = parseSitemap('<url><loc>https://s.example/a</loc><url><loc>https://s.example/b</loc></url>', { now: NOW });
  assert.deepEqual(map.urls.map((u) => u.loc), ['https://s.example/a', 'https://s.example/b']);
});

test('non-sitemaps are refused with InputError', () => {
  assert.throws(() => parseSitemap(fixture('rss20.xml'), { url: 'https://ledger.example/rss' }), (e: unknown) => e instanceof InputError && /is an RSS feed, not a sitemap/.test(e.message));
  assert.throws(() => parseSitemap('hello\nworld'), InputError);
  assert.throws(() => parseSitemap('<!doctype html><p>x'), /HTML page/);
});

test('robots.txt Sitemap lines, any case, relative ones resolved, comments cut, duplicates dropped', () => {
  assert.deepEqual(sitemapUrlsFromRobots(fixture('robots.txt'), 'https://ledger.example/robots.txt'), [
    'https://ledger.example/sitemap-index.xml',
    'https://ledger.example/sitemaps/news.xml',
  ]);
  assert.deepEqual(sitemapUrlsFromRobots('User-agent: *\nDisallow: /'), []);
});

test('maybeGunzip: gzip decompressed within the limit, plain bytes passed through, bombs and damage refused', () => {
  const xml = Buffer.from(fixture('sitemap-index.xml'));
  const gz = gzipSync(xml);
  assert.deepEqual(Buffer.from(maybeGunzip(gz, 1 << 20)), xml);
  assert.equal(maybeGunzip(xml, 10), xml);
  assert.throws(() => maybeGunzip(gzipSync(Buffer.alloc(1 << 20)), 1000, 'big.xml.gz'), (e: unknown) => e instanceof InputError && /^big\.xml\.gz: decompresses to more than the 1000 bytes limit/.test(e.message));
  assert.throws(() => maybeGunzip(gz.subarray(0, 20), 1 << 20, 'cut.xml.gz'), (e: unknown) => e instanceof InputError && /damaged gzip/.test(e.message));
});
