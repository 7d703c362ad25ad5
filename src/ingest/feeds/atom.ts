/**
 * Atom 1.0 (and the Atom 0.3 names still served by old blogs) into the common
 * feed shape. Text constructs honour their type; links and content resolve
 * against the xml:base in force where they appear.
 */
import { NS, isAtomNs } from './namespaces.ts';
import { collapseSpace, unescapeDoubleEscaped } from './html-text.ts';
import { contentId, htmlLine, htmlParagraphs, leadImage, leafText, personName, unique } from './fields.ts';
import { parseFeedDate } from './dates.ts';
import { resolveUrl } from './urls.ts';
import type { FeedItem, ParsedFeed, ReadContext } from './types.ts';
import {
  attr, baseChain, child, childElements, childrenMatching, findAll, findFirst, hasElementChildren, inherited, innerHtml, textOf,
  type XmlDocument, type XmlElement,
} from './xml-tree.ts';

// A feed that forgot xmlns still reads as Atom once the root says <feed>
const atom = (local: string) => (el: XmlElement) => el.local === local && (isAtomNs(el.ns) || el.ns === '');

interface TextConstruct {
  html?: string;
  text?: string;
}

/** Content of a text construct (title, summary, content) per its type attribute. */
function textConstruct(el: XmlElement | undefined): TextConstruct | undefined {
  if (!el || el.truncated || attr(el, 'src') !== undefined) return undefined;
  const type = (attr(el, 'type') ?? 'text').trim().toLowerCase();
  const mode = attr(el, 'mode')?.toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml') {
    const elements = childElements(el);
    const wrapper = elements.length === 1 && elements[0]!.local === 'div' ? elements[0]! : el;
    const html = innerHtml(wrapper).trim();
    return html ? { html } : undefined;
  }
  if (mode === 'base64') return undefined;
  if (type === 'html' || type === 'text/html' || mode === 'escaped') {
    const html = unescapeDoubleEscaped(hasElementChildren(el) ? innerHtml(el) : textOf(el)).trim();
    return html ? { html } : undefined;
  }
  if (type === 'text' || type.startsWith('text/')) {
    const text = textOf(el).replace(/\r\n?/g, '\n').trim();
    return text ? { text } : undefined;
  }
  return undefined; // other media types carry data, not prose
}

function constructLine(tc: TextConstruct | undefined): string | undefined {
  if (!tc) return undefined;
  return tc.html !== undefined ? htmlLine(tc.html) : collapseSpace(tc.text ?? '') || undefined;
}

function constructParagraphs(tc: TextConstruct | undefined): string | undefined {
  if (!tc) return undefined;
  if (tc.html !== undefined) return htmlParagraphs(tc.html);
  const paragraphs = (tc.text ?? '').split(/\n\s*\n/).map(collapseSpace).filter(Boolean);
  return paragraphs.length > 0 ? paragraphs.join('\n\n') : undefined;
}

const RELATION_PREFIX = 'http://www.iana.org/assignments/relation/';

function relOf(link: XmlElement): string {
  const rel = (attr(link, 'rel') ?? 'alternate').trim().toLowerCase();
  return rel.startsWith(RELATION_PREFIX) ? rel.slice(RELATION_PREFIX.length) : rel;
}

/** The HTML page a feed or entry points at: rel=alternate, preferring text/html. */
function alternateLink(el: XmlElement, ctx: ReadContext): string | undefined {
  const alternates = childrenMatching(el, atom('link')).filter((l) => relOf(l) === 'alternate' && !l.truncated);
  const isHtml = (l: XmlElement) => {
    const type = attr(l, 'type')?.toLowerCase();
    return type === undefined || type === 'text/html' || type === 'application/xhtml+xml';
  };
  for (const link of [...alternates.filter(isHtml), ...alternates]) {
    const url = resolveUrl(attr(link, 'href'), ctx.url, ...baseChain(link));
    if (url) return url;
  }
  return undefined;
}

function selfLink(el: XmlElement, ctx: ReadContext): string | undefined {
  const link = childrenMatching(el, atom('link')).find((l) => relOf(l) === 'self');
  return link ? resolveUrl(attr(link, 'href'), ctx.url, ...baseChain(link)) : undefined;
}

