/**
 * A forgiving XML tree for feeds, OPML and sitemaps. htmlparser2 tokenises
 * anything without throwing; on top of it this builder resolves namespaces,
 * keeps CDATA verbatim, decodes entities with the HTML table (feeds use
 * &nbsp; and friends without declaring them), and repairs the usual damage:
 * an unclosed <item> is closed by the next one, an unclosed <title> by the
 * next field, and whatever the end of input cut off is flagged `truncated`
 * so readers can ignore half a field instead of trusting it.
 */
import { Parser } from 'htmlparser2';
import { EXTENSION_NS, FALLBACK_PREFIXES, NS, canonicalNs, isAtomNs } from './namespaces.ts';
import { decodeEntities } from './html-text.ts';

export interface XmlText {
  type: 'text';
  /** Decoded text (CDATA kept verbatim). */
  text: string;
}

export interface XmlElement {
  type: 'element';
  /** Qualified name as written, e.g. "dc:creator". */
  name: string;
  /** Local name, lower-cased: feeds disagree on "pubDate" vs "pubdate". */
  local: string;
  /** Resolved namespace URI; '' for none, "undeclared:p" for an unknown prefix p. */
  ns: string;
  /** Attribute values with entities decoded, keyed by the name as written. */
  attrs: Record<string, string>;
  children: XmlNode[];
  parent: XmlElement | null;
  /** Still open when the input ended: its content may be cut short. */
  truncated: boolean;
}

export type XmlNode = XmlElement | XmlText;

/** Deeper elements are flattened into their ancestor: keeps every later walk shallow. */
const MAX_DEPTH = 200;

/** Elements that hold one value and never contain each other. */
const LEAF: Record<string, ReadonlySet<string>> = {
  core: new Set([
    'title', 'link', 'description', 'guid', 'pubdate', 'author', 'category', 'comments', 'enclosure', 'source',
    'language', 'lastbuilddate', 'generator', 'copyright', 'managingeditor', 'webmaster', 'ttl', 'docs',
    // sitemaps written without their namespace
    'loc', 'lastmod', 'changefreq', 'priority',
  ]),
  atom: new Set(['title', 'link', 'id', 'updated', 'published', 'issued', 'modified', 'summary', 'content', 'rights', 'subtitle', 'category', 'name', 'email', 'uri', 'icon', 'logo', 'generator']),
  [NS.content]: new Set(['encoded']),
  [NS.sitemap]: new Set(['loc', 'lastmod', 'changefreq', 'priority']),
  [NS.news]: new Set(['name', 'language', 'publication_date', 'title', 'keywords', 'genres', 'stock_tickers']),
  [NS.image]: new Set(['loc', 'caption', 'title', 'geo_location', 'license']),
};
const RECORDS = new Set(['item', 'entry', 'url', 'sitemap']);

function leafFamily(el: XmlElement): string {
  if (el.ns === NS.dc || el.ns === NS.dcterms) return 'dc';
  if (isAtomNs(el.ns)) return 'atom';
  if (el.ns === '' || el.ns === NS.rss10 || el.ns === NS.rss090) return 'core';
  return el.ns;
}

function isLeaf(el: XmlElement): boolean {
  const family = leafFamily(el);
  if (family === 'dc') return true;
  return LEAF[family]?.has(el.local) ?? false;
}

function isRecord(el: XmlElement): boolean {
  return RECORDS.has(el.local) && el.ns !== NS.xhtml && !EXTENSION_NS.has(el.ns);
}

function isPersonConstruct(el: XmlElement): boolean {
  return isAtomNs(el.ns) && (el.local === 'author' || el.local === 'contributor');
}

function attrCi(el: XmlElement, name: string): string | undefined {
  for (const key of Object.keys(el.attrs)) if (key.toLowerCase() === name) return el.attrs[key];
  return undefined;
}

/**
 * Whether opening `next` should first close the open element `top`: the
 * repairs that turn the common kinds of unclosed tag back into siblings.
 */
function closesBefore(top: XmlElement, next: XmlElement): boolean {
  if (next.ns === NS.xhtml) return false;
  if (isLeaf(top)) return isLeaf(next) || isRecord(next) || EXTENSION_NS.has(next.ns);
  if (isPersonConstruct(top)) return (isLeaf(next) || isRecord(next)) && !['name', 'email', 'uri'].includes(next.local);
  // an OPML outline that names a feed is not a folder
  if (top.local === 'outline' && next.local === 'outline') return attrCi(top, 'xmlurl') !== undefined;
  return false;
}

function resolveName(qname: string, scope: ReadonlyMap<string, string>): { local: string; ns: string } {
  const colon = qname.indexOf(':');
  const prefix = colon > 0 ? qname.slice(0, colon) : '';
  const local = (colon > 0 ? qname.slice(colon + 1) : qname).toLowerCase();
  const ns = scope.get(prefix) ?? FALLBACK_PREFIXES.get(prefix) ?? (prefix ? `undeclared:${prefix}` : '');
  return { local, ns };
}

export interface XmlDocument {
  root: XmlElement;
}

