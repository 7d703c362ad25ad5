/**
 * Page metadata the way Trafilatura gathers it: JSON-LD first, then meta
 * tags (Open Graph, article:*, Dublin Core, name=date…), then microdata,
 * then the page itself (h1, bylines, <time>, the URL). Reads the whole,
 * unpruned tree: bylines and dates live in the chrome that body extraction
 * throws away.
 */
import { cleanAuthors } from './authors.ts';
import { dateFromUrl, firstDate } from './dates.ts';
import { textOf, type ElementNode, type ParsedPage } from './dom.ts';
import { splitWords } from './hints.ts';
import { readJsonLd } from './jsonld.ts';
import { normaliseLang } from './lang.ts';
import { cleanTitle } from './title.ts';
import { absoluteUrl, hostLabel } from './urls.ts';

export interface PageMetadata {
  title?: string;
  authors: string[];
  publishedAt?: string;
  modifiedAt?: string;
  siteName?: string;
  canonicalUrl?: string;
  lang?: string;
  description?: string;
  image?: string;
  nextPageUrl?: string;
}

const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'published_time', 'article:published',
  'datepublished', 'publish-date', 'publish_date', 'publishdate', 'pubdate', 'date', 'dc.date', 'dc.date.issued',
  'dc.date.created', 'dcterms.created', 'dcterms.date', 'dcterms.issued', 'sailthru.date', 'parsely-pub-date',
  'article.published', 'og:pubdate', 'release_date', 'created',
];
const MODIFIED_META = [
  'article:modified_time', 'og:article:modified_time', 'og:updated_time', 'article:modified', 'datemodified',
  'last-modified', 'dc.date.modified', 'dcterms.modified', 'article.updated', 'updated_time', 'lastmod',
];
const AUTHOR_META = ['author', 'article:author', 'og:article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl', 'twitter:creator:name'];

/** Sections whose dates, bylines and links belong to someone else's content. */
const FOREIGN = new Set(['comment', 'comments', 'related', 'recommended', 'recirc', 'trending', 'popular', 'mostread', 'sidebar', 'rail', 'teaser', 'card', 'promo']);

/** How far up a byline, date or link looks for the section it belongs to. */
const SECTION_DEPTH = 40;

function foreign(el: ElementNode): boolean {
  let depth = 0;
  for (let p = el.parent; p && depth < SECTION_DEPTH; p = p.parent, depth++) {
    if (p.tag === 'aside' || p.tag === 'footer' || p.tag === 'nav') return true;
    const names = `${p.attrs.class?.slice(0, 300) ?? ''} ${p.attrs.id?.slice(0, 100) ?? ''}`;
    if (names.trim() && splitWords(names).some((w) => FOREIGN.has(w))) return true;
  }
  return false;
}

/**
 * An `<a rel=next>` means the next page of this article only inside a pager;
 * WordPress and others also put it on the link to the next, different post.
 */
function inPagination(el: ElementNode): boolean {
  let depth = 0;
  for (let p = el.parent; p && depth < SECTION_DEPTH; p = p.parent, depth++) {
    const words = splitWords(`${p.attrs.class?.slice(0, 300) ?? ''} ${p.attrs.id?.slice(0, 100) ?? ''}`);
    if (/\b(?:pagination|pager|paging|paginator|pages|page links|article pages)\b/.test(words.join(' '))) return true;
    if (words.some((w) => w === 'post' || w === 'posts' || w === 'comment' || w === 'comments' || w === 'related')) return false;
  }
  return false;
}

function itemValue(el: ElementNode): string | undefined {
  const a = el.attrs;
  if (a.content !== undefined) return a.content;
  switch (el.tag) {
    case 'time':
      return a.datetime ?? textOf(el, 200);
    case 'a':
    case 'link':
    case 'area':
      return a.href;
    case 'img':
    case 'source':
    case 'amp-img':
      return a.src;
    case 'data':
    case 'meter':
      return a.value;
    default:
      return textOf(el, 500);
  }
}

