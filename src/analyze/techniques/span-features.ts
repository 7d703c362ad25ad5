/**
 * Features of a candidate span for technique classification: what it says
 * (words, bigrams, first and last word), its shape (length, punctuation,
 * capitals, how much of its sentence it covers), where it sits (neighbouring
 * words, quotes), whether it repeats elsewhere in the article, and which
 * lexicon classes its words belong to. Names stay readable: they are the
 * evidence a user sees.
 */
import { BagSink, type FeatureBag, type FeatureSink } from '../../learn/features.ts';
import { tokensIn, type ArticleContext } from './context.ts';
import type { Lexicons } from './lexicons.ts';

function bucket(n: number, edges: readonly number[]): string {
  for (const e of edges) if (n <= e) return `≤${e}`;
  return `>${edges[edges.length - 1]}`;
}

/** Words of the span's sentence count a quarter of the span's own (tuned by cross-validation). */
const SENTENCE_WORD_WEIGHT = 0.25;

const QUOTES = new Set(['"', '“', '”', '‘', '’', "'", '«', '»']);

function countOccurrences(haystack: string, needle: string): number {
  if (needle.length < 3) return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

export interface SpanFeatureOptions {
  /** The article's text in lower case, computed once per article. */
  lowerText: string;
  lexicons?: Lexicons;
}

export function spanFeatures(ctx: ArticleContext, start: number, end: number, options: SpanFeatureOptions): FeatureBag {
  const sink = new BagSink();
  emitSpanFeatures(ctx, start, end, options, sink);
  return sink.bag;
}

export function emitSpanFeatures(ctx: ArticleContext, start: number, end: number, options: SpanFeatureOptions, sink: FeatureSink): void {
  const [first, last] = tokensIn(ctx, start, end);
  const { tokens, lower } = ctx;
  const words: string[] = [];
  for (let i = first; i < last; i++) {
    const t = tokens[i]!;
    const w = t.label === 'number' ? '<num>' : lower[i]!;
    if (t.label === 'word' || t.label === 'number') {
      words.push(w);
      sink.set('w', w);
      if (t.label === 'word') {
        const raw = ctx.text.slice(t.start, t.end);
        if (raw.length > 1 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw)) sink.set('shape', 'ALLCAPS word');
      }
    } else if (t.label === 'punct') {
      sink.set('p', lower[i]!);
    }
  }
  for (let i = 0; i + 1 < words.length; i++) sink.pair('b', words[i]!, words[i + 1]!);
  // word beginnings and endings generalise to unseen words: -ist, -ism, -ous, -less, anti-
  for (const w of words) {
    if (w.length >= 5) sink.set('suffix3', `-${w.slice(-3)}`);
    if (w.length >= 6) {
      sink.set('suffix', `-${w.slice(-4)}`);
      sink.set('prefix', `${w.slice(0, 4)}-`);
    }
  }
  if (words.length > 0 && words.length <= 5) sink.set('phrase', words.join(' '));
  if (words.length) {
    sink.set('first', words[0]!);
    sink.set('last', words[words.length - 1]!);
  }
  let capitalised = 0;
  for (let i = first; i < last; i++) if (tokens[i]!.label === 'word' && /^\p{Lu}/u.test(ctx.text.slice(tokens[i]!.start, tokens[i]!.end))) capitalised++;
  if (words.length && capitalised === words.length) sink.set('shape', 'all words capitalised');
  const n = last - first;
  const len = bucket(words.length, [1, 2, 3, 5, 8, 12, 20, 35]);
  sink.set('len', `${len} words`);
  if (n === 0) sink.set('len', 'no token');

  // context: the words around the span, and the rest of its sentence
  const left1 = first > 0 ? lower[first - 1]! : '<start>';
  const left2 = first > 1 ? lower[first - 2]! : '<start>';
  const right1 = last < tokens.length ? lower[last]! : '<end>';
  const right2 = last + 1 < tokens.length ? lower[last + 1]! : '<end>';
  sink.set('left', left1);
  sink.pair('left2', left2, left1);
  sink.set('right', right1);
  sink.pair('right2', right1, right2);
  if (QUOTES.has(left1) || QUOTES.has(lower[first] ?? '')) sink.set('quote', 'opens at span');
  if (QUOTES.has(right1) || QUOTES.has(lower[last - 1] ?? '')) sink.set('quote', 'closes at span');

  if (n > 0) {
    const s0 = ctx.sentenceOf[first]!;
    const s1 = ctx.sentenceOf[last - 1]!;
    if (s1 > s0) sink.set('cover', 'several sentences');
    const sentence = ctx.sentences[s0];
    if (sentence) {
      const [sf, sl] = tokensIn(ctx, sentence.start, sentence.end);
      const share = n / Math.max(1, sl - sf);
      const cover = share >= 0.9 ? 'whole sentence' : share >= 0.5 ? 'most of sentence' : share >= 0.2 ? 'part of sentence' : 'few words of sentence';
      sink.set('cover', cover);
      sink.set('len×cover', `${len} words, ${cover}`);
      for (let i = sf; i < sl; i++) if ((i < first || i >= last) && tokens[i]!.label === 'word') sink.set('sent', lower[i]!, SENTENCE_WORD_WEIGHT);
      if (ctx.text.slice(sentence.start, sentence.end).trimEnd().endsWith('?')) sink.set('sentence', 'question');
      if (s0 <= 1) sink.set('position', 'headline or lede');
    }
  }

  // repetition: the same words elsewhere in the article
  const spanText = options.lowerText.slice(start, end).trim();
  const occurrences = countOccurrences(options.lowerText, spanText);
  if (occurrences >= 2) {
    sink.set('repeated', `${occurrences >= 4 ? '4+' : occurrences} times in article`);
    sink.set('repeated×len', `${len} words`);
  }
  if (occurrences >= 2 && options.lowerText.indexOf(spanText) < start) sink.set('repeated', 'seen earlier');
  let maxWord = 0;
  for (const w of words) if (w.length > 3) maxWord = Math.max(maxWord, ctx.wordCount.get(w) ?? 0);
  if (maxWord >= 3) sink.set('word repeated', `${maxWord >= 6 ? '6+' : '3-5'} times`);

  // lexicon classes of the span's words
  if (options.lexicons) {
    for (const w of words) {
      for (const cls of options.lexicons.classesOf(w)) sink.add('lex', cls);
    }
  }
  const raw = ctx.text.slice(start, end);
  if (raw.includes('!')) sink.set('has', '!');
  if (raw.includes('?')) sink.set('has', '?');
}
