/**
 * RSS 0.91/0.92/2.0 and RSS 1.0 (RDF) into the common feed shape. Items are
 * collected wherever they sit, so a feed whose <channel> was never closed,
 * or whose items ended up outside it, still yields them.
 */
import { NS, isAtomNs, isRssCoreNs } from './namespaces.ts';
import { contentId, htmlLine, htmlOf, htmlParagraphs, leadImage, leafText, personName, unique } from './fields.ts';
import { parseFeedDate } from './dates.ts';
import { resolveUrl } from './urls.ts';
import type { FeedItem, ParsedFeed, ReadContext } from './types.ts';
import { attr, baseChain, child, childrenMatching, findAll, findFirst, inherited, type XmlDocument, type XmlElement } from './xml-tree.ts';

const core = (local: string) => (el: XmlElement) => el.local === local && isRssCoreNs(el.ns);
const inNs = (ns: string, local: string) => (el: XmlElement) => el.local === local && el.ns === ns;

function alternateAtomLink(el: XmlElement, rel: string): string | undefined {
  const link = childrenMatching(el, (c) => c.local === 'link' && isAtomNs(c.ns)).find((c) => (attr(c, 'rel') ?? 'alternate') === rel);
  return link ? attr(link, 'href') : undefined;
}

function firstDate(el: XmlElement, ctx: ReadContext, matches: ((el: XmlElement) => boolean)[]): string | undefined {
  for (const match of matches) {
    const date = parseFeedDate(leafText(child(el, match)), ctx.now);
    if (date) return date;
  }
  return undefined;
}

function readItem(item: XmlElement, ctx: ReadContext, siteBase: string | undefined, feedLanguage: string | undefined): FeedItem | undefined {
  const bases = [siteBase, ...baseChain(item)];
  const titleHtml = htmlOf(child(item, core('title'))) ?? htmlOf(child(item, inNs(NS.dc, 'title')));
  const title = htmlLine(titleHtml);
  const link = leafText(child(item, core('link'))) ?? alternateAtomLink(item, 'alternate');
  const guidEl = child(item, core('guid'));
  const guid = leafText(guidEl);
  const about = attr(item, 'rdf:about') ?? attr(item, 'about');
  const guidIsLink = guid !== undefined && attr(guidEl!, 'isPermaLink')?.toLowerCase() !== 'false' && /^https?:\/\//i.test(guid);
  const url = resolveUrl(link, ...bases) ?? (guidIsLink ? resolveUrl(guid, ...bases) : undefined) ?? resolveUrl(about, ...bases);

  const descriptionHtml = htmlOf(child(item, core('description'))) ?? htmlOf(child(item, inNs(NS.dc, 'description')));
  const summary = htmlParagraphs(descriptionHtml);
  const contentHtml = htmlOf(child(item, inNs(NS.content, 'encoded')));
  if (title === undefined && url === undefined && summary === undefined && contentHtml === undefined) return undefined;

  const authors = unique([
    ...childrenMatching(item, inNs(NS.dc, 'creator')).map((el) => personName(leafText(el))),
    ...childrenMatching(item, core('author')).map((el) => personName(leafText(el))),
    ...childrenMatching(item, (el) => el.local === 'author' && isAtomNs(el.ns)).map((el) =>
      personName(leafText(child(el, (c) => c.local === 'name')) ?? leafText(el)),
    ),
  ]);
  const publishedAt = firstDate(item, ctx, [
    core('pubdate'),
    inNs(NS.dc, 'date'),
    inNs(NS.dcterms, 'issued'),
    inNs(NS.dcterms, 'created'),
    (el) => el.local === 'published' && isAtomNs(el.ns),
  ]);
  const modifiedAt = firstDate(item, ctx, [inNs(NS.dcterms, 'modified'), (el) => el.local === 'updated' && isAtomNs(el.ns)]);
  const categories = unique(
    [...childrenMatching(item, core('category')), ...childrenMatching(item, inNs(NS.dc, 'subject'))].map((el) => htmlLine(leafText(el))),
  );
  const language = leafText(child(item, inNs(NS.dc, 'language'))) ?? inherited(item, 'xml:lang') ?? feedLanguage;

  const out: FeedItem = {
    id: guid ?? about ?? url ?? link ?? contentId([title, summary, contentHtml]),
    authors,
    categories,
  };
  if (url !== undefined) out.url = url;
  if (title !== undefined) out.title = title;
  if (publishedAt !== undefined) out.publishedAt = publishedAt;
  if (modifiedAt !== undefined) out.modifiedAt = modifiedAt;
  if (summary !== undefined) out.summary = summary;
  if (contentHtml !== undefined) out.contentHtml = contentHtml;
  const image = leadImage(item, bases);
  if (image !== undefined) out.image = image;
  if (language !== undefined) out.language = language;
  return out;
}

export function readRss(doc: XmlDocument, kind: 'rss' | 'rdf', ctx: ReadContext): ParsedFeed {
  const channel = findFirst(doc.root, core('channel'));
  const feed: ParsedFeed = { kind, items: [] };
  let siteBase = ctx.url;
  let language: string | undefined;
  if (channel) {
    const title = htmlLine(htmlOf(child(channel, core('title'))) ?? htmlOf(child(channel, inNs(NS.dc, 'title'))));
    const link = resolveUrl(leafText(child(channel, core('link'))), ctx.url, ...baseChain(channel));
    const description = htmlParagraphs(htmlOf(child(channel, core('description'))) ?? htmlOf(child(channel, inNs(NS.dc, 'description'))));
    language = leafText(child(channel, core('language'))) ?? leafText(child(channel, inNs(NS.dc, 'language'))) ?? inherited(channel, 'xml:lang');
    const updated = firstDate(channel, ctx, [core('lastbuilddate'), core('pubdate'), inNs(NS.dc, 'date')]);
    const self = resolveUrl(alternateAtomLink(channel, 'self'), ctx.url);
    // relative item links in RSS are written against the site, which may not be the feed's host
    if (link) siteBase = link;
    const feedUrl = ctx.url ?? self;
    if (feedUrl !== undefined) feed.url = feedUrl;
    if (title !== undefined) feed.title = title;
    if (link !== undefined) feed.link = link;
    if (description !== undefined) feed.description = description;
    if (language !== undefined) feed.language = language;
    if (updated !== undefined) feed.updated = updated;
  } else if (ctx.url !== undefined) {
    feed.url = ctx.url;
  }
  for (const item of findAll(doc.root, core('item'))) {
    const read = readItem(item, ctx, siteBase, language);
    if (read) feed.items.push(read);
  }
  return feed;
}
