/**
 * What kind of document a fetched text is, from its first element (after the
 * XML prolog), falling back to a search for a feed root when junk precedes
 * it (PHP warnings before <?xml are a classic) and to the Content-Type only
 * when the text itself says nothing: servers mislabel feeds far more often
 * than feeds mislabel themselves.
 */
import type { FeedKind } from './types.ts';

const ROOTS: Record<string, FeedKind> = {
  rss: 'rss',
  channel: 'rss',
  rdf: 'rdf',
  feed: 'atom',
  opml: 'opml',
  urlset: 'sitemap',
  sitemapindex: 'sitemapindex',
  html: 'html',
  head: 'html',
  body: 'html',
};

/** Local name (lower-cased) of the first element after the prolog, and whether an HTML doctype came first. */
function firstElement(text: string): { local?: string; htmlDoctype: boolean } {
  let i = 0;
  let htmlDoctype = false;
  const n = Math.min(text.length, 1 << 16);
  while (i < n) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return { htmlDoctype };
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return { htmlDoctype };
      i = end + 3;
    } else if (/^<!doctype/i.test(text.slice(i, i + 9))) {
      if (/^<!doctype\s+html\s*>/i.test(text.slice(i, i + 40))) htmlDoctype = true;
      let depth = 0;
      let j = i + 9;
      for (; j < text.length; j++) {
        const c = text[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      i = j + 1;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
      if (!m) return { htmlDoctype };
      const qname = m[1]!;
      return { local: qname.slice(qname.indexOf(':') + 1).toLowerCase(), htmlDoctype };
    }
  }
  return { htmlDoctype };
}

const ROOT_SEARCH = /<(rss|rdf:RDF|feed|opml|urlset|sitemapindex|html)[\s>]/i;

function looksLikeTextSitemap(text: string): boolean {
  const lines = text.split(/\r?\n/, 200).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  return lines.length > 0 && lines.every((l) => /^https?:\/\/\S+$/i.test(l));
}

function looksLikeJsonFeed(text: string): boolean {
  if (/"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(text.slice(0, 4096))) return true;
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && Array.isArray((data as { items?: unknown }).items);
  } catch {
    return false;
  }
}

function fromContentType(contentType: string | undefined): FeedKind {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/atom+xml') return 'atom';
  if (type === 'application/rss+xml') return 'rss';
  if (type === 'application/rdf+xml') return 'rdf';
  if (type === 'application/feed+json') return 'jsonfeed';
  if (type === 'text/x-opml' || type === 'application/opml+xml') return 'opml';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  return 'unknown';
}

export function detectFeedKind(text: string, contentType?: string): FeedKind {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{')) return looksLikeJsonFeed(body) ? 'jsonfeed' : 'unknown';
  const { local, htmlDoctype } = firstElement(body);
  if (local !== undefined && ROOTS[local]) return ROOTS[local]!;
  if (htmlDoctype) return 'html';
  const found = ROOT_SEARCH.exec(body.slice(0, 1 << 16));
  if (found) {
    const name = found[1]!.toLowerCase();
    return ROOTS[name === 'rdf:rdf' ? 'rdf' : name] ?? 'unknown';
  }
  if (!body.startsWith('<') && looksLikeTextSitemap(body)) return 'sitemap';
  return fromContentType(contentType);
}
