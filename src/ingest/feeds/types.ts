/** Shapes every feed format is normalised into. */

export type FeedKind = 'rss' | 'atom' | 'rdf' | 'jsonfeed' | 'opml' | 'sitemap' | 'sitemapindex' | 'html' | 'unknown';

/** The kinds `parseFeed` reads. */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'jsonfeed';

export interface FeedItem {
  /** guid / Atom id / JSON Feed id; falls back to the URL, then to a hash of the content. */
  id: string;
  /** Absolute http(s) URL of the story. */
  url?: string;
  title?: string;
  authors: string[];
  /** ISO 8601 UTC, never later than the `now` the feed was parsed with. */
  publishedAt?: string;
  modifiedAt?: string;
  /** Plain text, HTML stripped; paragraphs separated by blank lines. */
  summary?: string;
  contentHtml?: string;
  contentText?: string;
  categories: string[];
  /** Absolute http(s) URL of the lead image. */
  image?: string;
  language?: string;
}

export interface ParsedFeed {
  kind: FeedFormat;
  /** The feed's own URL: the one it was read from, else its self link. */
  url?: string;
  title?: string;
  /** The site the feed belongs to. */
  link?: string;
  description?: string;
  language?: string;
  updated?: string;
  items: FeedItem[];
}

export interface ParseFeedOptions {
  /** Where the text came from: base for relative URLs and named in errors. */
  url?: string;
  /** Dates after this are dropped (default: the current time). */
  now?: Date;
}

/** What the format readers share while reading one document. */
export interface ReadContext {
  url?: string;
  now: Date;
  origin: string;
}
