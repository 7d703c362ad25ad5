/**
 * One entry point for every feed format: sniff, then hand to the RSS, Atom or
 * JSON Feed reader. Broken XML yields whatever items could be read; only a
 * text with nothing feed-like in it is an error.
 */
import { InputError } from '../decode-text.ts';
import { readAtom } from './atom.ts';
import { detectFeedKind } from './detect.ts';
import { readJsonFeed } from './json-feed.ts';
import { isAtomNs, isRssCoreNs } from './namespaces.ts';
import { readRss } from './rss.ts';
import type { ParsedFeed, ParseFeedOptions, ReadContext } from './types.ts';
import { findFirst, parseXml } from './xml-tree.ts';

const NOT_A_FEED: Record<string, string> = {
  html: 'is an HTML page, not a feed (its <link rel="alternate"> tags may name the feed)',
  opml: 'is an OPML subscription list, not a feed (read it with parseOpml)',
  sitemap: 'is a sitemap, not a feed (read it with parseSitemap)',
  sitemapindex: 'is a sitemap index, not a feed (read it with parseSitemap)',
};

export function parseFeed(text: string, options: ParseFeedOptions = {}): ParsedFeed {
  const ctx: ReadContext = { now: options.now ?? new Date(), origin: options.url ?? 'feed' };
  if (options.url !== undefined) ctx.url = options.url;
  const kind = detectFeedKind(text);
  if (kind === 'jsonfeed') return readJsonFeed(text, ctx);
  const reason = NOT_A_FEED[kind];
  if (reason) throw new InputError(`${ctx.origin}: ${reason}`);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new InputError(`${ctx.origin}: feed is empty`);
  const doc = parseXml(body);
  if (kind === 'atom') return readAtom(doc, ctx);
  if (kind === 'rss' || kind === 'rdf') return readRss(doc, kind, ctx);
  // No recognisable root (cut off before it, or a wrapper element): go by what the items look like
  if (findFirst(doc.root, (el) => (el.local === 'item' || el.local === 'channel') && isRssCoreNs(el.ns))) return readRss(doc, 'rss', ctx);
  if (findFirst(doc.root, (el) => el.local === 'entry' && isAtomNs(el.ns))) return readAtom(doc, ctx);
  throw new InputError(`${ctx.origin}: not an RSS, Atom or JSON feed`);
}
