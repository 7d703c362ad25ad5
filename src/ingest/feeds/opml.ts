/**
 * OPML subscription lists: every outline with a feed URL, its folder path as
 * the category. Attribute names are matched case-insensitively (xmlUrl,
 * xmlurl and XMLURL all occur), and feed: pseudo-URLs are unwrapped.
 */
import { InputError } from '../decode-text.ts';
import { collapseSpace } from './html-text.ts';
import { leafText } from './fields.ts';
import { resolveUrl } from './urls.ts';
import { attr, child, childElements, findFirst, parseXml, type XmlElement } from './xml-tree.ts';

export interface OpmlFeed {
  url: string;
  title?: string;
  htmlUrl?: string;
  /** Folder path, outer folders first, joined with "/". */
  category?: string;
}

export interface ParsedOpml {
  title?: string;
  feeds: OpmlFeed[];
}

function feedUrl(raw: string | undefined, base: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // feed://host/x and feed:https://host/x are subscribe-links, not schemes
  const unwrapped = raw.trim().replace(/^feed:(?=https?:)/i, '').replace(/^feed:\/\//i, 'http://');
  return resolveUrl(unwrapped, base);
}

function label(outline: XmlElement): string | undefined {
  return collapseSpace(attr(outline, 'title') ?? attr(outline, 'text') ?? '') || undefined;
}

export function parseOpml(text: string, options: { url?: string } = {}): ParsedOpml {
  const origin = options.url ?? 'OPML';
  const doc = parseXml(text.replace(/^\uFEFF/, ''));
  const opml = findFirst(doc.root, (el) => el.local === 'opml');
  const scope = opml ?? doc.root;
  const body = findFirst(scope, (el) => el.local === 'body') ?? scope;
  const hasOutline = findFirst(body, (el) => el.local === 'outline') !== undefined;
  if (!opml && !hasOutline) throw new InputError(`${origin}: not an OPML subscription list (no <opml> or <outline> elements)`);

  const head = opml ? child(opml, (el) => el.local === 'head') : undefined;
  const title = head ? leafText(child(head, (el) => el.local === 'title')) : undefined;
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();

  // explicit stack: folder depth is the author's choice, not ours to recurse on
  const stack: { el: XmlElement; path: string[] }[] = childElements(body).reverse().map((el) => ({ el, path: [] }));
  while (stack.length > 0) {
    const { el, path } = stack.pop()!;
    if (el.local !== 'outline') {
      for (const c of childElements(el).reverse()) stack.push({ el: c, path });
      continue;
    }
    const url = feedUrl(attr(el, 'xmlUrl'), options.url);
    if (url === undefined) {
      const name = label(el);
      const inner = name ? [...path, name] : path;
      for (const c of childElements(el).reverse()) stack.push({ el: c, path: inner });
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    const feed: OpmlFeed = { url };
    const name = label(el);
    const htmlUrl = resolveUrl(attr(el, 'htmlUrl'), options.url);
    const category = path.length > 0 ? path.join('/') : attr(el, 'category')?.split(',')[0]?.trim().replace(/^\/+|\/+$/g, '') || undefined;
    if (name !== undefined) feed.title = name;
    if (htmlUrl !== undefined) feed.htmlUrl = htmlUrl;
    if (category !== undefined) feed.category = category;
    feeds.push(feed);
  }
  const out: ParsedOpml = { feeds };
  if (title !== undefined) out.title = title;
  return out;
}
