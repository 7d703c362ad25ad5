/**
 * Features of a paragraph for multi-label technique classification: its
 * words and word bigrams, word endings (which carry much of the meaning in
 * Russian or Polish), lexicon classes where the language has them, length,
 * and quotes, questions and exclamations.
 */
import type { FeatureBag } from '../../learn/features.ts';
import { tokenize } from '../../text/tokenize.ts';
import type { Lexicons } from './lexicons.ts';

export function paragraphFeatures(text: string, lexicons?: Lexicons): FeatureBag {
  const bag: FeatureBag = new Map();
  let prev = '<s>';
  let words = 0;
  for (const t of tokenize(text)) {
    const w = t.label === 'number' ? '<num>' : text.slice(t.start, t.end).toLowerCase();
    bag.set(`w=${w}`, 1);
    bag.set(`b=${prev} ${w}`, 1);
    prev = w;
    if (t.label !== 'word') continue;
    words++;
    if (w.length >= 6) bag.set(`suffix=-${w.slice(-4)}`, 1);
    if (lexicons) for (const c of lexicons.classesOf(w)) bag.set(`lex=${c}`, (bag.get(`lex=${c}`) ?? 0) + 1);
  }
  bag.set(`len=${words <= 5 ? '≤5' : words <= 15 ? '6-15' : words <= 30 ? '16-30' : words <= 60 ? '31-60' : '>60'} words`, 1);
  if (/["“”«»„]/u.test(text)) bag.set('has=quote', 1);
  if (text.includes('?')) bag.set('has=?', 1);
  if (text.includes('!')) bag.set('has=!', 1);
  return bag;
}
