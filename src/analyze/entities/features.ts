/**
 * Token features of the entity recogniser: the word and its shape,
 * capitalisation, affixes, its neighbours, where it stands in its sentence,
 * whether the article writes it in lower case elsewhere, gazetteer matches
 * (country, city, region, demonym, organisation) and title words before it
 * ("President", "spokesman"). Written through a FeatureSink, so training
 * (hashed vectors) and analysis share one extractor.
 */
import type { FeatureSink } from '../../learn/features.ts';
import type { ArticleContext } from '../techniques/context.ts';
import { CITIES, COUNTRIES, DEMONYMS, FIRST_NAMES, ORGANISATIONS, REGIONS, TITLES } from './gazetteers.ts';
import { tokenize } from '../../text/tokenize.ts';

/** Entries of a gazetteer as token sequences (our tokenizer), found by their first token. */
export class Gazetteer {
  private readonly byFirst = new Map<string, { tokens: string[]; kind: string }[]>();

  add(kind: string, names: readonly string[]): this {
    for (const name of names) {
      const tokens = tokenize(name).map((t) => name.slice(t.start, t.end));
      if (tokens.length === 0) continue;
      const key = tokens[0]!;
      let list = this.byFirst.get(key);
      if (!list) this.byFirst.set(key, (list = []));
      list.push({ tokens, kind });
      list.sort((a, b) => b.tokens.length - a.tokens.length);
    }
    return this;
  }

