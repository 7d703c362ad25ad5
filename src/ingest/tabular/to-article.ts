/**
 * One export record (a JSON object or a CSV row keyed by header) as an
 * Article. Values are cleaned rather than trusted: dates normalised, authors
 * split, language tags checked, text laid out as the Article type wants
 * (headline, blank line, paragraphs). Only missing text makes a record
 * unusable; any other bad value is dropped.
 */
import type { Article, ArticleSourceKind } from '../article.ts';
import { canonicalizeUrl } from '../dedup/url.ts';
import { normaliseDate } from './dates.ts';
import { textSources, valueFor, type ColumnMapping, type MappableField } from './mapping.ts';

export interface RecordContext {
  kind: Extract<ArticleSourceKind, 'jsonl' | 'csv'>;
  /** File path (or other name) of the export; with the line it becomes the article's source location. */
  origin?: string;
  line: number;
  now?: number;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // NewsAPI and others nest the outlet as { id, name }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const name = (value as Record<string, unknown>).name;
    if (typeof name === 'string') return name.trim() || undefined;
  }
  return undefined;
}

function paragraphs(text: string): string[] {
  const normal = text.replace(/\r\n?/g, '\n');
  // exports write paragraphs either blank-line separated or one per line
  const parts = /\n[ \t]*\n/.test(normal) ? normal.split(/\n[ \t]*\n/) : normal.split('\n');
  return parts.map((p) => p.replace(/[ \t\n\f\v\u00a0]+/g, ' ').trim()).filter(Boolean);
}

function splitAuthors(value: unknown): string[] {
  const raw: string[] = [];
  if (Array.isArray(value)) {
    for (const v of value) {
      const s = str(v);
      if (s) raw.push(s);
    }
  } else {
    const s = str(value);
    if (!s) return [];
    // a single "Last, First" stays whole; "A B, C D" is two people
    const commaParts = s.split(',').map((p) => p.trim());
    const lastFirst = commaParts.length === 2 && commaParts.every((p) => p && !/\s/.test(p));
    for (const part of s.split(/\s*[;|]\s*|\s+and\s+|\s+&\s+/i)) {
      if (lastFirst) raw.push(part);
      else raw.push(...part.split(','));
    }
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of raw) {
    const name = a.replace(/^\s*by\s+/i, '').replace(/\s+/g, ' ').trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

function language(value: unknown): string | undefined {
  const s = str(value)?.replace(/_/g, '-');
  if (!s || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(s)) return undefined;
  const [primary, ...rest] = s.split('-');
  return [primary!.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-');
}

function absoluteUrl(value: unknown): string | undefined {
  const s = str(value);
  if (!s || !/^https?:\/\//i.test(s)) return undefined;
  try {
    return new URL(s).href;
  } catch {
    return undefined;
  }
}

/** The Article, or why the record cannot be one. */
export function recordToArticle(record: Record<string, unknown>, mapping: ColumnMapping, context: RecordContext): Article | string {
  const lowerKeys = new Map<string, string>();
  for (const key of Object.keys(record)) {
    const lower = key.toLowerCase();
    if (!lowerKeys.has(lower)) lowerKeys.set(lower, key);
  }
  const get = (field: MappableField) => valueFor(record, field, mapping, lowerKeys);

  const rawText = get('text');
  const body = typeof rawText === 'string' ? paragraphs(rawText) : [];
  if (body.length === 0) return `no text (looked for ${textSources(mapping)})`;
  const title = str(get('title'))?.replace(/\s+/g, ' ');
  if (title && body[0]!.toLowerCase() !== title.toLowerCase()) body.unshift(title);

  const article: Article = { authors: splitAuthors(get('authors')), text: body.join('\n\n') };
  const id = str(get('id'));
  if (id) article.id = id;
  const url = absoluteUrl(get('url'));
  if (url) article.url = url;
  const canonical = absoluteUrl(get('canonicalUrl'));
  if (canonical) article.canonicalUrl = canonicalizeUrl(canonical);
  if (title) article.title = title;
  const now = context.now ?? Date.now();
  const published = normaliseDate(get('publishedAt'), now);
  if (published) article.publishedAt = published;
  const modified = normaliseDate(get('modifiedAt'), now);
  if (modified) article.modifiedAt = modified;
  const site = str(get('siteName'));
  if (site) article.siteName = site;
  const lang = language(get('lang'));
  if (lang) article.lang = lang;
  const description = str(get('description'))?.replace(/\s+/g, ' ');
  if (description) article.description = description;
  const image = absoluteUrl(get('image'));
  if (image) article.image = image;
  const fetched = normaliseDate(get('fetchedAt'), now);
  if (fetched) article.fetchedAt = fetched;
  article.source = { kind: context.kind, ...(context.origin && { location: `${context.origin}:${context.line}` }) };
  return article;
}
