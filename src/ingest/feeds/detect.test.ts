import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { detectFeedKind } from './detect.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

test('each fixture is recognised from its content', () => {
  const cases: [string, string][] = [
    ['rss091.xml', 'rss'],
    ['rss20.xml', 'rss'],
    ['rdf.xml', 'rdf'],
    ['atom.xml', 'atom'],
    ['feed.json', 'jsonfeed'],
    ['subscriptions.opml', 'opml'],
    ['news-sitemap.xml', 'sitemap'],
    ['sitemap-index.xml', 'sitemapindex'],
    ['sitemap.txt', 'sitemap'],
  ];
  for (const [name, kind] of cases) assert.equal(detectFeedKind(fixture(name)), kind, name);
});

test('prolog, comments, stylesheets, BOM and junk before the root do not hide it', () => {
  assert.equal(detectFeedKind('\uFEFF  \n<?xml version="1.0"?>\n<!-- generated -->\n<?xml-stylesheet href="s.xsl"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'), 'atom');
  assert.equal(detectFeedKind('<!DOCTYPE rss [ <!ENTITY nbsp "&#160;"> ]><rss version="2.0">'), 'rss');
  assert.equal(detectFeedKind('Warning: something in /srv/feed.php on line 3\n<?xml version="1.0"?><rss>'), 'rss');
  assert.equal(detectFeedKind('<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">'), 'atom');
});

test('HTML pages, unknown text and Content-Type as the last resort', () => {
  assert.equal(detectFeedKind('<!DOCTYPE html><title>x</title>'), 'html');
  assert.equal(detectFeedKind('<html lang="en"><head></head></html>'), 'html');
  assert.equal(detectFeedKind('hello there'), 'unknown');
  assert.equal(detectFeedKind('{"a": 1}'), 'unknown');
  assert.equal(detectFeedKind('<data/>', 'application/atom+xml; charset=utf-8'), 'atom');
  assert.equal(detectFeedKind('<data/>', 'text/html'), 'html');
  // the body wins over a wrong header
  assert.equal(detectFeedKind(fixture('rss20.xml'), 'text/html'), 'rss');
});
