/**
 * Feed items as Articles. Only an item that carries the story itself becomes
 * an Article here; one with just a teaser is the caller's cue to fetch the
 * page (needsPageFetch), since analysing a two-line summary would misstate
 * what the outlet published.
 */
import type { Article } from '../article.ts';
import { collapseSpace, htmlToParagraphs } from './html-text.ts';
import type { FeedItem, ParsedFeed } from './types.ts';

/** Shorter than this, "content" is a teaser, whatever the feed calls it. */
export const MIN_CONTENT_CHARS = 400;

const TRUNCATION_TAIL =
  /(?:\u2026|\.\.\.|\[\s*(?:\u2026|\.\.\.|\+?\s*more|read more)\s*\]|\(\s*more\s*(?:\u2026|\.\.\.)?\s*\)|read (?:the )?(?:full |whole )?(?:more|story|article|post)|continue reading(?: [^.]{0,80})?|keep reading)\W{0,3}$/i;

function bodyParagraphs(item: FeedItem): string[] {
  if (item.contentHtml !== undefined) {
    const paragraphs = htmlToParagraphs(item.contentHtml);
    if (paragraphs.length > 0) return paragraphs;
  }
  if (item.contentText !== undefined) return item.contentText.split(/\n\s*\n/).map(collapseSpace).filter(Boolean);
  return [];
}

/**
 * True when the item carries only a summary: no content, content shorter than
 * MIN_CONTENT_CHARS, or content that ends like an excerpt ("…", "[...]",
 * "Read more", "Continue reading").
 */
export function needsPageFetch(item: FeedItem): boolean {
  const paragraphs = bodyParagraphs(item);
  const body = paragraphs.join('\n\n');
  if (body.length < MIN_CONTENT_CHARS) return true;
  return TRUNCATION_TAIL.test(paragraphs[paragraphs.length - 1]!.slice(-120));
}

/** What feedItemToArticle needs from the feed. */
export type FeedContext = Pick<ParsedFeed, 'title' | 'url' | 'language'>;

/**
 * The item as an Article (headline, blank line, paragraphs of its content),
 * or null when it carries no content at all. It does not judge whether the
 * content is complete: ask needsPageFetch first.
 */
export function feedItemToArticle(item: FeedItem, feed: FeedContext): Article | null {
  const paragraphs = bodyParagraphs(item);
  if (paragraphs.length === 0) return null;
  const body = paragraphs.join('\n\n');
  const title = item.title;
  const text = title && !body.startsWith(title) ? `${title}\n\n${body}` : body;
  const article: Article = { id: item.id, authors: [...item.authors], text, source: { kind: 'feed' } };
  if (item.url !== undefined) {
    article.url = item.url;
    article.source!.location = item.url;
  }
  if (feed.url !== undefined) article.source!.feed = feed.url;
  if (title !== undefined) article.title = title;
  if (item.publishedAt !== undefined) article.publishedAt = item.publishedAt;
  if (item.modifiedAt !== undefined) article.modifiedAt = item.modifiedAt;
  if (feed.title !== undefined) article.siteName = feed.title;
  const lang = item.language ?? feed.language;
  if (lang !== undefined) article.lang = lang;
  if (item.summary !== undefined) article.description = item.summary;
  if (item.image !== undefined) article.image = item.image;
  return article;
}
