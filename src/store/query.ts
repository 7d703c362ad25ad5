/**
 * The shapes of search and dashboard queries as callers (CLI, HTTP) send
 * them, checked once here so that both backends see the same normalised
 * query: lists for every filter, exact UTC bounds, a sort and a page.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '../ingest/decode-text.ts';
import { parseWebSearch } from './websearch.ts';
import { primaryLanguage } from './article-row.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const oneOrMany = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);

const dateBound = z.string().refine((s) => DATE.test(s) || !Number.isNaN(Date.parse(s)), 'expected a date (YYYY-MM-DD) or an ISO 8601 timestamp');

export const searchQuerySchema = z.strictObject({
  /** Words, "phrases", OR, -excluded (web-search syntax on both backends). */
  q: z.string().trim().max(500).optional(),
  /** Outlet domains. */
  source: oneOrMany.optional(),
  language: oneOrMany.optional(),
  technique: oneOrMany.optional(),
  category: oneOrMany.optional(),
  frame: oneOrMany.optional(),
  genre: oneOrMany.optional(),
  /** Actor keys (`person:vladimir-putin`). */
  actor: oneOrMany.optional(),
  narrative: oneOrMany.optional(),
  /** Any layer, for layers that have no filter of their own yet (`claims`): a span or document label of that layer (with that label). */
  has: z.array(z.strictObject({ layer: z.string().min(1), label: z.string().min(1).optional() })).optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
  /** Default: relevance with `q`, else date (newest first). */
  sort: z.enum(['relevance', 'date']).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).max(100_000).optional(),
  cursor: z.string().optional(),
  facets: z.boolean().optional(),
});

export type SearchQuery = z.input<typeof searchQuerySchema>;

export const aggregateSchema = z.strictObject({
  /** Group by outlet, by day, by month, or not at all. Default: source. */
  by: z.enum(['source', 'day', 'month', 'total']).optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
  /** Only these outlets (domains). */
  source: oneOrMany.optional(),
  /** Only these labels. */
  labels: oneOrMany.optional(),
});

export type AggregateOptions = z.input<typeof aggregateSchema>;

/** A filter that a span or document label of the latest analysis must meet. */
export interface LabelFilter {
  /** `any`: either (a layer keeps spans or document labels, and only the data says which). */
  table: 'spans' | 'doc_labels' | 'any';
  layer: string;
  column: 'label' | 'category';
  values: string[] | null;
}

export interface NormalizedSearch {
  q: string | null;
  sources: string[] | null;
  /** The ids of `sources`, filled in by the search before it builds SQL (unknown domains have none). */
  sourceIds: number[] | null;
  languages: string[] | null;
  actors: string[] | null;
  labels: LabelFilter[];
  /** Inclusive lower bound, ISO UTC. */
  from: string | null;
  /** Exclusive upper bound, ISO UTC. */
  toExclusive: string | null;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
  after: { datedAt: string; id: number } | null;
  facets: boolean;
  /** Identifies the query without its page, so that a cursor cannot be reused on another query. */
  fingerprint: string;
}

export interface NormalizedAggregate {
  by: 'source' | 'day' | 'month' | 'total';
  /** Inclusive day bounds (aggregations count whole days). */
  fromDay: string | null;
  toDay: string | null;
  sources: string[] | null;
  labels: string[] | null;
}

function list(v: string | string[] | undefined): string[] | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? [...new Set(v)] : [v];
}

/** One line naming the first problem: `search: limit: Too big: expected number to be <=500`. */
function fail(what: string, error: z.ZodError): never {
  const issue = error.issues[0]!;
  const path = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new InputError(`${what}: ${path}${issue.message}`);
}

export function lowerBound(value: string): string {
  return new Date(DATE.test(value) ? `${value}T00:00:00.000Z` : value).toISOString();
}

/** A date-only upper bound includes its whole day; a timestamp includes itself. */
export function upperBoundExclusive(value: string): string {
  if (DATE.test(value)) return new Date(Date.parse(`${value}T00:00:00.000Z`) + 86_400_000).toISOString();
  return new Date(Date.parse(value) + 1).toISOString();
}

function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