/** The text of the first `itemprop=name` inside a microdata item, or the element's own text. */
function itemName(el: ElementNode): string | undefined {
  if (el.attrs.itemscope !== undefined) {
    // breadth-first: the item's own name comes before names of items nested in it
    const queue = [...el.children];
    for (let i = 0; i < queue.length && i < 5000; i++) {
      const n = queue[i]!;
      if (n.type !== 1) continue;
      if (/\bname\b/.test(n.attrs.itemprop ?? '')) return n.attrs.content ?? textOf(n, 200);
      for (const c of n.children) queue.push(c);
    }
  }
  if (el.attrs.content !== undefined) return el.attrs.content;
  return textOf(el, 200);
}

function clean(v: string | undefined): string | undefined {
  const t = v?.replace(/[\s\u00a0]+/g, ' ').trim();
  return t || undefined;
}

export interface MetadataOptions {
  url?: string;
  now: Date;
}

export function readMetadata(page: ParsedPage, all: ElementNode[], options: MetadataOptions): PageMetadata {
  const meta = new Map<string, string>();
  const links = new Map<string, string>();
  const items = new Map<string, ElementNode>();
  const h1s: ElementNode[] = [];
  const times: ElementNode[] = [];
  const bylines: ElementNode[] = [];
  let titleText: string | undefined;
  let baseHref: string | undefined;
  let nextAnchor: string | undefined;
  let html: ElementNode | undefined;

  for (const el of all) {
    const a = el.attrs;
    switch (el.tag) {
      case 'html':
        html ??= el;
        break;
      case 'meta': {
        const k = (a.property ?? a.name ?? a['http-equiv'])?.trim().toLowerCase();
        if (k && a.content !== undefined && !meta.has(k)) meta.set(k, a.content);
        break;
      }
      case 'link': {
        if (a.href === undefined || !a.rel) break;
        for (const rel of a.rel.toLowerCase().split(/\s+/)) if (rel && !links.has(rel)) links.set(rel, a.href);
        break;
      }
      case 'base':
        baseHref ??= a.href;
        break;
      case 'title':
        titleText ??= textOf(el, 500);
        break;
      case 'h1':
        h1s.push(el);
        break;
      case 'time':
        if (a.datetime !== undefined) times.push(el);
        break;
      case 'a':
        if (a.rel && /\bnext\b/i.test(a.rel) && a.href && !nextAnchor && inPagination(el)) nextAnchor = a.href;
        if (a.rel && /\bauthor\b/i.test(a.rel)) bylines.push(el);
        break;
    }
    if (a.itemprop !== undefined) {
      for (const prop of a.itemprop.slice(0, 200).split(/\s+/)) if (prop && !items.has(prop.toLowerCase())) items.set(prop.toLowerCase(), el);
    }
    if (a.class !== undefined || a.id !== undefined) {
      const words = splitWords(`${a.class?.slice(0, 300) ?? ''} ${a.id?.slice(0, 100) ?? ''}`);
      if (words.some((w) => w === 'byline' || w === 'author' || w === 'authors' || w === 'writer') && !words.some((w) => w === 'bio' || w === 'box' || w === 'about' || w === 'description' || w === 'avatar' || w === 'image' || w === 'img' || w === 'photo')) {
        bylines.push(el);
      }
    }
  }

  const url = options.url;
  const base = absoluteUrl(baseHref, url) ?? (url ? absoluteUrl(url, undefined) : undefined);
  const ld = readJsonLd(page.jsonLd);
  const m = (...keys: string[]) => {
    for (const k of keys) {
      const v = clean(meta.get(k));
      if (v) return v;
    }
    return undefined;
  };
  const item = (prop: string) => {
    const el = items.get(prop);
    return el ? clean(itemValue(el)) : undefined;
  };

  const out: PageMetadata = { authors: [] };

  const canonical =
    absoluteUrl(links.get('canonical'), base) ?? absoluteUrl(m('og:url'), base) ?? absoluteUrl(ld.url, base);
  if (canonical) out.canonicalUrl = canonical;
  const resolveBase = base ?? canonical;

  const publisherItem = items.get('publisher');
  const siteName = m('og:site_name') ?? clean(ld.publisher) ?? clean(ld.website) ?? (publisherItem ? clean(itemName(publisherItem)) : undefined) ?? m('application-name');
  if (siteName) out.siteName = siteName;

  const sites = [siteName, clean(ld.publisher), hostLabel(canonical ?? url)].filter((s): s is string => !!s);
  const h1 = h1s.map((el) => clean(textOf(el, 500))).find((t) => t && !sites.some((s) => s.toLowerCase() === t.toLowerCase()));
  const rawTitle = m('og:title') ?? clean(ld.headline) ?? m('twitter:title') ?? item('headline') ?? h1 ?? clean(titleText);
  if (rawTitle) out.title = cleanTitle(rawTitle, sites);

  const outlets = [siteName, ld.publisher, ld.website].filter((s): s is string => !!s);
  const authorSources: string[][] = [
    ld.authors,
    AUTHOR_META.map((k) => meta.get(k)).filter((v): v is string => !!v),
    items.get('author') ? [itemName(items.get('author')!) ?? ''] : [],
    bylines.filter((el) => !foreign(el)).map((el) => textOf(el, 300)).filter((t) => t.length <= 200),
  ];
  for (const raws of authorSources) {
    const names = cleanAuthors(raws, outlets);
    if (names.length) {
      out.authors = names;
      break;
    }
  }

  const ownTimes = times.filter((el) => !foreign(el));
  const timeBy = (test: (el: ElementNode) => boolean) => ownTimes.find(test)?.attrs.datetime;
  const pubTime = timeBy((el) => /datePublished/i.test(el.attrs.itemprop ?? '') || el.attrs.pubdate !== undefined);
  const modTime = timeBy((el) => /dateModified/i.test(el.attrs.itemprop ?? '') || /\b(?:updated|modified)\b/i.test(el.attrs.class ?? ''));
  const headerTime = timeBy((el) => {
    let depth = 0;
    for (let p = el.parent; p && depth < SECTION_DEPTH; p = p.parent, depth++) if (p.tag === 'article' || p.tag === 'header' || p.tag === 'main') return true;
    return false;
  });
  const now = options.now;
  const published = firstDate(
    [ld.datePublished, ...PUBLISHED_META.map((k) => meta.get(k)), item('datepublished'), item('datecreated'), pubTime, headerTime,
      url ? dateFromUrl(url) : undefined, canonical ? dateFromUrl(canonical) : undefined],
    now,
  );
  if (published) out.publishedAt = published;
  const modified = firstDate([ld.dateModified, ...MODIFIED_META.map((k) => meta.get(k)), item('datemodified'), modTime], now);
  if (modified) out.modifiedAt = modified;

  const lang = normaliseLang(html?.attrs.lang ?? html?.attrs['xml:lang']) ??
    normaliseLang(m('og:locale')) ??
    normaliseLang(m('content-language')) ??
    normaliseLang(m('language') ?? m('dc.language')) ??
    normaliseLang(ld.inLanguage);
  if (lang) out.lang = lang;

  const description = m('og:description') ?? m('description') ?? m('twitter:description') ?? m('dc.description') ?? clean(ld.description) ?? item('description');
  if (description) out.description = description;

  const image = [m('og:image'), m('og:image:url'), m('og:image:secure_url'), m('twitter:image'), m('twitter:image:src'), ld.image, item('image'), links.get('image_src')]
    .map((v) => absoluteUrl(v, resolveBase))
    .find((v) => v !== undefined);
  if (image) out.image = image;

  const next = absoluteUrl(links.get('next') ?? nextAnchor, resolveBase);
  if (next && next !== absoluteUrl(url, undefined) && next !== canonical) out.nextPageUrl = next;
  return out;
}
