/**
 * Features for span identification, one bag per token: the word, its shape
 * and lexicon classes, its neighbours, where it sits (quotes, sentence
 * edges, headline), whether the article repeats it, and how propagandistic
 * its whole sentence looks (the sentence model's score, bucketed).
 */
import { BagSink, type FeatureBag, type FeatureSink } from '../../learn/features.ts';
import type { ArticleContext } from './context.ts';
import type { Lexicons } from './lexicons.ts';

const OPEN_QUOTES = new Set(['“', '«', '‘']);
const CLOSE_QUOTES = new Set(['”', '»', '’']);

/**
 * Whether each token is inside quotation marks. Straight quotes toggle; the
 * state resets at every line break, so one stray mark cannot flip the rest
 * of the article.
 */
export function quoteState(ctx: ArticleContext): Uint8Array {
  const inside = new Uint8Array(ctx.tokens.length);
  let open = false;
  for (let i = 0; i < ctx.tokens.length; i++) {
    if (i > 0 && ctx.text.slice(ctx.tokens[i - 1]!.end, ctx.tokens[i]!.start).includes('\n')) open = false;
    const w = ctx.lower[i]!;
    if (w === '"') open = !open;
    else if (OPEN_QUOTES.has(w)) open = true;
    else if (CLOSE_QUOTES.has(w) && !(w === '’' && i > 0 && ctx.tokens[i - 1]!.end === ctx.tokens[i]!.start && ctx.tokens[i - 1]!.label === 'word' && i + 1 < ctx.tokens.length && ctx.tokens[i + 1]!.start === ctx.tokens[i]!.end)) open = false;
    inside[i] = open ? 1 : 0;
  }
  return inside;
}

function shape(raw: string): string {
  if (/^\p{Lu}+$/u.test(raw)) return raw.length > 1 ? 'ALLCAPS' : 'Cap';
  if (/^\p{Lu}/u.test(raw)) return 'Cap';
  if (/^\p{Ll}/u.test(raw)) return 'low';
  if (/^\p{N}/u.test(raw)) return 'num';
  return 'punct';
}

export interface TokenFeatureOptions {
  lexicons?: Lexicons;
  /** Sentence model scores per sentence (probabilities), when stacking. */
  sentenceScore?: Float64Array;
}

/** What one article's tokens share while their features are written. */
export interface TokenFeatureState {
  ctx: ArticleContext;
  quotes: Uint8Array;
  options: TokenFeatureOptions;
}

export function tokenFeatureState(ctx: ArticleContext, options: TokenFeatureOptions): TokenFeatureState {
  return { ctx, quotes: quoteState(ctx), options };
}

function word(ctx: ArticleContext, i: number): string {
  return i < 0 ? '<s>' : i >= ctx.tokens.length ? '</s>' : ctx.tokens[i]!.label === 'number' ? '<num>' : ctx.lower[i]!;
}

/** Writes the features of token `i` into `sink`. */
export function emitTokenFeatures(state: TokenFeatureState, i: number, sink: FeatureSink): void {
  const { ctx, quotes, options } = state;
  const { tokens, text } = ctx;
  const w = word(ctx, i);
  const prev = word(ctx, i - 1);
  const next = word(ctx, i + 1);
  sink.set('w', w);
  sink.set('shape', shape(text.slice(tokens[i]!.start, tokens[i]!.end)));
  if (w.length >= 6) sink.set('suffix', `-${w.slice(-4)}`);
  sink.set('prev', prev);
  sink.set('next', next);
  sink.pair('bigram', prev, w);
  sink.pair('bigram+', w, next);
  if (options.lexicons) {
    for (const c of options.lexicons.classesOf(w)) sink.set('lex', c);
    for (const c of options.lexicons.classesOf(prev)) sink.set('prev lex', c);
    for (const c of options.lexicons.classesOf(next)) sink.set('next lex', c);
  }
  if (quotes[i]) sink.set('flag', 'inside quotes');
  const s = ctx.sentenceOf[i]!;
  if (s === 0) sink.set('flag', 'in headline');
  if (i === 0 || ctx.sentenceOf[i - 1] !== s) sink.set('flag', 'sentence start');
  if (i + 1 === tokens.length || ctx.sentenceOf[i + 1] !== s) sink.set('flag', 'sentence end');
  const count = tokens[i]!.label === 'word' && w.length > 3 ? (ctx.wordCount.get(w) ?? 0) : 0;
  if (count >= 3) sink.set('word repeated', `${count >= 6 ? '6+' : '3-5'} times`);
  if (options.sentenceScore) {
    const p = options.sentenceScore[s] ?? 0;
    sink.set('sentence score', p >= 0.8 ? '≥0.8' : p >= 0.6 ? '0.6-0.8' : p >= 0.4 ? '0.4-0.6' : p >= 0.2 ? '0.2-0.4' : '<0.2');
    sink.set('sentence score', 'value', p);
  }
  sink.set('flag', 'bias');
}

/** Feature bags of every token, for training. */
export function tokenFeatures(ctx: ArticleContext, options: TokenFeatureOptions): FeatureBag[] {
  const state = tokenFeatureState(ctx, options);
  return ctx.tokens.map((_, i) => {
    const sink = new BagSink();
    emitTokenFeatures(state, i, sink);
    return sink.bag;
  });
}

/** Features of a whole sentence for the sentence model: its words, bigrams, punctuation and lexicon classes. */
export function emitSentenceFeatures(ctx: ArticleContext, sentence: number, first: number, last: number, lexicons: Lexicons | undefined, sink: FeatureSink): void {
  const { tokens, lower } = ctx;
  let prev = '<s>';
  let words = 0;
  for (let i = first; i < last; i++) {
    const w = tokens[i]!.label === 'number' ? '<num>' : lower[i]!;
    sink.set('w', w);
    sink.pair('b', prev, w);
    prev = w;
    if (tokens[i]!.label === 'word') words++;
    if (lexicons) for (const c of lexicons.classesOf(w)) sink.add('lex', c);
  }
  sink.pair('b', prev, '</s>');
  sink.set('len', `${words <= 5 ? '≤5' : words <= 12 ? '6-12' : words <= 25 ? '13-25' : '>25'} words`);
  if (sentence === 0) sink.set('flag', 'headline');
}

export function sentenceFeatures(ctx: ArticleContext, sentence: number, first: number, last: number, options: { lexicons?: Lexicons }): FeatureBag {
  const sink = new BagSink();
  emitSentenceFeatures(ctx, sentence, first, last, options.lexicons, sink);
  return sink.bag;
}
