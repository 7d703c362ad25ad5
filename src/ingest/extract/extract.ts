/**
 * HTML page → Article: metadata from the whole page, body text from the
 * content the scorer picks after chrome is pruned, Readability (on linkedom)
 * as the fallback when that finds too little.
 */
import type { Article } from '../article.ts';
import { InputError } from '../decode-text.ts';
import { bylineNames } from './authors.ts';
import { descendants, parseHtml } from './dom.ts';
import { findContent } from './content.ts';
import { readMetadata } from './metadata.ts';
import { paragraphsOf } from './paragraphs.ts';
import { pruneChrome } from './prune.ts';
import { readabilityExtract } from './readability.ts';
import { computeStats } from './stats.ts';

export interface ExtractOptions {
  /** Where the page came from: resolves relative links, names errors, dates from /2026/03/01/ paths. */
  url?: string;
  /** Dates later than this are dropped as impossible (default: the current time). */
  now?: Date;
}

export interface ExtractedArticle extends Article {
  /** The page's `rel="next"` link, absolute: the next page of a multi-page article, for the caller to fetch and merge. */
  nextPageUrl?: string;
}

/** Below this many characters of body, on a page with much more prose, the fast path is not trusted. */
const MIN_BODY = 250;
/** Readability recurses; past this nesting depth (or size) it is not attempted. */
const FALLBACK_MAX_DEPTH = 400;
const FALLBACK_MAX_CHARS = 4 * 1024 * 1024;

function key(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function fallbackBody(html: string): string {
  try {
    return readabilityExtract(html).body;
  } catch {
    // Readability gives up on some malformed trees; the fast path's answer stands
    return '';
  }
}

export function extractArticle(html: string, options: ExtractOptions | string = {}): ExtractedArticle {
  const opts: ExtractOptions = typeof options === 'string' ? { url: options } : options;
  const page = parseHtml(html);
  const all = descendants(page.root);
  const meta = readMetadata(page, all, { ...(opts.url !== undefined && { url: opts.url }), now: opts.now ?? new Date() });

  const before = computeStats(page.root);
  const pageProse = before.get(page.root)!.text - before.get(page.root)!.link;
  pruneChrome(page.root, all, before);
  const stats = computeStats(page.root);
  const choice = findContent(descendants(page.root), stats);
  const outlets = [meta.siteName].filter((s): s is string => !!s);
  const names = (byline: string) => bylineNames(byline, outlets) ?? [];
  const found = choice ? paragraphsOf(choice.roots, { stats, names, ...(meta.title !== undefined && { title: meta.title }) }) : undefined;
  let body = found ? found.paragraphs.join('\n\n') : '';
  // a byline written into the body text is the last place left to find an author
  if (meta.authors.length === 0 && found?.bylines.length) meta.authors = names(found.bylines[0]!);
  // little body on a page with much more prose: the scorer may have missed the article, Readability gets a try
  const missedProse = pageProse > 3 * body.length + 500;
  if (body.length < MIN_BODY && missedProse && page.maxDepth <= FALLBACK_MAX_DEPTH && html.length <= FALLBACK_MAX_CHARS) {
    const other = fallbackBody(html);
    if (other.length > body.length) body = other;
  }
  if (!body) body = paragraphsOf([page.root], { stats }).paragraphs.join('\n\n');
  if (!body) throw new InputError(`${opts.url ?? 'HTML input'}: no article text found in the page`);

  const title = meta.title;
  const firstParagraph = body.split('\n\n', 1)[0]!;
  const text = title && !body.startsWith(title) && key(firstParagraph) !== key(title) ? `${title}\n\n${body}` : body;
  const article: ExtractedArticle = { authors: meta.authors, text };
  if (opts.url !== undefined) article.url = opts.url;
  if (meta.canonicalUrl) article.canonicalUrl = meta.canonicalUrl;
  if (title) article.title = title;
  if (meta.publishedAt) article.publishedAt = meta.publishedAt;
  if (meta.modifiedAt) article.modifiedAt = meta.modifiedAt;
  if (meta.siteName) article.siteName = meta.siteName;
  if (meta.lang) article.lang = meta.lang;
  if (meta.description) article.description = meta.description;
  if (meta.image) article.image = meta.image;
  if (meta.nextPageUrl) article.nextPageUrl = meta.nextPageUrl;
  return article;
}
