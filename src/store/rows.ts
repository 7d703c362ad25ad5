/**
 * Database rows → the store's public shapes, for both drivers: JSON arrives
 * as text (SQLite) or parsed (PostgreSQL), timestamps as ISO text or Date.
 */
import { inflateSync } from 'node:zlib';
import type { AnalysisJson } from '../output/analysis-json.ts';
import type { Annotation, AnalysisSummary, Feed, Source, StoredAnalysis, StoredArticle } from './types.ts';

export type Row = Record<string, unknown>;

export function json<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

export function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export function int(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

export function intOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : int(v);
}

/** The columns `articleOf` reads, for `FROM articles a JOIN article_texts t ON t.id = a.id LEFT JOIN sources s ON s.id = a.source_id`. */
export const ARTICLE_COLUMNS = `a.id, a.external_id, a.url, a.canonical_url, a.content_hash, a.cluster_id, a.title, t.text, a.authors,
  a.published_at, a.modified_at, a.dated_at, a.language, a.site_name, a.description, a.image, s.domain AS source_domain,
  a.source_kind, a.source_location, a.feed, a.fetched_at, a.word_count, a.created_at, a.updated_at, a.latest_analysis_id, a.needs_analysis`;

export function articleOf(r: Row): StoredArticle {
  const kind = str(r.source_kind);
  const origin: StoredArticle['origin'] = kind ? ({ kind } as NonNullable<StoredArticle['origin']>) : null;
  if (origin && r.source_location !== null && r.source_location !== undefined) origin.location = String(r.source_location);
  if (origin && r.feed !== null && r.feed !== undefined) origin.feed = String(r.feed);
  return {
    id: int(r.id),
    externalId: str(r.external_id),
    url: str(r.url),
    canonicalUrl: str(r.canonical_url),
    contentHash: String(r.content_hash),
    clusterId: str(r.cluster_id),
    title: str(r.title),
    text: String(r.text),
    authors: json<string[]>(r.authors, []),
    publishedAt: isoOrNull(r.published_at),
    modifiedAt: isoOrNull(r.modified_at),
    datedAt: iso(r.dated_at),
    language: str(r.language),
    siteName: str(r.site_name),
    description: str(r.description),
    image: str(r.image),
    source: str(r.source_domain),
    origin,
    fetchedAt: isoOrNull(r.fetched_at),
    wordCount: int(r.word_count),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    latestAnalysisId: intOrNull(r.latest_analysis_id),
    needsAnalysis: int(r.needs_analysis) === 1,
  };
}

/** The columns `analysisSummaryOf` reads, for `FROM analyses an`. */
export const ANALYSIS_SUMMARY_COLUMNS = 'an.id, an.article_id, an.model, an.model_version, an.created_at, an.is_latest, an.language, an.word_count, an.counts';

export function analysisSummaryOf(r: Row): AnalysisSummary {
  return {
    id: int(r.id),
    articleId: int(r.article_id),
    model: { name: String(r.model), version: String(r.model_version) },
    createdAt: iso(r.created_at),
    latest: int(r.is_latest) === 1,
    language: str(r.language),
    wordCount: int(r.word_count),
    counts: json<Record<string, number>>(r.counts, {}),
  };
}

/** With `doc` and `full_text` (the analysed text: the analysis's own, else the article's). */
export function storedAnalysisOf(r: Row): StoredAnalysis {
  // SQLite keeps the document compressed; PostgreSQL hands it over parsed
  const doc = json<Omit<AnalysisJson, 'text'>>(r.doc instanceof Uint8Array ? inflateSync(r.doc).toString('utf8') : r.doc, {} as AnalysisJson);
  return { ...analysisSummaryOf(r), analysis: withText(doc, String(r.full_text)) };
}

/** Puts the text back where `toAnalysisJson` has it, so that the stored JSON reads like the original. */
export function withText(doc: Omit<AnalysisJson, 'text'>, text: string): AnalysisJson {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'length') out.text = text;
    out[k] = v;
  }
  if (!('text' in out)) out.text = text;
  return out as unknown as AnalysisJson;
}

export function withoutText(analysis: AnalysisJson): Omit<AnalysisJson, 'text'> {
  const { text: _text, ...rest } = analysis;
  return rest;
}

export function sourceOf(r: Row): Source {
  return {
    id: int(r.id),
    domain: String(r.domain),
    name: str(r.name),
    country: str(r.country),
    language: str(r.language),
    tags: json<string[]>(r.tags, []),
    createdAt: iso(r.created_at),
  };
}

export function feedOf(r: Row): Feed {
  return {
    id: int(r.id),
    url: String(r.url),
    source: str(r.source_domain),
    title: str(r.title),
    etag: str(r.etag),
    lastModified: str(r.last_modified),
    pollIntervalS: int(r.poll_interval_s),
    paused: int(r.paused) === 1,
    lastPolledAt: isoOrNull(r.last_polled_at),
    lastOkAt: isoOrNull(r.last_ok_at),
    lastError: str(r.last_error),
    failures: int(r.failures),
    createdAt: iso(r.created_at),
  };
}

export function annotationOf(r: Row): Annotation {
  return {
    id: int(r.id),
    articleId: int(r.article_id),
    layer: String(r.layer),
    label: String(r.label),
    start: intOrNull(r.start),
    end: intOrNull(r.end),
    text: str(r.text),
    author: str(r.author),
    createdAt: iso(r.created_at),
    source: String(r.source),
    externalId: str(r.external_id),
  };
}
