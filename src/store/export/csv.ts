/**
 * CSV for spreadsheets and dataframes (RFC 4180: comma-separated, fields with
 * commas, quotes or line breaks quoted, CRLF between records): one row per
 * article, and one row per span of the latest analyses.
 */
import type { Writable } from 'node:stream';
import { derive } from '../derive.ts';
import { codePointSlicer } from '../../text/offsets.ts';
import type { Store } from '../types.ts';
import { write } from './lines.ts';

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

const ARTICLE_COLUMNS = [
  'id', 'external_id', 'url', 'canonical_url', 'source', 'title', 'published_at', 'dated_at', 'language', 'word_count',
  'cluster_id', 'content_hash', 'authors', 'latest_analysis_id',
] as const;

/** One row per article; `text: true` adds the full text as the last column. */
export async function writeArticlesCsv(store: Store, out: Writable, options: { text?: boolean } = {}): Promise<number> {
  await write(out, csvRow([...ARTICLE_COLUMNS, ...(options.text ? ['text'] : [])]));
  let n = 0;
  for await (const a of store.iterateArticles()) {
    const row = [
      a.id, a.externalId, a.url, a.canonicalUrl, a.source, a.title, a.publishedAt, a.datedAt, a.language, a.wordCount,
      a.clusterId, a.contentHash, a.authors.join('; '), a.latestAnalysisId,
    ];
    await write(out, csvRow(options.text ? [...row, a.text] : row));
    n++;
  }
  return n;
}

const SPAN_COLUMNS = ['article_id', 'analysis_id', 'source', 'published_at', 'layer', 'label', 'category', 'start', 'end', 'score', 'paragraph', 'text'] as const;

/**
 * One row per span the store keeps for search (techniques, claims and other
 * span layers) plus one per document label (start and end empty), from each
 * article's latest analysis. Offsets are code points.
 */
export async function writeSpansCsv(store: Store, out: Writable, options: { layers?: string[] } = {}): Promise<number> {
  const wanted = options.layers ? new Set(options.layers) : null;
  await write(out, csvRow(SPAN_COLUMNS));
  let n = 0;
  for await (const { article, analyses } of store.iterateAnalyses()) {
    const latest = analyses.at(-1);
    if (!latest) continue;
    const d = derive(latest.analysis);
    const slice = codePointSlicer(latest.analysis.text);
    for (const s of d.spans) {
      if (wanted && !wanted.has(s.layer)) continue;
      await write(out, csvRow([article.id, latest.id, article.source, article.publishedAt, s.layer, s.label, s.category, s.start, s.end, s.score, s.paragraph, slice(s.start, s.end)]));
      n++;
    }
    for (const l of d.docLabels) {
      if (wanted && !wanted.has(l.layer)) continue;
      await write(out, csvRow([article.id, latest.id, article.source, article.publishedAt, l.layer, l.label, l.parent, null, null, l.score, null, null]));
      n++;
    }
  }
  return n;
}
