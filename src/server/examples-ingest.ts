/**
 * First run of `spinscope start`: an empty store gets the bundled example
 * articles, analysed in this process, so that the web app has something to
 * show. A store with any article is left alone, so a second start adds nothing.
 */
import { pipelineModel } from '../jobs/analyser.ts';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createPipeline, type PipelineOptions } from '../analyze/pipeline.ts';
import { readFileInput } from '../ingest/read-input.ts';
import { toAnalysisJson, type AnalysisJson } from '../output/analysis-json.ts';
import type { ArticleInput, Store } from '../store/types.ts';

export async function storeIsEmpty(store: Store): Promise<boolean> {
  for await (const _ of store.iterateArticles({ batchSize: 1 })) return false;
  return true;
}

/** The headline: the first line when a blank line follows it (how the examples and extracted articles are laid out). */
function headline(text: string): string | undefined {
  const m = /^\uFEFF?([^\n]{1,300})\n\s*\n/.exec(text);
  return m ? m[1]!.trim() : undefined;
}

export interface IngestOptions {
  pipeline?: Pick<PipelineOptions, 'layers' | 'language'>;
  model: { name: string; version: string };
  /** One line per step, for stderr. */
  progress?: (line: string) => void;
}

/** Ingests and analyses the `.txt` files of `dir` when the store has no article; returns how many were added. */
export async function ingestExamplesIfEmpty(store: Store, dir: string, options: IngestOptions): Promise<number> {
  if (!(await storeIsEmpty(store))) return 0;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.txt')).sort();
  if (!names.length) return 0;
  const say = options.progress ?? (() => {});
  say(`the store is empty: analysing the ${names.length} example articles (first run only)`);
  const started = performance.now();
  const pipeline = await createPipeline(options.pipeline ?? {});
  const articles: ArticleInput[] = [];
  const analyses: AnalysisJson[] = [];
  for (const [i, name] of names.entries()) {
    const input = await readFileInput(join(dir, name));
    const analysis = toAnalysisJson(pipeline.analyze(input), { layers: pipeline.requested });
    const title = headline(input.text);
    articles.push({
      id: input.id ?? name,
      text: input.text,
      authors: [],
      lang: analysis.language.code,
      ...(title !== undefined && { title }),
      source: { kind: 'file', location: name },
    });
    analyses.push(analysis);
    say(`  [${i + 1}/${names.length}] ${name}`);
  }
  // written together at the end: a start interrupted while analysing leaves the store empty, and the next one starts over
  const written = await store.upsertArticles(articles);
  await store.saveAnalyses(written.map((w, i) => ({ articleId: w.id, analysis: analyses[i]!, model: pipelineModel(analyses[i]!) })));
  say(`analysed ${names.length} example articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return names.length;
}
