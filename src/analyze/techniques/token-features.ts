/**
 * Features for span identification, one bag per token: the word, its shape
 * and lexicon classes, its neighbours, where it sits (quotes, sentence
 * edges, headline), whether the article repeats it, and how propagandistic
 * its whole sentence looks (the sentence model's score, bucketed).
 */
import type { FeatureBag } from '../../learn/features.ts';
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

export function tokenFeatures(ctx: ArticleContext, options: TokenFeatureOptions): FeatureBag[] {
  const { tokens, lower, text } = ctx;
  const quotes = quoteState(ctx);
  const bags: FeatureBag[] = [];
  const word = (i: number) => (i < 0 ? '<s>' : i >= tokens.length ? '</s>' : tokens[i]!.label === 'number' ? '<num>' : lower[i]!);
  for (let i = 0; i < tokens.length; i++) {
    const bag: FeatureBag = new Map();
    const w = word(i);
    const raw = text.slice(tokens[i]!.start, tokens[i]!.end);
    bag.set(`w=${w}`, 1);
    bag.set(`shape=${shape(raw)}`, 1);
    if (w.length >= 6) bag.set(`suffix=-${w.slice(-4)}`, 1);
    bag.set(`prev=${word(i - 1)}`, 1);
    bag.set(`next=${word(i + 1)}`, 1);
    bag.set(`prev2=${word(i - 2)} ${word(i - 1)}`, 1);
    bag.set(`next2=${word(i + 1)} ${word(i + 2)}`, 1);
    bag.set(`bigram=${word(i - 1)} ${w}`, 1);
    bag.set(`bigram+=${w} ${word(i + 1)}`, 1);
    if (options.lexicons) {
      for (const c of options.lexicons.classesOf(w)) bag.set(`lex=${c}`, 1);
      for (const c of options.lexicons.classesOf(word(i - 1))) bag.set(`prev lex=${c}`, 1);
      for (const c of options.lexicons.classesOf(word(i + 1))) bag.set(`next lex=${c}`, 1);
    }
    if (quotes[i]) bag.set('inside quotes', 1);
    const s = ctx.sentenceOf[i]!;
    if (s === 0) bag.set('in headline', 1);
    if (i === 0 || ctx.sentenceOf[i - 1] !== s) bag.set('sentence start', 1);
    if (i + 1 === tokens.length || ctx.sentenceOf[i + 1] !== s) bag.set('sentence end', 1);
    const count = tokens[i]!.label === 'word' && w.length > 3 ? (ctx.wordCount.get(w) ?? 0) : 0;
    if (count >= 3) bag.set(`word repeated=${count >= 6 ? '6+' : '3-5'} times`, 1);
    if (options.sentenceScore) {
      const p = options.sentenceScore[s] ?? 0;
      const b = p >= 0.8 ? '≥0.8' : p >= 0.6 ? '0.6-0.8' : p >= 0.4 ? '0.4-0.6' : p >= 0.2 ? '0.2-0.4' : '<0.2';
      bag.set(`sentence score=${b}`, 1);
      bag.set('sentence score', p);
    }
    bag.set('bias', 1);
    bags.push(bag);
  }
  return bags;
}

/** Features of a whole sentence for the sentence model: its words, bigrams, punctuation and lexicon classes. */
export function sentenceFeatures(ctx: ArticleContext, sentence: number, first: number, last: number, options: { lexicons?: Lexicons }): FeatureBag {
  const bag: FeatureBag = new Map();
  const { tokens, lower } = ctx;
  let prev = '<s>';
  let words = 0;
  for (let i = first; i < last; i++) {
    const w = tokens[i]!.label === 'number' ? '<num>' : lower[i]!;
    bag.set(`w=${w}`, 1);
    bag.set(`b=${prev} ${w}`, 1);
    prev = w;
    if (tokens[i]!.label === 'word') words++;
    if (options.lexicons) for (const c of options.lexicons.classesOf(w)) bag.set(`lex=${c}`, (bag.get(`lex=${c}`) ?? 0) + 1);
  }
  bag.set(`b=${prev} </s>`, 1);
  bag.set(`len=${words <= 5 ? '≤5' : words <= 12 ? '6-12' : words <= 25 ? '13-25' : '>25'} words`, 1);
  if (sentence === 0) bag.set('headline', 1);
  return bag;
}
