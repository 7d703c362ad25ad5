/**
 * JSON Feed 1.0 and 1.1. Each field is validated on its own (zod with
 * .catch), so one item with a number where a string belongs loses that
 * field, not the item or the feed.
 */
import { z } from 'zod';
import { InputError } from '../decode-text.ts';
import { collapseSpace, decodeEntities, unescapeDoubleEscaped } from './html-text.ts';
import { contentId, htmlLine, htmlParagraphs, personName, unique } from './fields.ts';
import { parseFeedDate } from './dates.ts';
import { resolveUrl } from './urls.ts';
import type { FeedItem, ParsedFeed, ReadContext } from './types.ts';

const text = z.string().optional().catch(undefined);
const list = z.array(z.unknown()).optional().catch(undefined);

const JsonItem = z.object({
  id: z.union([z.string(), z.number()]).optional().catch(undefined),
  url: text,
  external_url: text,
  title: text,
  content_html: text,
  content_text: text,
  summary: text,
  image: text,
  banner_image: text,
  date_published: text,
  date_modified: text,
  authors: list,
  author: z.unknown().optional(),
  tags: list,
  language: text,
});

const JsonFeed = z.object({
  version: text,
  title: text,
  home_page_url: text,
  feed_url: text,
  description: text,
  language: text,
  authors: list,
  author: z.unknown().optional(),
  items: list,
});

const Person = z.object({ name: z.string() });

function names(authors: unknown[] | undefined, author: unknown): string[] {
  const all = [...(authors ?? []), ...(author === undefined ? [] : [author])];
  return unique(all.map((a) => {
    const parsed = Person.safeParse(a);
    return parsed.success ? personName(parsed.data.name) : undefined;
  }));
}

/** JSON Feed titles are plain text, but generators leave entities like &#8217; in them. */
function plain(value: string | undefined): string | undefined {
  return value === undefined ? undefined : collapseSpace(decodeEntities(value)) || undefined;
}

function readItem(raw: unknown, ctx: ReadContext, base: string | undefined, feedAuthors: string[], feedLanguage: string | undefined): FeedItem | undefined {
  const parsed = JsonItem.safeParse(raw);
  if (!parsed.success) return undefined;
  const item = parsed.data;
  const url = resolveUrl(item.url, base) ?? resolveUrl(item.external_url, base);
  const title = plain(item.title);
  const contentHtml = item.content_html !== undefined ? unescapeDoubleEscaped(item.content_html).trim() || undefined : undefined;
  const contentText = item.content_text?.replace(/\r\n?/g, '\n').trim() || undefined;
  const summary = item.summary !== undefined ? htmlParagraphs(item.summary) : undefined;
  if (title === undefined && url === undefined && contentHtml === undefined && contentText === undefined && summary === undefined) return undefined;

  const authors = names(item.authors, item.author);
  const out: FeedItem = {
    id: item.id !== undefined && String(item.id).trim() !== '' ? String(item.id).trim() : url ?? contentId([title, summary, contentHtml ?? contentText]),
    authors: authors.length > 0 ? authors : feedAuthors,
    categories: unique((item.tags ?? []).map((t) => (typeof t === 'string' ? htmlLine(t) : undefined))),
  };
  const publishedAt = parseFeedDate(item.date_published, ctx.now);
  const modifiedAt = parseFeedDate(item.date_modified, ctx.now);
  const image = resolveUrl(item.image, base) ?? resolveUrl(item.banner_image, base);
  const language = item.language?.trim() || feedLanguage;
  if (url !== undefined) out.url = url;
  if (title !== undefined) out.title = title;
  if (publishedAt !== undefined) out.publishedAt = publishedAt;
  if (modifiedAt !== undefined) out.modifiedAt = modifiedAt;
  if (summary !== undefined) out.summary = summary;
  if (contentHtml !== undefined) out.contentHtml = contentHtml;
  if (contentText !== undefined) out.contentText = contentText;
  if (image !== undefined) out.image = image;
  if (language !== undefined) out.language = language;
  return out;
}

export function readJsonFeed(text: string, ctx: ReadContext): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${ctx.origin}: JSON Feed is not valid JSON (${(error as Error).message})`);
  }
  const parsed = JsonFeed.safeParse(data);
  if (!parsed.success || !Array.isArray(parsed.data.items)) {
    throw new InputError(`${ctx.origin}: JSON document is not a JSON Feed (no "items" array)`);
  }
  const json = parsed.data;
  const feedUrl = resolveUrl(ctx.url) ?? resolveUrl(json.feed_url);
  const link = resolveUrl(json.home_page_url, feedUrl);
  const base = feedUrl ?? link;
  const language = json.language?.trim() || undefined;
  const feedAuthors = names(json.authors, json.author);
  const feed: ParsedFeed = { kind: 'jsonfeed', items: [] };
  const title = plain(json.title);
  const description = json.description !== undefined ? htmlParagraphs(json.description) : undefined;
  if (feedUrl !== undefined) feed.url = feedUrl;
  else if (ctx.url !== undefined) feed.url = ctx.url;
  if (title !== undefined) feed.title = title;
  if (link !== undefined) feed.link = link;
  if (description !== undefined) feed.description = description;
  if (language !== undefined) feed.language = language;
  for (const raw of json.items ?? []) {
    const item = readItem(raw, ctx, base, feedAuthors, language);
    if (item) feed.items.push(item);
  }
  return feed;
}
