/**
 * XML sitemaps (urlset and sitemap index, with the Google News and image
 * extensions) and plain-text sitemaps (one URL per line), tolerant of the
 * same breakage as feeds: a cut-off file yields the complete entries before
 * the cut.
 */
import { InputError } from '../decode-text.ts';
import { detectFeedKind } from './detect.ts';
import { collapseSpace } from './html-text.ts';
import { leafText, unique } from './fields.ts';
import { parseFeedDate } from './dates.ts';
import { NS } from './namespaces.ts';
import { resolveUrl } from './urls.ts';
import { child, childrenMatching, findAll, parseXml, type XmlElement } from './xml-tree.ts';

export interface SitemapNews {
  title?: string;
  publishedAt?: string;
  language?: string;
  publicationName?: string;
  keywords?: string[];
}

export interface SitemapUrl {
  loc: string;
  lastmod?: string;
  news?: SitemapNews;
  images?: string[];
}

export interface SitemapRef {
  loc: string;
  lastmod?: string;
}

export interface ParsedSitemap {
  kind: 'urlset' | 'index';
  urls: SitemapUrl[];
  sitemaps: SitemapRef[];
}

export interface ParseSitemapOptions {
  /** Where the sitemap came from: base for relative locations and named in errors. */
  url?: string;
  /** lastmod and publication dates after this are dropped (default: now). */
  now?: Date;
}

// Sitemaps written without their namespace, or under a mangled one, still use these names
const core = (local: string) => (el: XmlElement) => el.local === local && el.ns !== NS.news && el.ns !== NS.image && el.ns !== NS.xhtml;
const news = (local: string) => (el: XmlElement) => el.local === local && el.ns === NS.news;
const image = (local: string) => (el: XmlElement) => el.local === local && el.ns === NS.image;

function readNews(el: XmlElement, now: Date): SitemapNews | undefined {
  const publication = child(el, news('publication'));
  const out: SitemapNews = {};
  const title = leafText(child(el, news('title')));
  const publishedAt = parseFeedDate(leafText(child(el, news('publication_date'))), now);
  const language = publication ? leafText(child(publication, news('language'))) : undefined;
  const publicationName = publication ? leafText(child(publication, news('name'))) : undefined;
  const keywords = unique((leafText(child(el, news('keywords'))) ?? '').split(',').map((k) => collapseSpace(k) || undefined));
  if (title !== undefined) out.title = title;
  if (publishedAt !== undefined) out.publishedAt = publishedAt;
  if (language !== undefined) out.language = language;
  if (publicationName !== undefined) out.publicationName = publicationName;
  if (keywords.length > 0) out.keywords = keywords;
  return Object.keys(out).length > 0 ? out : undefined;
}

function readXml(text: string, options: ParseSitemapOptions, now: Date, declaredIndex: boolean): ParsedSitemap {
  const doc = parseXml(text);
  const urls: SitemapUrl[] = [];
  const sitemaps: SitemapRef[] = [];
  for (const el of findAll(doc.root, (e) => core('url')(e) || core('sitemap')(e))) {
    const loc = resolveUrl(leafText(child(el, core('loc'))), options.url);
    if (loc === undefined) continue;
    const lastmod = parseFeedDate(leafText(child(el, core('lastmod'))), now);
    if (el.local === 'sitemap') {
      sitemaps.push(lastmod === undefined ? { loc } : { loc, lastmod });
      continue;
    }
    const entry: SitemapUrl = { loc };
    if (lastmod !== undefined) entry.lastmod = lastmod;
    const newsEl = child(el, news('news'));
    const newsData = newsEl ? readNews(newsEl, now) : undefined;
    if (newsData) entry.news = newsData;
    const images = unique(childrenMatching(el, image('image')).map((img) => resolveUrl(leafText(child(img, image('loc'))), options.url)));
    if (images.length > 0) entry.images = images;
    urls.push(entry);
  }
  const isIndex = declaredIndex || (urls.length === 0 && sitemaps.length > 0);
  return { kind: isIndex ? 'index' : 'urlset', urls, sitemaps };
}

function readText(text: string, options: ParseSitemapOptions): ParsedSitemap {
  const urls = unique(
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => /^https?:\/\/\S+$/i.test(line))
      .map((line) => resolveUrl(line, options.url)),
  ).map((loc) => ({ loc }));
  return { kind: 'urlset', urls, sitemaps: [] };
}

const NOT_A_SITEMAP: Record<string, string> = {
  html: 'is an HTML page, not a sitemap',
  rss: 'is an RSS feed, not a sitemap (read it with parseFeed)',
  rdf: 'is an RSS 1.0 feed, not a sitemap (read it with parseFeed)',
  atom: 'is an Atom feed, not a sitemap (read it with parseFeed)',
  jsonfeed: 'is a JSON Feed, not a sitemap (read it with parseFeed)',
  opml: 'is an OPML subscription list, not a sitemap (read it with parseOpml)',
};

export function parseSitemap(text: string, options: ParseSitemapOptions = {}): ParsedSitemap {
  const origin = options.url ?? 'sitemap';
  const now = options.now ?? new Date();
  const body = text.replace(/^\uFEFF/, '');
  const kind = detectFeedKind(body);
  if (kind === 'sitemap' || kind === 'sitemapindex') {
    return body.trimStart().startsWith('<') || /<(?:urlset|sitemapindex)[\s>]/i.test(body) ? readXml(body, options, now, kind === 'sitemapindex') : readText(body, options);
  }
  if (kind === 'unknown' && /<(?:[\w-]+:)?(?:url|sitemap)[\s>]/.test(body)) {
    // no root left (cut off, or junk before it) but the entries are there
    const parsed = readXml(body, options, now, false);
    if (parsed.urls.length > 0 || parsed.sitemaps.length > 0) return parsed;
  }
  throw new InputError(`${origin}: ${NOT_A_SITEMAP[kind] ?? 'not a sitemap (no <urlset>, <sitemapindex> or lines of URLs)'}`);
}

/** Sitemap URLs announced in robots.txt ("Sitemap: https://…" lines, any case). */
export function sitemapUrlsFromRobots(robotsTxt: string, base?: string): string[] {
  const found: (string | undefined)[] = [];
  for (const line of robotsTxt.replace(/^\uFEFF/, '').split(/\r?\n|\r/)) {
    const m = /^\s*site-?map\s*:\s*(\S+)/i.exec(line);
    if (m) found.push(resolveUrl(m[1]!.replace(/#.*$/, ''), base));
  }
  return unique(found);
}
