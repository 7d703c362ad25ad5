/**
 * Article facts from JSON-LD, tolerant of what CMSs actually publish:
 * arrays, `@graph`, `@id` references, trailing commas, comments, raw
 * newlines inside strings, several objects pasted into one script, and, when
 * nothing parses, a regular-expression reading of the main fields.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface JsonLdFacts {
  headline?: string;
  authors: string[];
  datePublished?: string;
  dateModified?: string;
  publisher?: string;
  /** Name of a WebSite node, the other place a site names itself. */
  website?: string;
  image?: string;
  description?: string;
  inLanguage?: string;
  url?: string;
}

/** Repairs the JSON mistakes seen in the wild; leaves valid JSON unchanged. */
export function repairJson(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      out += c;
      i++;
      while (i < n && text[i] !== '"') {
        const d = text[i]!;
        if (d === '\\') {
          const e = text[i + 1];
          // JSON knows no \' escape; a lone backslash before anything else is kept literally
          if (e === "'") out += "'";
          else if (e !== undefined && '"\\/bfnrtu'.includes(e)) out += d + e;
          else out += '\\\\' + (e ?? '');
          i += 2;
          continue;
        }
        out += d.charCodeAt(0) < 0x20 ? ' ' : d;
        i++;
      }
      if (i < n) out += '"';
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === ',') {
      let j = i + 1;
      while (j < n && /\s/.test(text[j]!)) j++;
      if (text[j] === '}' || text[j] === ']') {
        i++;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** Top-level values of text that holds several JSON documents back to back ("{…}{…}"). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0 && start >= 0) {
        parts.push(text.slice(start, i + 1));
        start = -1;
      }
      if (depth < 0) depth = 0;
    }
  }
  return parts;
}

function tryParse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

function unescapeJsonString(raw: string): string {
  const parsed = tryParse(`"${raw}"`);
  return typeof parsed === 'string' ? parsed : raw;
}

/** Last resort for scripts no repair can parse: the main fields by pattern. */
function scrape(text: string): JsonObject | undefined {
  const str = '"((?:[^"\\\\]|\\\\.)*)"';
  const field = (key: string) => new RegExp(`"${key}"\\s*:\\s*${str}`).exec(text)?.[1];
  const out: JsonObject = { '@type': 'NewsArticle' };
  for (const key of ['headline', 'datePublished', 'dateModified', 'description', 'inLanguage']) {
    const v = field(key);
    if (v !== undefined) out[key] = unescapeJsonString(v);
  }
  const author = /"author"\s*:\s*(\[[^\]]*\]?|\{[^}]*\}?|"(?:[^"\\]|\\.)*")/.exec(text)?.[1];
  if (author) {
    const names = [...author.matchAll(new RegExp(`"name"\\s*:\\s*${str}`, 'g'))].map((m) => unescapeJsonString(m[1]!));
    if (names.length) out.author = names;
    else if (author.startsWith('"')) out.author = unescapeJsonString(author.slice(1, -1));
  }
  return Object.keys(out).length > 1 ? out : undefined;
}

export function parseJsonLd(raw: string): Json[] {
  const text = raw
    .trim()
    .replace(/^(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>$/g, '')
    .replace(/^<!--|-->$/g, '')
    .trim();
  if (!text) return [];
  const direct = tryParse(text);
  if (direct !== undefined) return [direct];
  const repaired = repairJson(text);
  const fixed = tryParse(repaired);
  if (fixed !== undefined) return [fixed];
  const parts = splitTopLevel(repaired).map(tryParse).filter((v): v is Json => v !== undefined);
  if (parts.length) return parts;
  const scraped = scrape(text);
  return scraped ? [scraped] : [];
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function types(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, ''));
}

const ARTICLE = /^(?:\w*Article|BlogPosting|LiveBlogPosting|SocialMediaPosting|Report)$/;
const PAGE = /^(?:WebPage|ItemPage|CollectionPage)$/;

function text(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  return undefined;
}

