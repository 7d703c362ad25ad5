/**
 * The articles a search finds, as a download: JSON Lines (each article with
 * its latest analysis, the shape `importJsonl` reads) or CSV (one row per
 * article). Pages through the search with its cursor, so memory stays flat
 * however many articles match, and the client's pace sets the database's.
 */
import { articleInputOf, type DumpLine } from '../store/export/jsonl.ts';
import { csvRow } from '../store/export/csv.ts';
import type { SearchQuery } from '../store/query.ts';
import type { Store } from '../store/types.ts';

const PAGE = 200;

const CSV_COLUMNS = [
  'id', 'external_id', 'url', 'canonical_url', 'source', 'title', 'published_at', 'dated_at', 'language', 'word_count',
  'cluster_id', 'content_hash', 'authors', 'latest_analysis_id', 'techniques', 'frames', 'genre',
] as const;

async function* matchingIds(store: Store, filters: SearchQuery): AsyncGenerator<number> {
  let cursor: string | undefined;
  for (;;) {
    const page = await store.search({ ...filters, sort: 'date', limit: PAGE, facets: false, ...(cursor !== undefined && { cursor }) });
    for (const item of page.items) yield item.id;
    if (!page.nextCursor || !page.items.length) return;
    cursor = page.nextCursor;
  }
}

function labels(list: { label: string }[] | undefined): string {
  return (list ?? []).map((l) => l.label).join('; ');
}

export async function* exportLines(store: Store, filters: SearchQuery, format: 'jsonl' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield csvRow(CSV_COLUMNS);
  for await (const id of matchingIds(store, filters)) {
    const article = await store.getArticle(id);
    if (!article) continue; // deleted since the page was read
    const latest = article.latestAnalysisId !== null ? await store.latestAnalysis(id) : undefined;
    if (format === 'jsonl') {
      const line: DumpLine = {
        id,
        outlet: article.source,
        article: articleInputOf(article),
        analyses: latest ? [{ id: latest.id, model: latest.model, createdAt: latest.createdAt, latest: true, analysis: latest.analysis }] : [],
      };
      yield `${JSON.stringify(line)}\n`;
    } else {
      // from the layers rather than the convenience lists, which not every producer of AnalysisJson fills in
      const layers = latest?.analysis.layers ?? {};
      const techniques = [...new Set([...(layers.techniques?.spans ?? []), ...(layers['paragraph-techniques']?.spans ?? [])].map((s) => s.label))].join('; ');
      yield csvRow([
        article.id, article.externalId, article.url, article.canonicalUrl, article.source, article.title, article.publishedAt, article.datedAt,
        article.language, article.wordCount, article.clusterId, article.contentHash, article.authors.join('; '), article.latestAnalysisId,
        techniques, labels(layers.frames?.labels), labels(layers.genre?.labels.slice(0, 1)),
      ]);
    }
  }
}

/** A pull-driven byte stream: the next page is read only when the client has taken the previous one. */
export function toByteStream(lines: AsyncGenerator<string>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // a few lines per pull keep the chunks from being tiny
        let chunk = '';
        while (chunk.length < 64 * 1024) {
          const next = await lines.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += next.value;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        // the status line is already sent: the client sees a truncated download, the log sees why
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
