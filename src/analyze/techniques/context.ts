/**
 * What the technique models know about an article before looking at a span:
 * its tokens (lower-cased once), sentences, and how often each word occurs,
 * for repetition features. Offsets are UTF-16.
 */
import type { Range } from '../../text/paragraphs.ts';
import { sentencesOf } from '../../text/sentences.ts';
import { tokenize, type Token } from '../../text/tokenize.ts';

export interface ArticleContext {
  text: string;
  tokens: Token[];
  lower: string[];
  sentences: Range[];
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  /** Occurrences of each lower-cased word in the article. */
  wordCount: Map<string, number>;
}

export function articleContext(text: string, tokens = tokenize(text), sentences: Range[] = sentencesOf(text, tokens)): ArticleContext {
  const lower = tokens.map((t) => text.slice(t.start, t.end).toLowerCase());
  const sentenceOf = new Int32Array(tokens.length).fill(-1);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (s < sentences.length && sentences[s]!.end <= tokens[i]!.start) s++;
    sentenceOf[i] = s < sentences.length && sentences[s]!.start <= tokens[i]!.start ? s : Math.max(0, s - 1);
  }
  const wordCount = new Map<string, number>();
  for (let i = 0; i < lower.length; i++) {
    if (tokens[i]!.label !== 'word') continue;
    wordCount.set(lower[i]!, (wordCount.get(lower[i]!) ?? 0) + 1);
  }
  return { text, tokens, lower, sentences, sentenceOf, wordCount };
}

/** Indices [first, last) of the tokens inside [start, end). */
export function tokensIn(ctx: ArticleContext, start: number, end: number): [number, number] {
  const { tokens } = ctx;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < tokens.length && tokens[last]!.start < end) last++;
  return [lo, last];
}
