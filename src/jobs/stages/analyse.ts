/**
 * `analyse`: an article id → its analysis, for `index`. An article whose
 * latest analysis already has this pipeline's version and the current text
 * is skipped, so redelivered jobs and re-analysis sweeps cost one read.
 */
import type { Store, StoredArticle } from '../../store/types.ts';
import type { ModelInfo } from '../../text/document.ts';
import { jobKey } from '../ids.ts';
import type { AnalyseJob, StageOutcome } from '../types.ts';
import type { StageContext } from './context.ts';

/**
 * True when the article's latest analysis was made by `model` from its
 * current text. The store clears `needsAnalysis` when an analysis is saved
 * and sets it again when the text (its hash) changes, so it stands for
 * "the latest analysis has the current text hash".
 */
export async function analysisUpToDate(store: Store, article: StoredArticle, model: ModelInfo): Promise<boolean> {
  if (article.needsAnalysis || article.latestAnalysisId === null) return false;
  const [latest] = await store.analysisHistory(article.id);
  return latest !== undefined && latest.model.name === model.name && latest.model.version === model.version;
}

export async function analyseStage(job: AnalyseJob, ctx: StageContext): Promise<StageOutcome> {
  const article = await ctx.store.getArticle(job.articleId);
  if (!article) return { next: [], note: 'article deleted' };
  const analyser = await ctx.analyser();
  if (await analysisUpToDate(ctx.store, article, analyser.model)) {
    ctx.metrics.analyses.inc({ status: 'up-to-date' });
    return { next: [], note: 'up to date' };
  }
  const analysis = await analyser.analyse({ text: article.text, id: String(article.id), ...(article.title && { title: article.title }) });
  return {
    next: [
      {
        stage: 'index',
        key: jobKey.indexAnalysis(article.id, article.contentHash, analyser.model.version),
        data: { kind: 'analysis', articleId: article.id, analysis, model: analyser.model, textHash: article.contentHash },
      },
    ],
  };
}
