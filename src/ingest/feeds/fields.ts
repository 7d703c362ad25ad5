/**
 * Field-level helpers shared by the RSS and Atom readers: trusting only
 * complete elements, people's names, images from Media RSS and enclosures,
 * and ids for items that carry none.
 */
import { createHash } from 'node:crypto';
import { NS } from './namespaces.ts';
import { collapseSpace, htmlToText, unescapeDoubleEscaped } from './html-text.ts';
import { resolveUrl } from './urls.ts';
import { attr, child, childrenMatching, hasElementChildren, innerHtml, textOf, type XmlElement } from './xml-tree.ts';

/** Text of a complete element, whitespace collapsed; a field cut off by the end of input counts as missing. */
export function leafText(el: XmlElement | undefined): string | undefined {
  if (!el || el.truncated) return undefined;
  const text = collapseSpace(textOf(el));
  return text || undefined;
}

/**
 * HTML carried by an element: escaped inside it (the norm), or written as
 * raw child elements (invalid, common), or escaped twice.
 */
export function htmlOf(el: XmlElement | undefined): string | undefined {
  if (!el || el.truncated) return undefined;
  const html = unescapeDoubleEscaped(hasElementChildren(el) ? innerHtml(el) : textOf(el)).trim();
  return html || undefined;
}

/** One-line plain text from HTML (titles). */
export function htmlLine(html: string | undefined): string | undefined {
  if (html === undefined) return undefined;
  return collapseSpace(htmlToText(html)) || undefined;
}

/** Plain text from HTML, paragraphs kept (summaries). */
export function htmlParagraphs(html: string | undefined): string | undefined {
  if (html === undefined) return undefined;
  return htmlToText(html) || undefined;
}

/**
 * A person's name from "jane@outlet.example (Jane Roe)", "Jane Roe
 * <jane@outlet.example>" or "By Jane Roe"; a bare address is kept as is.
 */
export function personName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let text = collapseSpace(raw);
  if (text.length > 300) return undefined; // a paragraph, not a byline
  const parenthesised = /^\S+@\S+\s*\(([^)]+)\)$/.exec(text);
  if (parenthesised) text = parenthesised[1]!;
  const angled = /^(.+?)\s*<[^>]*@[^>]*>$/.exec(text);
  if (angled) text = angled[1]!.replace(/^"(.*)"$/, '$1');
  text = text.replace(/^by\s+/i, '').trim();
  return text || undefined;
}

export function unique(values: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (v === undefined || v === '' || seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}

/** A stable id from whatever identifies an item when it has no guid, id or link. */
export function contentId(parts: (string | undefined)[]): string {
  return 'sha1:' + createHash('sha1').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 20);
}

const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

function isImageMedia(el: XmlElement): boolean {
  const medium = attr(el, 'medium')?.toLowerCase();
  const type = attr(el, 'type')?.toLowerCase();
  if (medium) return medium === 'image';
  if (type) return type.startsWith('image/');
  return IMAGE_EXTENSION.test(attr(el, 'url') ?? '');
}

const isMedia = (local: string) => (el: XmlElement) => el.ns === NS.media && el.local === local;

/** Lead image from Media RSS (also inside media:group), then image enclosures. */
export function leadImage(item: XmlElement, bases: (string | undefined)[]): string | undefined {
  const scopes = [item, ...childrenMatching(item, isMedia('group'))];
  for (const scope of scopes) {
    for (const media of childrenMatching(scope, isMedia('content'))) {
      if (isImageMedia(media)) {
        const url = resolveUrl(attr(media, 'url'), ...bases);
        if (url) return url;
      }
    }
  }
  for (const scope of scopes) {
    for (const thumb of childrenMatching(scope, isMedia('thumbnail'))) {
      const url = resolveUrl(attr(thumb, 'url'), ...bases);
      if (url) return url;
    }
  }
  const enclosures = item.children.filter(
    (c): c is XmlElement => c.type === 'element' && (c.local === 'enclosure' || (c.local === 'link' && attr(c, 'rel') === 'enclosure')),
  );
  for (const enclosure of enclosures) {
    if (!attr(enclosure, 'type')?.toLowerCase().startsWith('image/')) continue;
    const url = resolveUrl(attr(enclosure, 'url') ?? attr(enclosure, 'href'), ...bases);
    if (url) return url;
  }
  const itunes = child(item, (el) => el.ns === NS.itunes && el.local === 'image');
  return itunes ? resolveUrl(attr(itunes, 'href'), ...bases) : undefined;
}
