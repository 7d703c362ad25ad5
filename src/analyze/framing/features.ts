/**
 * Features of a whole article for genre and frame classification: its words
 * and word bigrams on a log scale (an article that says "court" twenty times
 * is about the law, but not twenty times more than one that says it five
 * times), word endings for the languages whose endings carry meaning, and
 * style measures that separate reporting from opinion and satire in any
 * language: how much of the text is quoted, how many questions and
 * exclamations, first- and second-person address, sentence length. The bag
 * is scaled to unit length so that long and short articles weigh alike.
 */
import type { FeatureBag } from '../../learn/features.ts';
import { tokenize } from '../../text/tokenize.ts';

const FIRST_PERSON = new Set(['i', 'me', 'my', 'we', 'us', 'our', 'je', 'nous', 'ich', 'wir', 'io', 'noi', 'ja', 'my', 'я', 'мы', 'мне', 'нас', 'наш']);
const SECOND_PERSON = new Set(['you', 'your', 'vous', 'tu', 'du', 'ihr', 'sie', 'voi', 'ty', 'wy', 'ты', 'вы', 'вам', 'ваш']);
const QUOTES = /["“”«»„]/gu;

function bin(x: number, edges: readonly number[]): string {
  let i = 0;
  while (i < edges.length && x > edges[i]!) i++;
  return i === 0 ? `≤${edges[0]}` : i === edges.length ? `>${edges[edges.length - 1]}` : `${edges[i - 1]}-${edges[i]}`;
}

export function articleBag(text: string): FeatureBag {
  const counts = new Map<string, number>();
  const add = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  let prev = '<s>';
  let words = 0;
  let first = 0;
  let second = 0;
  let sentences = 0;
  for (const t of tokenize(text)) {
    const raw = text.slice(t.start, t.end);
    const w = t.label === 'number' ? '<num>' : raw.toLowerCase();
    if (t.label === 'punct' && /^[.!?]+$/.test(raw)) sentences++;
    if (t.label !== 'word' && t.label !== 'number') {
      prev = '<p>';
      continue;
    }
    add(`w=${w}`);
    add(`b=${prev} ${w}`);
    prev = w;
    if (t.label !== 'word') continue;
    words++;
    if (w.length >= 7) add(`suf=${w.slice(-4)}`);
    if (FIRST_PERSON.has(w)) first++;
    if (SECOND_PERSON.has(w)) second++;
  }
  const bag: FeatureBag = new Map();
  let norm = 0;
  for (const [name, c] of counts) {
    const v = 1 + Math.log(c);
    bag.set(name, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [name, v] of bag) bag.set(name, v / norm);
  // style: a few dense features at full weight, beside the unit-length words
  const per1000 = (n: number) => (words > 0 ? (1000 * n) / words : 0);
  const quoteMarks = (text.match(QUOTES) ?? []).length;
  bag.set(`style:quotes/1000w=${bin(per1000(quoteMarks), [2, 8, 20, 40])}`, 1);
  bag.set(`style:first-person/1000w=${bin(per1000(first), [2, 8, 20])}`, 1);
  bag.set(`style:second-person/1000w=${bin(per1000(second), [1, 5, 15])}`, 1);
  bag.set(`style:questions/1000w=${bin(per1000((text.match(/\?/g) ?? []).length), [0, 2, 6])}`, 1);
  bag.set(`style:exclamations/1000w=${bin(per1000((text.match(/!/g) ?? []).length), [0, 2, 6])}`, 1);
  bag.set(`style:words/sentence=${bin(sentences > 0 ? words / sentences : words, [12, 18, 25, 35])}`, 1);
  bag.set(`style:length=${bin(words, [150, 400, 800, 1500])}`, 1);
  return bag;
}
