/**
 * Which column (CSV) or key (JSONL) feeds which Article field. The defaults
 * recognise the names common exports use (Media Cloud, news-please, NewsAPI,
 * GDELT-style dumps); a user mapping overrides them field by field.
 */
import { InputError } from '../decode-text.ts';

export const MAPPABLE_FIELDS = [
  'text', 'title', 'url', 'canonicalUrl', 'publishedAt', 'modifiedAt', 'authors', 'lang',
  'siteName', 'id', 'description', 'image', 'fetchedAt',
] as const;

export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Field → the column or key to read it from; a JSONL key may be a dot path ("source.name"). */
export type ColumnMapping = Partial<Record<MappableField, string>>;

/** Candidate names per field, first present (and non-empty) wins. Compared case-insensitively. */
export const DEFAULT_COLUMNS: Record<MappableField, readonly string[]> = {
  text: ['text', 'content', 'body', 'maintext', 'article_text', 'full_text', 'story_text'],
  title: ['title', 'headline', 'title_page', 'title_rss'],
  url: ['url', 'link', 'article_url', 'final_url'],
  canonicalUrl: ['canonical_url', 'canonicalUrl'],
  publishedAt: ['published', 'publishedAt', 'published_at', 'date', 'publish_date', 'date_publish', 'pubdate', 'publication_date', 'datePublished'],
  modifiedAt: ['modified', 'modifiedAt', 'modified_at', 'date_modify', 'updated', 'updated_at', 'dateModified'],
  authors: ['authors', 'author', 'byline', 'creator'],
  lang: ['language', 'lang', 'locale'],
  siteName: ['source', 'media_name', 'site_name', 'siteName', 'domain', 'source_domain', 'publisher', 'outlet'],
  id: ['id', 'stories_id', 'story_id', 'article_id', 'guid', 'uuid'],
  description: ['description', 'summary', 'excerpt', 'abstract'],
  image: ['image', 'image_url', 'top_image', 'urlToImage'],
  fetchedAt: ['fetchedAt', 'fetched_at', 'date_download', 'crawled_at', 'indexed_date'],
};

/** Names users reach for on the command line that mean an Article field. */
const ALIASES: Record<string, MappableField> = {
  date: 'publishedAt', published: 'publishedAt', publishdate: 'publishedAt',
  modified: 'modifiedAt', updated: 'modifiedAt',
  author: 'authors', byline: 'authors',
  language: 'lang',
  source: 'siteName', site: 'siteName', outlet: 'siteName',
  headline: 'title',
  link: 'url',
  canonical: 'canonicalUrl',
  summary: 'description',
  fetched: 'fetchedAt',
};

function fieldOf(name: string): MappableField | undefined {
  const key = name.toLowerCase();
  return MAPPABLE_FIELDS.find((f) => f.toLowerCase() === key) ?? ALIASES[key.replace(/[_-]/g, '')];
}

/**
 * Parses a command-line mapping like `text=body,title=headline,publishedAt=date`.
 * Throws `InputError` for a malformed pair, an unknown field or a field given twice.
 */
export function parseColumnMapping(spec: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const raw of spec.split(',')) {
    const pair = raw.trim();
    if (!pair) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) throw new InputError(`column mapping: '${pair}' is not field=column (e.g. text=body)`);
    const name = pair.slice(0, eq).trim();
    const column = pair.slice(eq + 1).trim();
    const field = fieldOf(name);
    if (!field) throw new InputError(`column mapping: unknown field '${name}'; fields are ${MAPPABLE_FIELDS.join(', ')}`);
    if (mapping[field] !== undefined) throw new InputError(`column mapping: field '${field}' is given twice`);
    mapping[field] = column;
  }
  return mapping;
}

/** Looks a JSON record's value up by key, then by dot path ("source.name"). */
export function lookup(record: Record<string, unknown>, key: string): unknown {
  if (key in record) return record[key];
  if (!key.includes('.')) return undefined;
  let value: unknown = record;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * The value for `field` in `record`: the user's column if mapped, else the
 * first default name present. Key case is ignored for defaults only.
 */
export function valueFor(record: Record<string, unknown>, field: MappableField, mapping: ColumnMapping, lowerKeys: Map<string, string>): unknown {
  const mapped = mapping[field];
  if (mapped !== undefined) return lookup(record, mapped);
  for (const name of DEFAULT_COLUMNS[field]) {
    const key = name in record ? name : lowerKeys.get(name.toLowerCase());
    if (key !== undefined && present(record[key])) return record[key];
  }
  return undefined;
}

/** What the error for a record without text says it looked for. */
export function textSources(mapping: ColumnMapping): string {
  return mapping.text !== undefined ? `'${mapping.text}'` : DEFAULT_COLUMNS.text.join(', ');
}
