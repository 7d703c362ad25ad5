/**
 * Features of a paragraph for multi-label technique classification: its
 * words and word bigrams, word endings (which carry much of the meaning in
 * Russian or Polish), lexicon classes where the language has them, length,
 * and quotes, questions and exclamations.
 */
import { BagSink, type FeatureBag, type FeatureSink } from '../../learn/features.ts';
import { tokenize } from '../../text/tokenize.ts';
import type { Lexicons } from './lexicons.ts';

export function paragraphFeatures(text: string, lexicons?: Lexicons): FeatureBag {
  const sink = new BagSink();
  emitParagraphFeatures(text, lexicons, sink);
  return sink.bag;
}

export function emitParagraphFeatures(text: string, lexicons: Lexicons | undefined, sink: FeatureSink): void {
  let prev = '<s>';
  let words = 0;
  for (const t of tokenize(text)) {
    const w = t.label === 'number' ? '<num>' : text.slice(t.start, t.end).toLowerCase();
    sink.set('w', w);
    sink.pair('b', prev, w);
    prev = w;
    if (t.label !== 'word') continue;
    words++;
    if (w.length >= 6) sink.set('suffix', `-${w.slice(-4)}`);
    if (lexicons) for (const c of lexicons.classesOf(w)) sink.add('lex', c);
  }
  sink.set('len', `${words <= 5 ? '≤5' : words <= 15 ? '6-15' : words <= 30 ? '16-30' : words <= 60 ? '31-60' : '>60'} words`);
  if (/["“”«»„]/u.test(text)) sink.set('has', 'quote');
  if (text.includes('?')) sink.set('has', '?');
  if (text.includes('!')) sink.set('has', '!');
}
