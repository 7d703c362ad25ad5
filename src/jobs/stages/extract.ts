/** `extract`: a fetched page → an Article, for `dedup`. What the feed said fills what the page leaves out. */
import type { Article } from '../../ingest/article.ts';
import { InputError } from '../../ingest/decode-text.ts';
import { extractArticle } from '../../ingest/extract/extract.ts';
import { jobKey } from '../ids.ts';
import { PermanentJobError, type ExtractJob, type StageOutcome } from '../types.ts';
import type { StageContext } from './context.ts';

export function pageToArticle(job: ExtractJob, now: Date): Article {
  let extracted;
  try {
    extracted = extractArticle(job.html, { url: job.finalUrl, now });
  } catch (error) {
    // the same page will not have text next time either
    if (error instanceof InputError) throw new PermanentJobError(error.message);
    throw error;
  }
  // the next page of a multi-page article is not followed here (see docs/scaling.md)
  const { nextPageUrl: _next, ...article } = extracted;
  const hint = job.hint ?? {};
  const out: Article = {
    ...article,
    url: job.finalUrl,
    fetchedAt: job.fetchedAt,
    source: { kind: 'url', location: job.url, ...(job.feed !== undefined && { feed: job.feed }) },
  };
  if (!out.title && hint.title) out.title = hint.title;
  if (!out.publishedAt && hint.publishedAt) out.publishedAt = hint.publishedAt;
  if (!out.modifiedAt && hint.modifiedAt) out.modifiedAt = hint.modifiedAt;
  if (out.authors.length === 0 && hint.authors?.length) out.authors = [...hint.authors];
  if (!out.lang && hint.lang) out.lang = hint.lang;
  if (!out.siteName && hint.siteName) out.siteName = hint.siteName;
  return out;
}

export async function extractStage(job: ExtractJob, ctx: StageContext): Promise<StageOutcome> {
  const article = pageToArticle(job, ctx.now());
  return { next: [{ stage: 'dedup', key: jobKey.dedup(job.finalUrl, article.text), data: { article } }], note: `${article.text.length} chars` };
}
