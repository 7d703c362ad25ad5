/**
 * The article every ingestion path produces and the store keeps: clean text
 * plus the metadata an analyst filters by. Plain data, so it crosses worker
 * threads, queues and JSONL unchanged.
 */

export type ArticleSourceKind = 'url' | 'file' | 'feed' | 'sitemap' | 'warc' | 'jsonl' | 'csv' | 'stdin' | 'text';

export interface Article {
  /** Stable identifier chosen by the caller (file name, feed item id, JSONL id); optional. */
  id?: string;
  /** Where the page was fetched from (after redirects) or claims to come from. */
  url?: string;
  /** The page's own canonical URL (link rel=canonical, og:url, JSON-LD), normalised. */
  canonicalUrl?: string;
  title?: string;
  authors: string[];
  /** ISO 8601 with offset, e.g. 2026-03-01T09:30:00.000Z; never in the future. */
  publishedAt?: string;
  modifiedAt?: string;
  siteName?: string;
  /** BCP 47 language tag as declared by the page or detected, e.g. "en", "ru". */
  lang?: string;
  description?: string;
  image?: string;
  /** Headline, blank line, then body paragraphs separated by blank lines. */
  text: string;
  source?: { kind: ArticleSourceKind; location?: string; feed?: string };
  /** When spinscope fetched or read it (ISO 8601). */
  fetchedAt?: string;
}
