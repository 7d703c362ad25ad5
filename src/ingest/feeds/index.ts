/** Feeds (RSS, RDF, Atom, JSON Feed), OPML subscription lists and sitemaps. */
export type { FeedFormat, FeedItem, FeedKind, ParsedFeed, ParseFeedOptions } from './types.ts';
export { detectFeedKind } from './detect.ts';
export { parseFeed } from './parse-feed.ts';
export { parseFeedDate } from './dates.ts';
export { feedItemToArticle, needsPageFetch, MIN_CONTENT_CHARS, type FeedContext } from './to-article.ts';
export { parseOpml, type OpmlFeed, type ParsedOpml } from './opml.ts';
export {
  parseSitemap, sitemapUrlsFromRobots,
  type ParsedSitemap, type ParseSitemapOptions, type SitemapNews, type SitemapRef, type SitemapUrl,
} from './sitemap.ts';
export { maybeGunzip } from './gunzip.ts';
