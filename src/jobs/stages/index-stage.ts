/**
 * `index`: writes to the store, idempotently. Articles are upserted by their
 * key (storing the same one again changes nothing); an analysis is saved
 * only if the article still has the text it was made from and no analysis
 * of the same version already covers it, so a job delivered twice (a worker
 * killed after the commit, before the acknowledgement) writes once.
 */
import { jobKey } from '../ids.ts';
import type { IndexJob, StageOutcome } from '../types.ts';
import { analysisUpToDate } from './analyse.ts';
import type { StageContext } from './context.ts';

export async function indexStage(job: IndexJob, ctx: StageContext): Promise<StageOutcome> {
  if (job.kind === 'article') {
    const [write] = await ctx.store.upsertArticles([job.article]);
    if (!write) throw new Error('the store returned no result for the article');
    ctx.metrics.articles.inc({ status: write.status });
    const hash = job.article.contentHash!;
    const next = write.status === 'unchanged' ? [] : [{ stage: 'analyse' as const, key: jobKey.analyse(write.id, hash), data: { articleId: write.id } }];
    return { next, note: `article ${write.id} ${write.status}` };
  }
  const article = await ctx.store.getArticle(job.articleId);
  if (!article) return { next: [], note: 'article deleted' };
  if (article.contentHash !== job.textHash) {
    // the text changed after the analysis started; the change queued its own analysis
    ctx.metrics.analyses.inc({ status: 'stale' });
    return { next: [], note: 'stale: text changed' };
  }
  if (await analysisUpToDate(ctx.store, article, job.model)) {
    ctx.metrics.analyses.inc({ status: 'duplicate' });
    return { next: [], note: 'already saved' };
  }
  const [id] = await ctx.store.saveAnalyses([{ articleId: job.articleId, analysis: job.analysis, model: job.model }]);
  ctx.metrics.analyses.inc({ status: 'saved' });
  return { next: [], note: `analysis ${id}` };
}