function people(el: XmlElement | undefined): (string | undefined)[] {
  if (!el) return [];
  return childrenMatching(el, atom('author')).map((a) => personName(leafText(child(a, atom('name'))) ?? (childElements(a).length === 0 ? leafText(a) : undefined)));
}

function date(el: XmlElement, ctx: ReadContext, names: string[]): string | undefined {
  for (const name of names) {
    const parsed = parseFeedDate(leafText(child(el, atom(name))), ctx.now);
    if (parsed) return parsed;
  }
  return parseFeedDate(leafText(child(el, (c) => c.ns === NS.dc && c.local === 'date')), ctx.now);
}

function readEntry(entry: XmlElement, ctx: ReadContext, feedAuthors: string[]): FeedItem | undefined {
  const title = constructLine(textConstruct(child(entry, atom('title'))));
  const url = alternateLink(entry, ctx);
  const summary = constructParagraphs(textConstruct(child(entry, atom('summary')))) ?? constructParagraphs(textConstruct(child(entry, atom('tagline'))));
  const content = textConstruct(child(entry, atom('content')));
  if (title === undefined && url === undefined && summary === undefined && content === undefined) return undefined;

  const id = leafText(child(entry, atom('id')));
  const source = child(entry, atom('source'));
  let authors = unique([...people(entry), ...childrenMatching(entry, (c) => c.ns === NS.dc && c.local === 'creator').map((c) => personName(leafText(c)))]);
  if (authors.length === 0) authors = unique(people(source));
  if (authors.length === 0) authors = feedAuthors;
  const categories = unique(
    childrenMatching(entry, atom('category')).map((c) => collapseSpace(attr(c, 'label') ?? attr(c, 'term') ?? leafText(c) ?? '') || undefined),
  );
  const publishedAt = date(entry, ctx, ['published', 'issued', 'created']);
  const modifiedAt = date(entry, ctx, ['updated', 'modified']);
  const language = inherited(entry, 'xml:lang');

  const out: FeedItem = { id: id ?? url ?? contentId([title, summary, content?.html ?? content?.text]), authors, categories };
  if (url !== undefined) out.url = url;
  if (title !== undefined) out.title = title;
  // <published> is optional in Atom; an entry without it was first published when last updated
  const firstSeen = publishedAt ?? modifiedAt;
  if (firstSeen !== undefined) out.publishedAt = firstSeen;
  if (modifiedAt !== undefined) out.modifiedAt = modifiedAt;
  if (summary !== undefined) out.summary = summary;
  if (content?.html !== undefined) out.contentHtml = content.html;
  if (content?.text !== undefined) out.contentText = content.text;
  const image = leadImage(entry, [ctx.url, ...baseChain(entry)]);
  if (image !== undefined) out.image = image;
  if (language !== undefined) out.language = language;
  return out;
}

export function readAtom(doc: XmlDocument, ctx: ReadContext): ParsedFeed {
  const feedEl = findFirst(doc.root, atom('feed'));
  const feed: ParsedFeed = { kind: 'atom', items: [] };
  let feedAuthors: string[] = [];
  if (feedEl) {
    const title = constructLine(textConstruct(child(feedEl, atom('title'))));
    const link = alternateLink(feedEl, ctx);
    const description = constructParagraphs(textConstruct(child(feedEl, atom('subtitle')) ?? child(feedEl, atom('tagline'))));
    const language = inherited(feedEl, 'xml:lang');
    const updated = date(feedEl, ctx, ['updated', 'modified']);
    const url = ctx.url ?? selfLink(feedEl, ctx);
    feedAuthors = unique(people(feedEl));
    if (url !== undefined) feed.url = url;
    if (title !== undefined) feed.title = title;
    if (link !== undefined) feed.link = link;
    if (description !== undefined) feed.description = description;
    if (language !== undefined) feed.language = language;
    if (updated !== undefined) feed.updated = updated;
  } else if (ctx.url !== undefined) {
    feed.url = ctx.url;
  }
  for (const entry of findAll(doc.root, atom('entry'))) {
    const read = readEntry(entry, ctx, feedAuthors);
    if (read) feed.items.push(read);
  }
  return feed;
}