export function normalizeSearch(query: SearchQuery): NormalizedSearch {
  const parsed = searchQuerySchema.safeParse(query);
  if (!parsed.success) fail('search', parsed.error);
  const s = parsed.data;
  const q = s.q ? s.q : null;
  // refused here, the same way for both backends, rather than by one database's parser
  if (q !== null) parseWebSearch(q);
  const labels: LabelFilter[] = [];
  const technique = list(s.technique);
  const category = list(s.category);
  if (technique) labels.push({ table: 'spans', layer: 'techniques', column: 'label', values: technique });
  if (category) labels.push({ table: 'spans', layer: 'techniques', column: 'category', values: category });
  const frame = list(s.frame);
  if (frame) labels.push({ table: 'doc_labels', layer: 'frames', column: 'label', values: frame });
  const genre = list(s.genre);
  if (genre) labels.push({ table: 'doc_labels', layer: 'genre', column: 'label', values: genre });
  const narrative = list(s.narrative);
  if (narrative) labels.push({ table: 'doc_labels', layer: 'narratives', column: 'label', values: narrative });
  for (const h of s.has ?? []) {
    labels.push({ table: 'any', layer: h.layer, column: 'label', values: h.label ? [h.label] : null });
  }
  const sort = s.sort ?? (q ? 'relevance' : 'date');
  if (sort === 'relevance' && !q) throw new InputError('search: sort by relevance needs a query (q)');
  const from = s.from ? lowerBound(s.from) : null;
  const toExclusive = s.to ? upperBoundExclusive(s.to) : null;
  if (from && toExclusive && from >= toExclusive) throw new InputError(`search: 'from' (${s.from}) is after 'to' (${s.to})`);
  const { cursor, offset, limit, facets, ...rest } = s;
  const fingerprint = createHash('sha256').update(JSON.stringify({ ...rest, sort })).digest('base64url').slice(0, 12);
  const out: NormalizedSearch = {
    q,
    sources: list(s.source),
    sourceIds: null,
    languages: list(s.language)?.map((l) => primaryLanguage(l) ?? l) ?? null,
    actors: list(s.actor),
    labels,
    from,
    toExclusive,
    sort,
    limit: limit ?? 20,
    offset: offset ?? 0,
    after: null,
    facets: facets ?? false,
    fingerprint,
  };
  if (cursor !== undefined) Object.assign(out, decodeCursor(cursor, fingerprint, sort));
  return out;
}

interface CursorJson {
  f: string;
  o?: number;
  d?: string;
  i?: number;
}

/** The next page: a position in date order (stable while articles arrive), else an offset. */
export function encodeCursor(search: NormalizedSearch, last: { datedAt: string; id: number } | null): string {
  const c: CursorJson = { f: search.fingerprint };
  if (search.sort === 'date' && last) {
    c.d = last.datedAt;
    c.i = last.id;
  } else {
    c.o = search.offset + search.limit;
  }
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(cursor: string, fingerprint: string, sort: 'relevance' | 'date'): Partial<NormalizedSearch> {
  let c: CursorJson;
  try {
    c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorJson;
  } catch {
    throw new InputError('search: the cursor is not one that search returned');
  }
  if (typeof c !== 'object' || c === null || c.f !== fingerprint) throw new InputError('search: the cursor belongs to another query');
  if (sort === 'date' && typeof c.d === 'string' && typeof c.i === 'number') return { after: { datedAt: c.d, id: c.i }, offset: 0 };
  if (typeof c.o === 'number' && Number.isInteger(c.o) && c.o >= 0) return { offset: c.o };
  throw new InputError('search: the cursor is not one that search returned');
}

export function normalizeAggregate(options: AggregateOptions, what: string): NormalizedAggregate {
  const parsed = aggregateSchema.safeParse(options);
  if (!parsed.success) fail(what, parsed.error);
  const a = parsed.data;
  const fromDay = a.from ? dayOf(lowerBound(a.from)) : null;
  const toDay = a.to ? dayOf(new Date(Date.parse(upperBoundExclusive(a.to)) - 1).toISOString()) : null;
  if (fromDay && toDay && fromDay > toDay) throw new InputError(`${what}: 'from' (${a.from}) is after 'to' (${a.to})`);
  return { by: a.by ?? 'source', fromDay, toDay, sources: list(a.source), labels: list(a.labels) };
}
