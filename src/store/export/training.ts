/**
 * Human annotations as training examples for the technique trainer: each
 * annotated article's text with its spans, in the shapes the SemEval readers
 * give the trainer (`articles` id → text, `TechniqueSpan` rows in code
 * points), so that stored annotations and the shared datasets mix freely.
 */
import type { TechniqueSpan } from '../../benchmarks/common.ts';
import { TECHNIQUES } from '../derive.ts';
import type { Store } from '../types.ts';

export interface TrainingExample {
  articleId: number;
  /** The id the trainer sees: `store:<id>`, so it cannot collide with a dataset's. */
  article: string;
  text: string;
  spans: { start: number; end: number; technique: string; author: string | null }[];
}

export interface TrainingOptions {
  /** Default `techniques`. */
  layer?: string;
  /** Only annotations from this source (e.g. `label-studio`). */
  source?: string;
}

/** One example per annotated article, in article order; spans of the whole document (no offsets) are left out. */
export async function* annotationExamples(store: Store, options: TrainingOptions = {}): AsyncIterable<TrainingExample> {
  const annotations = await store.listAnnotations({ layer: options.layer ?? TECHNIQUES, ...(options.source ? { source: options.source } : {}) });
  const byArticle = new Map<number, typeof annotations>();
  for (const a of annotations) {
    if (a.start === null || a.end === null) continue;
    const list = byArticle.get(a.articleId);
    if (list) list.push(a);
    else byArticle.set(a.articleId, [a]);
  }
  for (const [articleId, list] of [...byArticle].sort(([a], [b]) => a - b)) {
    const article = await store.getArticle(articleId);
    if (!article) continue;
    const seen = new Set<string>();
    const spans: TrainingExample['spans'] = [];
    for (const a of list) {
      // two annotators marking the same span are one example, not two
      const key = `${a.start}:${a.end}:${a.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      spans.push({ start: a.start!, end: a.end!, technique: a.label, author: a.author });
    }
    yield { articleId, article: `store:${articleId}`, text: article.text, spans };
  }
}

/** All examples at once, as the trainer's inputs. */
export async function trainingSet(store: Store, options: TrainingOptions = {}): Promise<{ articles: Map<string, string>; spans: TechniqueSpan[] }> {
  const articles = new Map<string, string>();
  const spans: TechniqueSpan[] = [];
  for await (const ex of annotationExamples(store, options)) {
    articles.set(ex.article, ex.text);
    for (const s of ex.spans) spans.push({ article: ex.article, start: s.start, end: s.end, technique: s.technique });
  }
  return { articles, spans };
}