/** Parses any text into a tree; never throws. */
export function parseXml(text: string): XmlDocument {
  const root: XmlElement = { type: 'element', name: '#document', local: '#document', ns: '', attrs: {}, children: [], parent: null, truncated: false };
  const open: XmlElement[] = [root];
  const scopes = new Map<XmlElement, Map<string, string>>([[root, new Map()]]);
  // One record per element htmlparser2 opened, so its closes map back to ours even after a repair
  const parserStack: (XmlElement | null)[] = [];
  let inCdata = false;
  let atEnd = false;

  const top = () => open[open.length - 1]!;
  const closeThrough = (el: XmlElement, truncated: boolean) => {
    const at = open.lastIndexOf(el);
    if (at <= 0) return;
    for (let i = open.length - 1; i >= at; i--) {
      if (truncated) open[i]!.truncated = true;
      scopes.delete(open[i]!);
    }
    open.length = at;
  };

  const parser = new Parser(
    {
      onopentagname() {
        parserStack.push(null);
      },
      onopentag(name, rawAttrs) {
        if (open.length > MAX_DEPTH) return;
        const parentScope = scopes.get(top()) ?? new Map<string, string>();
        let scope = parentScope;
        const attrs: Record<string, string> = {};
        for (const [key, value] of Object.entries(rawAttrs)) {
          const decoded = decodeEntities(value);
          attrs[key] = decoded;
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            if (scope === parentScope) scope = new Map(parentScope);
            scope.set(key === 'xmlns' ? '' : key.slice(6), canonicalNs(decoded));
          }
        }
        const { local, ns } = resolveName(name, scope);
        const el: XmlElement = { type: 'element', name, local, ns, attrs, children: [], parent: null, truncated: false };
        if (isRecord(el)) {
          for (let i = open.length - 1; i > 0; i--) {
            if (open[i]!.local === el.local && isRecord(open[i]!)) {
              closeThrough(open[i]!, false);
              break;
            }
          }
        }
        while (open.length > 1 && closesBefore(top(), el)) closeThrough(top(), false);
        el.parent = top();
        top().children.push(el);
        open.push(el);
        scopes.set(el, scope);
        if (parserStack.length > 0) parserStack[parserStack.length - 1] = el;
      },
      onclosetag() {
        const el = parserStack.pop();
        if (el) closeThrough(el, atEnd);
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
      ontext(chunk) {
        const value = inCdata ? chunk : decodeEntities(chunk);
        const parent = top();
        const last = parent.children[parent.children.length - 1];
        if (last?.type === 'text') last.text += value;
        else parent.children.push({ type: 'text', text: value });
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(text);
  atEnd = true;
  parser.end();
  // anything htmlparser2 left open on our side was cut off by the end of input
  for (let i = open.length - 1; i > 0; i--) open[i]!.truncated = true;
  return { root };
}

export function attr(el: XmlElement, name: string): string | undefined {
  return el.attrs[name] ?? attrCi(el, name.toLowerCase());
}

/** Matches an element by local name and a namespace test. */
export type Match = (el: XmlElement) => boolean;

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element');
}

export function child(el: XmlElement, match: Match): XmlElement | undefined {
  return childElements(el).find(match);
}

export function childrenMatching(el: XmlElement, match: Match): XmlElement[] {
  return childElements(el).filter(match);
}

/** Every matching element in document order, not descending into matches. */
export function findAll(el: XmlElement, match: Match): XmlElement[] {
  const found: XmlElement[] = [];
  const stack = childElements(el).reverse();
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (match(current)) {
      found.push(current);
      continue;
    }
    const kids = childElements(current);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return found;
}

export function findFirst(el: XmlElement, match: Match): XmlElement | undefined {
  const stack = childElements(el).reverse();
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (match(current)) return current;
    const kids = childElements(current);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return undefined;
}

/** All text below `el`, in order. */
export function textOf(el: XmlElement): string {
  let out = '';
  const walk = (node: XmlElement) => {
    for (const c of node.children) {
      if (c.type === 'text') out += c.text;
      else walk(c);
    }
  };
  walk(el);
  return out;
}

const VOID_HTML = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The children of `el` written back out as HTML, for unescaped markup inside
 * a description or Atom xhtml content. Prefixes are dropped (xhtml:p is <p>).
 */
export function innerHtml(el: XmlElement): string {
  let out = '';
  const walk = (node: XmlElement) => {
    for (const c of node.children) {
      if (c.type === 'text') {
        out += escapeText(c.text);
        continue;
      }
      const attrs = Object.entries(c.attrs)
        .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:') && !k.startsWith('xml:'))
        .map(([k, v]) => ` ${k.replace(/^.*:/, '')}="${escapeText(v).replace(/"/g, '&quot;')}"`)
        .join('');
      out += `<${c.local}${attrs}>`;
      if (VOID_HTML.has(c.local)) {
        walk(c);
      } else {
        walk(c);
        out += `</${c.local}>`;
      }
    }
  };
  walk(el);
  return out;
}

export function hasElementChildren(el: XmlElement): boolean {
  return el.children.some((c) => c.type === 'element');
}

/** The nearest value of an attribute on `el` or an ancestor (xml:lang, xml:base). */
export function inherited(el: XmlElement, name: string): string | undefined {
  for (let node: XmlElement | null = el; node; node = node.parent) {
    const value = node.attrs[name];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** xml:base values from the outermost ancestor inwards, for resolving relative URLs. */
export function baseChain(el: XmlElement): string[] {
  const chain: string[] = [];
  for (let node: XmlElement | null = el; node; node = node.parent) {
    const value = node.attrs['xml:base'];
    if (value !== undefined && value.trim() !== '') chain.push(value.trim());
  }
  return chain.reverse();
}
