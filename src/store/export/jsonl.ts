/**
 * The store as JSON Lines, one article per line with its analyses: a dump
 * that `importJsonl` loads into another store (SQLite → PostgreSQL, or a
 * backup), and that other tools read with any JSON parser.
 *
 *   {"id": 12, "outlet": "example.com", "article": {…Article, contentHash, clusterId},
 *    "analyses": [{"id": 40, "model": {…}, "createdAt": "…", "latest": true, "analysis": {…AnalysisJson}}]}
 */
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { InputError } from '../../ingest/decode-text.ts';
import type { AnalysisJson } from '../../output/analysis-json.ts';
import type { ArticleInput, Store, StoredAnalysis, StoredArticle } from '../types.ts';
import { lines, write, type Input } from './lines.ts';

export interface DumpAnalysis {
  id?: number;
  model: { name: string; version: string };
  createdAt: string;
  latest?: boolean;
  analysis: AnalysisJson;
}

export interface DumpLine {
  id?: number;
  /** The outlet's domain (`article.source` is where the text came from: a feed, a file …). */
  outlet?: string | null;
  article: ArticleInput;
  analyses?: DumpAnalysis[];
}

/** The stored article as the `Article` it was, plus the store's hash and cluster. */
export function articleInputOf(a: StoredArticle): ArticleInput {
  const out: ArticleInput = { text: a.text, authors: a.authors, contentHash: a.contentHash };
  const optional: [keyof ArticleInput, unknown][] = [
    ['id', a.externalId],
    ['url', a.url],
    ['canonicalUrl', a.canonicalUrl],
    ['title', a.title],
    ['publishedAt', a.publishedAt],
    ['modifiedAt', a.modifiedAt],
    ['siteName', a.siteName],
    ['lang', a.language],
    ['description', a.description],
    ['image', a.image],
    ['source', a.origin],
    ['fetchedAt', a.fetchedAt],
    ['clusterId', a.clusterId],
  ];
  for (const [k, v] of optional) if (v !== null && v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

function dumpAnalysis(a: StoredAnalysis): DumpAnalysis {
  return { id: a.id, model: a.model, createdAt: a.createdAt, latest: a.latest, analysis: a.analysis };
}

export interface WriteJsonlOptions {
  /** Which analyses to include: none, each article's latest (default), or the whole history. */
  analyses?: 'none' | 'latest' | 'all';
  afterId?: number;
}

/** Writes every article (with analyses) as one line each; returns the number of lines. */
export async function writeJsonl(store: Store, out: Writable, options: WriteJsonlOptions = {}): Promise<number> {
  const which = options.analyses ?? 'latest';
  let n = 0;
  if (which === 'none') {
    for await (const article of store.iterateArticles({ afterId: options.afterId })) {
      await write(out, `${JSON.stringify({ id: article.id, outlet: article.source, article: articleInputOf(article) } satisfies DumpLine)}\n`);
      n++;
    }
    return n;
  }
  // articles without analyses come from iterateArticles; a merge by id keeps the output in id order
  const analysed = store.iterateAnalyses({ afterId: options.afterId, history: which })[Symbol.asyncIterator]();
  let next = await analysed.next();
  for await (const article of store.iterateArticles({ afterId: options.afterId })) {
    while (!next.done && next.value.article.id < article.id) next = await analysed.next();
    const analyses = !next.done && next.value.article.id === article.id ? next.value.analyses.map(dumpAnalysis) : [];
    const line: DumpLine = { id: article.id, outlet: article.source, article: articleInputOf(article), analyses };
    await write(out, `${JSON.stringify(line)}\n`);
    n++;
  }
  return n;
}

const articleSchema = z.looseObject({
  text: z.string(),
  authors: z.array(z.string()).optional(),
});

const lineSchema = z.looseObject({
  article: articleSchema,
  analyses: z
    .array(
      z.looseObject({
        model: z.object({ name: z.string(), version: z.string() }),
        createdAt: z.string().optional(),
        analysis: z.looseObject({ text: z.string(), layers: z.record(z.string(), z.unknown()) }),
      }),
    )
    .optional(),
});

export interface ImportResult {
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  analyses: number;
}

/**
 * Loads a dump written by `writeJsonl`, in batches (one transaction each).
 * Analyses are saved for articles this import inserted or updated, so that
 * loading the same dump twice adds nothing.
 */
export async function importJsonl(store: Store, input: Input, options: { batchSize?: number } = {}): Promise<ImportResult> {
  const size = options.batchSize ?? 500;
  const result: ImportResult = { lines: 0, inserted: 0, updated: 0, unchanged: 0, analyses: 0 };
  let batch: DumpLine[] = [];
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const writes = await store.upsertArticles(batch.map((l) => ({ ...l.article, authors: l.article.authors ?? [] })));
    const analyses = batch.flatMap((l, i) => {
      const w = writes[i]!;
      result[w.status]++;
      if (w.status === 'unchanged') return [];
      return (l.analyses ?? []).map((a) => ({ articleId: w.id, analysis: a.analysis, model: a.model, createdAt: a.createdAt }));
    });
    if (analyses.length) await store.saveAnalyses(analyses);
    result.analyses += analyses.length;
    batch = [];
  };
  for await (const { line, number } of lines(input)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new InputError(`line ${number}: not JSON`);
    }
    const checked = lineSchema.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new InputError(`line ${number}: ${issue.path.join('.') || 'line'}: ${issue.message}`);
    }
    batch.push(checked.data as unknown as DumpLine);
    result.lines++;
    if (batch.length >= size) await flush();
  }
  await flush();
  return result;
}
