/**
 * Stored analyses in the SemEval submission formats, written with the
 * benchmarks' own writers (formatSi, formatTc, formatSt3) so that the files
 * are exactly what the official scorers read:
 *
 *   SemEval-2020 Task 11 SI   article<TAB>start<TAB>end
 *   SemEval-2020 Task 11 TC   article<TAB>technique<TAB>start<TAB>end   (2020 labels)
 *   SemEval-2023 Task 3 ST3   article<TAB>paragraph<TAB>tech1,tech2    (every paragraph, numbered as the templates do)
 *
 * Offsets are code points, as stored. Article ids: the caller's id without
 * an `article` prefix (`article111111111` → `111111111`, the datasets'
 * convention), else the store id; `idOf` chooses otherwise.
 */
import type { Writable } from 'node:stream';
import { formatSi, formatTc } from '../../benchmarks/semeval2020.ts';
import { formatSt3, paragraphsOf } from '../../benchmarks/semeval2023.ts';
import { toScheme, isTechniqueId } from '../../analyze/techniques/taxonomy.ts';
import type { AnalysisJson, TechniqueJson } from '../../output/analysis-json.ts';
import type { Store, StoredArticle } from '../types.ts';
import { write } from './lines.ts';

export interface SemevalOptions {
  idOf?: (article: StoredArticle) => string;
}

export function semevalId(article: StoredArticle): string {
  const ext = article.externalId;
  if (ext) {
    const m = /^article(\d+)$/.exec(ext);
    return m ? m[1]! : ext;
  }
  return String(article.id);
}

async function eachLatest(store: Store, fn: (article: StoredArticle, analysis: AnalysisJson) => Promise<void>): Promise<void> {
  for await (const { article, analyses } of store.iterateAnalyses()) {
    const latest = analyses.at(-1);
    if (latest) await fn(article, latest.analysis);
  }
}

/** SI: every span-level technique span of every latest analysis. Returns the number of lines. */
export async function writeSemevalSi(store: Store, out: Writable, options: SemevalOptions = {}): Promise<number> {
  const idOf = options.idOf ?? semevalId;
  let n = 0;
  await eachLatest(store, async (article, analysis) => {
    const rows = (analysis.techniques ?? []).map((t) => ({ article: idOf(article), start: t.start, end: t.end }));
    if (rows.length) await write(out, formatSi(rows));
    n += rows.length;
  });
  return n;
}

/** TC: technique spans in the 2020 labels; techniques the 2020 scheme lacks are left out. Returns lines written and spans left out. */
export async function writeSemevalTc(store: Store, out: Writable, options: SemevalOptions = {}): Promise<{ lines: number; unmapped: number }> {
  const idOf = options.idOf ?? semevalId;
  let lines = 0;
  let unmapped = 0;
  await eachLatest(store, async (article, analysis) => {
    const rows = [];
    for (const t of analysis.techniques ?? []) {
      const technique = isTechniqueId(t.technique) ? toScheme('semeval2020', t.technique) : null;
      if (technique === null) {
        unmapped++;
        continue;
      }
      rows.push({ article: idOf(article), technique, start: t.start, end: t.end });
    }
    if (rows.length) await write(out, formatTc(rows));
    lines += rows.length;
  });
  return { lines, unmapped };
}

/**
 * ST3: for each paragraph of each analysed article, the techniques found in
 * it (paragraph-level techniques where they ran, else span-level ones
 * overlapping the paragraph). Returns the number of lines.
 */
export async function writeSemevalSt3(store: Store, out: Writable, options: SemevalOptions = {}): Promise<number> {
  const idOf = options.idOf ?? semevalId;
  let n = 0;
  await eachLatest(store, async (article, analysis) => {
    const found: TechniqueJson[] | undefined = analysis.paragraphTechniques ?? analysis.techniques;
    if (!found) return;
    const rows = paragraphsOf(analysis.text).map((p) => ({
      article: idOf(article),
      paragraph: p.paragraph,
      techniques: [...new Set(found.filter((t) => t.start < p.end && t.end > p.start && isTechniqueId(t.technique)).map((t) => t.technique))],
    }));
    if (rows.length) await write(out, formatSt3(rows));
    n += rows.length;
  });
  return n;
}
