/**
 * Features of a whole article for narrative classification: its words and
 * word pairs, the words of its title (the first line) apart, and, for
 * languages whose words inflect heavily (Russian, Bulgarian, Ukrainian,
 * Hindi), word beginnings and character 4-grams, so that "НАТО", "НАТО-вские"
 * and "НАТО-вскими" share evidence. Counts become log(1 + tf) and the vector
 * is L2-normalised, so long and short articles score alike.
 */
import type { FeatureSink, SparseVector } from '../../learn/features.ts';
import type { Token } from '../../text/tokenize.ts';

/** Languages that get word beginnings and character n-grams. */
const INFLECTING = new Set(['ru', 'bg', 'uk', 'hi', 'be', 'sr', 'mk']);

export interface ArticleFeatureOptions {
  /** Word pairs as well as words. */
  bigrams: boolean;
  /** Character n-gram length for inflecting languages (0: none). */
  charGram: number;
  /** Word beginnings of this length for inflecting languages (0: none). */
  stem: number;
}

export const ARTICLE_FEATURES: ArticleFeatureOptions = { bigrams: true, charGram: 4, stem: 5 };

/** The key of a token as a feature: its lower-cased text, numbers folded into one. */
export function tokenKey(text: string, token: Token): string | undefined {
  if (token.label === 'number') return '<num>';
  if (token.label !== 'word' && token.label !== 'hashtag') return undefined;
  return text.slice(token.start, token.end).toLowerCase();
}

/** Whether the language's words get sub-word features. */
export function inflecting(language: string): boolean {
  return INFLECTING.has(language);
}

/**
 * Writes the article's features into `sink` with `add`, so repeated words
 * count up; `finishVector` turns the counts into the model's values.
 */
export function emitArticleFeatures(text: string, tokens: readonly Token[], language: string, sink: FeatureSink, options: ArticleFeatureOptions = ARTICLE_FEATURES): void {
  const titleEnd = firstLineEnd(text);
  const subword = INFLECTING.has(language);
  sink.set('lang', language);
  let prev = '<s>';
  for (const t of tokens) {
    const w = tokenKey(text, t);
    if (w === undefined) {
      // sentence punctuation breaks word pairs: "… war. Russia …" is not a phrase
      if (t.label === 'punct') prev = '<s>';
      continue;
    }
    sink.add('w', w);
    if (t.start < titleEnd) sink.add('t', w);
    if (options.bigrams && prev !== '<s>') sink.pair('b', prev, w);
    prev = w;
    if (!subword || t.label !== 'word') continue;
    if (options.stem > 0 && w.length > options.stem) sink.add('st', w.slice(0, options.stem));
    const n = options.charGram;
    if (n > 0 && w.length >= n) {
      const padded = `<${w}>`;
      for (let i = 0; i + n <= padded.length; i++) sink.add('c', padded.slice(i, i + n));
    }
  }
}

function firstLineEnd(text: string): number {
  const i = text.indexOf('\n');
  return i < 0 ? text.length : i;
}

/** log(1 + count), then L2 normalisation, in place; the language feature stays 1. */
export function finishVector(x: SparseVector, languageFeature?: number): SparseVector {
  let norm = 0;
  for (let i = 0; i < x.val.length; i++) {
    if (x.idx[i] === languageFeature) continue;
    const v = Math.log1p(x.val[i]!);
    x.val[i] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const s = 1 / Math.sqrt(norm);
    for (let i = 0; i < x.val.length; i++) if (x.idx[i] !== languageFeature) x.val[i] = x.val[i]! * s;
  }
  return x;
}
