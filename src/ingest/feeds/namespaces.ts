/**
 * Namespace URIs the feed, OPML and sitemap readers recognise. Elements are
 * matched by namespace URI, not prefix, so `<foo:creator xmlns:foo=DC>` is a
 * Dublin Core creator; the fallback table covers feeds that use the usual
 * prefixes without ever declaring them (common in hand-rolled RSS).
 */

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  news: 'http://www.google.com/schemas/sitemap-news/0.9',
  image: 'http://www.google.com/schemas/sitemap-image/1.1',
} as const;

/** Variants seen in the wild (missing trailing slash, old sitemap schema) mapped to the canonical URI. */
const ALIASES: Record<string, string> = {
  'http://search.yahoo.com/mrss': NS.media,
  'https://search.yahoo.com/mrss/': NS.media,
  'http://purl.org/rss/1.0': NS.rss10,
  'http://purl.org/dc/elements/1.1': NS.dc,
  'http://purl.org/dc/terms': NS.dcterms,
  'http://purl.org/rss/1.0/modules/content': NS.content,
  'http://www.google.com/schemas/sitemap/0.84': NS.sitemap,
  'http://www.google.com/schemas/sitemap/0.9': NS.sitemap,
  'https://www.sitemaps.org/schemas/sitemap/0.9': NS.sitemap,
  'http://www.google.com/schemas/sitemap-news/0.9/': NS.news,
  'http://www.google.com/schemas/sitemap-image/1.1/': NS.image,
};

export function canonicalNs(uri: string): string {
  const trimmed = uri.trim();
  return ALIASES[trimmed] ?? trimmed;
}

/** Prefixes that resolve even when the document never declares them. */
export const FALLBACK_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['xml', NS.xml],
  ['atom', NS.atom],
  ['rdf', NS.rdf],
  ['dc', NS.dc],
  ['dcterms', NS.dcterms],
  ['content', NS.content],
  ['media', NS.media],
  ['itunes', NS.itunes],
  ['xhtml', NS.xhtml],
  ['news', NS.news],
  ['image', NS.image],
]);

/** Namespaces whose elements never belong to an RSS or Atom core text field. */
export const EXTENSION_NS: ReadonlySet<string> = new Set([NS.dc, NS.dcterms, NS.content, NS.media, NS.itunes, NS.news, NS.image]);

/** Namespaces in which plain RSS element names (item, title, link...) live. */
export function isRssCoreNs(ns: string): boolean {
  return ns === '' || ns === NS.rss10 || ns === NS.rss090 || (!EXTENSION_NS.has(ns) && ns !== NS.atom && ns !== NS.atom03 && ns !== NS.rdf && ns !== NS.xhtml && !ns.startsWith('undeclared:'));
}

export function isAtomNs(ns: string): boolean {
  return ns === NS.atom || ns === NS.atom03;
}