  /** For each token, the gazetteer tags on it: `kind:B` / `kind:I` of the longest match of each kind starting at a token. */
  tag(forms: readonly string[]): string[][] {
    const out: string[][] = forms.map(() => []);
    for (let i = 0; i < forms.length; i++) {
      const list = this.byFirst.get(forms[i]!);
      if (!list) continue;
      const done = new Set<string>();
      for (const e of list) {
        if (done.has(e.kind)) continue;
        if (i + e.tokens.length > forms.length) continue;
        let ok = true;
        for (let k = 1; k < e.tokens.length; k++) {
          if (forms[i + k] !== e.tokens[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        done.add(e.kind);
        out[i]!.push(`${e.kind}:B`);
        for (let k = 1; k < e.tokens.length; k++) out[i + k]!.push(`${e.kind}:I`);
      }
    }
    return out;
  }
}

let shared: Gazetteer | undefined;

/** The gazetteers of gazetteers.ts, built once. */
export function gazetteer(): Gazetteer {
  shared ??= new Gazetteer()
    .add('country', COUNTRIES)
    .add('city', CITIES)
    .add('region', REGIONS)
    .add('demonym', DEMONYMS)
    .add('org', ORGANISATIONS)
    .add('title', TITLES)
    .add('given', FIRST_NAMES);
  return shared;
}

const TITLE_LOWER = new Set(TITLES.map((t) => t.toLowerCase()));

/** Compressed shape: runs of one class collapse ("Xx", "X.X.", "d", "x-x"). */
export function wordShape(form: string): string {
  let out = '';
  let last = '';
  for (const ch of form) {
    let c: string;
    if (ch >= 'a' && ch <= 'z') c = 'x';
    else if (ch >= 'A' && ch <= 'Z') c = 'X';
    else if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch.toLowerCase() !== ch) c = 'X';
    else if (ch.toUpperCase() !== ch) c = 'x';
    else c = ch;
    if (c !== last) out += c;
    last = c;
    if (out.length >= 6) break;
  }
  return out;
}

const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;

/** What the features of every token of one article need, computed once. */
export interface EntityState {
  ctx: ArticleContext;
  forms: string[];
  shapes: string[];
  gaz: string[][];
  /** Token is the first word of its sentence (after opening punctuation). */
  initial: Uint8Array;
  /** Lower-cased words the article writes in lower case somewhere. */
  lowerSeen: Set<string>;
  /** Lower-cased words the article capitalises somewhere not sentence-initial. */
  capSeen: Set<string>;
  /** [first, last] token of the run of capitalised words (with "of", "de", "-" … inside) a token is in; -1 outside. */
  runFirst: Int32Array;
  runLast: Int32Array;
}

export function entityState(ctx: ArticleContext): EntityState {
  const forms = ctx.tokens.map((t) => ctx.text.slice(t.start, t.end));
  const shapes = forms.map(wordShape);
  const gaz = gazetteer().tag(forms);
  const initial = new Uint8Array(forms.length);
  let seenWord = -1;
  for (let i = 0; i < forms.length; i++) {
    const s = ctx.sentenceOf[i]!;
    if (seenWord !== s && ctx.tokens[i]!.label !== 'punct') {
      initial[i] = 1;
      seenWord = s;
    }
  }
  const lowerSeen = new Set<string>();
  const capSeen = new Set<string>();
  for (let i = 0; i < forms.length; i++) {
    const f = forms[i]!;
    if (ctx.tokens[i]!.label !== 'word') continue;
    if (!UPPER_START.test(f)) lowerSeen.add(ctx.lower[i]!);
    else if (!initial[i] && HAS_LOWER.test(f)) capSeen.add(ctx.lower[i]!);
  }
  const runFirst = new Int32Array(forms.length).fill(-1);
  const runLast = new Int32Array(forms.length).fill(-1);
  const isCap = (i: number) => ctx.tokens[i]!.label === 'word' && UPPER_START.test(forms[i]!);
  for (let i = 0; i < forms.length; ) {
    if (!isCap(i)) {
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      if (j + 1 < forms.length && ctx.sentenceOf[j + 1] === ctx.sentenceOf[i] && isCap(j + 1)) j++;
      else if (j + 2 < forms.length && ctx.sentenceOf[j + 2] === ctx.sentenceOf[i] && RUN_GLUE.has(ctx.lower[j + 1]!) && isCap(j + 2)) j += 2;
      else break;
    }
    for (let k = i; k <= j; k++) {
      runFirst[k] = i;
      runLast[k] = j;
    }
    i = j + 1;
  }
  return { ctx, forms, shapes, gaz, initial, lowerSeen, capSeen, runFirst, runLast };
}

/** Words that may join the capitalised words of one name ("Bank of England", "-"). */
const RUN_GLUE = new Set(['of', 'de', 'del', 'la', 'van', 'von', 'der', 'du', 'al', 'bin', '&', '-']);

function neighbour(st: EntityState, i: number, d: number): number {
  const j = i + d;
  if (j < 0 || j >= st.forms.length) return -1;
  return st.ctx.sentenceOf[j] === st.ctx.sentenceOf[i] ? j : -1;
}

/**
 * Features of token i. `lexical: false` leaves out the token's own word
 * (training drops it at random, so that the model also learns what names
 * look like from their shape and context, not only which names it saw).
 */
export function emitEntityFeatures(sink: FeatureSink, st: EntityState, i: number, lexical = true): void {
  const { forms, shapes, gaz, ctx } = st;
  const form = forms[i]!;
  const low = ctx.lower[i]!;
  const shape = shapes[i]!;
  const cap = UPPER_START.test(form);
  sink.set('b', '');
  if (lexical) {
    sink.set('w', low);
    sink.set('f', form);
  }
  sink.set('shape', shape);
  const n = low.length;
  if (n > 2) {
    sink.set('p2', low.slice(0, 2));
    sink.set('p3', low.slice(0, 3));
    sink.set('s2', low.slice(-2));
    sink.set('s3', low.slice(-3));
    if (n > 4) sink.set('s4', low.slice(-4));
  }
  const init = st.initial[i] === 1;
  if (init) sink.set('init', shape);
  if (cap) {
    if (st.lowerSeen.has(low)) sink.set('cap', init ? 'init-lowerseen' : 'lowerseen');
    else sink.set('cap', init ? 'init-neverlower' : 'neverlower');
    if (init && st.capSeen.has(low)) sink.set('cap', 'init-capseen');
  }
  if (n > 12) sink.set('len', 'long');
  for (const g of gaz[i]!) sink.set('gaz', g);

  const p1 = neighbour(st, i, -1);
  const p2 = neighbour(st, i, -2);
  const n1 = neighbour(st, i, 1);
  const n2 = neighbour(st, i, 2);
  const wp1 = p1 < 0 ? '<s>' : ctx.lower[p1]!;
  const wn1 = n1 < 0 ? '</s>' : ctx.lower[n1]!;
  sink.set('w-1', wp1);
  sink.set('w+1', wn1);
  sink.set('w-2', p2 < 0 ? '<s>' : ctx.lower[p2]!);
  sink.set('w+2', n2 < 0 ? '</s>' : ctx.lower[n2]!);
  if (lexical) {
    sink.pair('w-1w', wp1, low);
    sink.pair('ww+1', low, wn1);
  }
  sink.pair('sh', p1 < 0 ? '<s>' : shapes[p1]!, shape);
  sink.pair('sh+', shape, n1 < 0 ? '</s>' : shapes[n1]!);
  if (p1 >= 0) {
    for (const g of gaz[p1]!) sink.set('gaz-1', g);
    if (TITLE_LOWER.has(ctx.lower[p1]!) && cap) sink.set('after-title', '');
  }
  if (n1 >= 0) for (const g of gaz[n1]!) sink.set('gaz+1', g);
  // the run of capitalised words the token is in, so that every word of a name sees all of it
  const rf = st.runFirst[i]!;
  if (rf >= 0) {
    const rl = st.runLast[i]!;
    const pos = rf === rl ? 'S' : i === rf ? 'B' : i === rl ? 'E' : 'I';
    sink.set('run', `${pos}${Math.min(rl - rf + 1, 4)}`);
    sink.set('run-last', ctx.lower[rl]!);
    if (rl > rf) for (let k = rf; k <= rl; k++) for (const g of gaz[k]!) if (g.endsWith(':B')) sink.set('run-gaz', g);
  }
  if (p2 >= 0 && TITLE_LOWER.has(ctx.lower[p2]!) && cap) sink.set('after-title2', '');
}

/** Types whose marginals the second pass reads (the model's types, in order). */
const STACK_TYPES = ['PERSON', 'ORG', 'PLACE', 'EVENT', 'MISC'];

/**
 * Per-token type marginals of the first pass (P(B-X) + P(I-X)), rows of
 * STACK_TYPES.length, and their mean over every occurrence of the same
 * capitalised word in the article: what the article as a whole says the
 * word is ("Athens" a place, "Byron" a person).
 */
export interface StackState {
  marginals: Float64Array;
  docMean: Map<string, Float64Array>;
}

export function stackState(st: EntityState, probs: Float64Array, K: number): StackState {
  const T = STACK_TYPES.length;
  const n = st.forms.length;
  const marginals = new Float64Array(n * T);
  for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) marginals[i * T + t] = probs[i * K + 1 + 2 * t]! + probs[i * K + 2 + 2 * t]!;
  const sums = new Map<string, Float64Array>();
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!UPPER_START.test(st.forms[i]!)) continue;
    const key = st.ctx.lower[i]!;
    let s = sums.get(key);
    if (!s) sums.set(key, (s = new Float64Array(T)));
    for (let t = 0; t < T; t++) s[t] = s[t]! + marginals[i * T + t]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, s] of sums) {
    const c = counts.get(key)!;
    for (let t = 0; t < T; t++) s[t] = s[t]! / c;
  }
  return { marginals, docMean: sums };
}

/** Second-pass features of token i: first-pass marginals around it and over the article. */
export function emitStackFeatures(sink: FeatureSink, st: EntityState, ss: StackState, i: number): void {
  const T = STACK_TYPES.length;
  for (const d of [-1, 0, 1]) {
    const j = d === 0 ? i : neighbour(st, i, d);
    if (j < 0) continue;
    for (let t = 0; t < T; t++) {
      const m = ss.marginals[j * T + t]!;
      if (m > 0.05) sink.set(`p1${d}`, STACK_TYPES[t]!, m);
    }
  }
  if (UPPER_START.test(st.forms[i]!)) {
    const mean = ss.docMean.get(st.ctx.lower[i]!);
    if (mean) {
      let total = 0;
      for (let t = 0; t < T; t++) {
        total += mean[t]!;
        if (mean[t]! > 0.05) sink.set('doc', STACK_TYPES[t]!, mean[t]!);
      }
      sink.set('doc', 'O', 1 - total);
    }
  }
}