export function readJsonLd(raws: string[]): JsonLdFacts {
  const nodes: { node: JsonObject; depth: number }[] = [];
  const byId = new Map<string, JsonObject>();
  // breadth-first, bounded: the article is near the top; related-article lists hide deeper
  const queue: { value: Json; depth: number }[] = [];
  for (const raw of raws) for (const value of parseJsonLd(raw)) queue.push({ value, depth: 0 });
  for (let qi = 0; qi < queue.length && qi < 5000; qi++) {
    const { value, depth } = queue[qi]!;
    if (Array.isArray(value)) {
      for (const v of value) queue.push({ value: v, depth });
      continue;
    }
    if (!isObject(value) || depth > 4) continue;
    if (value['@type'] !== undefined) nodes.push({ node: value, depth });
    const id = value['@id'];
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, value);
    for (const [key, v] of Object.entries(value)) {
      if (key === 'itemListElement' || key === 'relatedLink' || key === 'citation') continue;
      if (typeof v === 'object' && v !== null) queue.push({ value: v, depth: depth + 1 });
    }
  }
  const resolve = (v: Json | undefined): Json | undefined => {
    if (isObject(v) && typeof v['@id'] === 'string' && Object.keys(v).length <= 2) return byId.get(v['@id']) ?? v;
    return v;
  };
  const pick = (test: RegExp) => {
    let best: { node: JsonObject; depth: number } | undefined;
    for (const n of nodes) if (types(n.node).some((t) => test.test(t)) && (!best || n.depth < best.depth)) best = n;
    return best?.node;
  };
  const article = pick(ARTICLE);
  const page = pick(PAGE);
  const website = pick(/^WebSite$/);
  const sources = [article, page].filter((x): x is JsonObject => x !== undefined);
  const first = (...keys: string[]) => {
    for (const node of sources) {
      for (const key of keys) {
        const v = text(resolve(node[key]) ?? undefined);
        if (v) return v;
      }
    }
    return undefined;
  };
  const facts: JsonLdFacts = { authors: [] };
  const headline = first('headline', 'name', 'alternativeHeadline');
  if (headline) facts.headline = headline;
  const published = first('datePublished', 'dateCreated', 'uploadDate');
  if (published) facts.datePublished = published;
  const modified = first('dateModified');
  if (modified) facts.dateModified = modified;
  const description = first('description');
  if (description) facts.description = description;

  for (const node of sources) {
    const names = personNames(node.author ?? node.creator, resolve);
    if (names.length) {
      facts.authors = names;
      break;
    }
  }
  for (const node of sources) {
    const publisher = resolve(Array.isArray(node.publisher) ? node.publisher[0] : node.publisher);
    // a blog's publisher is often its author: a person's name is no site name
    if (isObject(publisher) && types(publisher).includes('Person')) continue;
    const name = isObject(publisher) ? text(publisher.name) : text(publisher);
    if (name) {
      facts.publisher = name;
      break;
    }
  }
  const siteName = website ? text(website.name) : undefined;
  if (siteName) facts.website = siteName;
  for (const node of sources) {
    const image = imageUrl(node.image ?? node.thumbnailUrl, resolve);
    if (image) {
      facts.image = image;
      break;
    }
  }
  for (const node of sources) {
    const lang = resolve(node.inLanguage);
    const v = isObject(lang) ? text(lang.alternateName) ?? text(lang.name) : text(lang);
    if (v) {
      facts.inLanguage = v;
      break;
    }
  }
  for (const node of sources) {
    const main = resolve(node.mainEntityOfPage);
    const v = text(node.url) ?? (isObject(main) ? text(main['@id']) ?? text(main.url) : text(main));
    if (v) {
      facts.url = v;
      break;
    }
  }
  return facts;
}

function personNames(value: Json | undefined, resolve: (v: Json | undefined) => Json | undefined): string[] {
  const out: string[] = [];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  for (const item of list.slice(0, 20)) {
    const v = resolve(item);
    if (typeof v === 'string') out.push(v);
    else if (isObject(v)) {
      const name = text(v.name) ?? ([text(v.givenName), text(v.familyName)].filter(Boolean).join(' ') || undefined);
      if (name) out.push(name);
    }
  }
  return out;
}

function imageUrl(value: Json | undefined, resolve: (v: Json | undefined) => Json | undefined): string | undefined {
  const v = resolve(Array.isArray(value) ? value[0] : value);
  if (typeof v === 'string') return v.trim() || undefined;
  if (isObject(v)) return text(v.url) ?? text(v.contentUrl) ?? text(v['@id']);
  return undefined;
}
