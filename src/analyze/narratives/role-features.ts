/**
 * Features of an entity mention for its role (protagonist, antagonist,
 * innocent and the fine roles): the entity's own words, the words right
 * before and after it and a little further, the words of its sentence, and
 * the words around the entity's other mentions in the article (an article
 * frames one entity the same way throughout, and the clearest framing is
 * often elsewhere). For inflecting languages, word beginnings stand in for
 * words, so that cases and genders share evidence.
 */
import type { FeatureSink } from '../../learn/features.ts';
import type { Token } from '../../text/tokenize.ts';
import { inflecting, tokenKey } from './features.ts';

export interface MentionContext {
  text: string;
  tokens: readonly Token[];
  /** Lower-cased key of each token (undefined for punctuation and symbols). */
  keys: (string | undefined)[];
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  /** First and last+1 token of each sentence. */
  sentenceTokens: [number, number][];
  language: string;
  /** Mentions of each entity text (lower-cased) in the article: token ranges [first, last+1). */
  mentionsOf: Map<string, [number, number][]>;
  /** End of the first line (the title). */
  titleEnd: number;
}

const NEAR = 3;
const FAR = 8;
const STEM = 5;

/** What every mention of an article shares: tokens, keys, sentences. */
export function mentionContext(text: string, tokens: readonly Token[], sentences: readonly { start: number; end: number }[], language: string): MentionContext {
  const keys = tokens.map((t) => tokenKey(text, t));
  const sentenceOf = new Int32Array(tokens.length);
  const sentenceTokens: [number, number][] = sentences.map(() => [0, 0]);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (s + 1 < sentences.length && sentences[s]!.end <= tokens[i]!.start) s++;
    sentenceOf[i] = s;
  }
  for (let i = tokens.length - 1; i >= 0; i--) sentenceTokens[sentenceOf[i]!] = [i, sentenceTokens[sentenceOf[i]!]![1] || i + 1];
  const nl = text.indexOf('\n');
  return { text, tokens, keys, sentenceOf, sentenceTokens, language, mentionsOf: new Map(), titleEnd: nl < 0 ? text.length : nl };
}

/** Token range [first, last+1) covering UTF-16 [start, end). */
export function tokenRange(tokens: readonly Token[], start: number, end: number): [number, number] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < tokens.length && tokens[last]!.start < end) last++;
  return [lo, Math.max(last, lo)];
}

/** Registers the mentions of an article, so each one also sees the others of the same entity. */
export function addMentions(ctx: MentionContext, mentions: readonly { start: number; end: number }[]): void {
  for (const m of mentions) {
    const key = entityKey(ctx.text.slice(m.start, m.end));
    const range = tokenRange(ctx.tokens, m.start, m.end);
    const list = ctx.mentionsOf.get(key) ?? [];
    if (!list.some(([a, b]) => a === range[0] && b === range[1])) list.push(range);
    ctx.mentionsOf.set(key, list);
  }
}

function entityKey(surface: string): string {
  return surface.toLowerCase().replace(/\s+/g, ' ').trim();
}

function word(ctx: MentionContext, i: number, subword: boolean): string | undefined {
  const k = ctx.keys[i];
  if (k === undefined) return undefined;
  return subword && k.length > STEM ? k.slice(0, STEM) : k;
}

/** The context of one occurrence, written under `prefix` (`` for the mention itself, `o` for the entity's other mentions). */
function emitWindow(ctx: MentionContext, first: number, last: number, prefix: string, value: number, sink: FeatureSink): void {
  const subword = inflecting(ctx.language);
  // the entity's other mentions add up; the mention's own words count once
  const put = prefix === '' ? (t: string, k: string, v: number) => sink.set(t, k, v) : (t: string, k: string, v: number) => sink.add(t, k, v);
  let seen = 0;
  for (let i = first - 1; i >= 0 && seen < FAR; i--) {
    const w = word(ctx, i, subword);
    if (w === undefined) {
      if (seen === 0 && ctx.tokens[i]!.label === 'punct') put(`${prefix}lp`, ctx.text.slice(ctx.tokens[i]!.start, ctx.tokens[i]!.end), value);
      continue;
    }
    seen++;
    if (seen === 1) put(`${prefix}l1`, w, value);
    put(seen <= NEAR ? `${prefix}L` : `${prefix}LL`, w, value);
  }
  seen = 0;
  for (let i = last; i < ctx.tokens.length && seen < FAR; i++) {
    const w = word(ctx, i, subword);
    if (w === undefined) {
      if (seen === 0 && ctx.tokens[i]!.label === 'punct') put(`${prefix}rp`, ctx.text.slice(ctx.tokens[i]!.start, ctx.tokens[i]!.end), value);
      continue;
    }
    seen++;
    if (seen === 1) put(`${prefix}r1`, w, value);
    put(seen <= NEAR ? `${prefix}R` : `${prefix}RR`, w, value);
  }
  const s = ctx.sentenceOf[Math.min(first, ctx.tokens.length - 1)] ?? 0;
  const [from, to] = ctx.sentenceTokens[s] ?? [0, 0];
  for (let i = from; i < to; i++) {
    if (i >= first && i < last) continue;
    const w = word(ctx, i, subword);
    if (w !== undefined) put(`${prefix}S`, w, value * 0.5);
  }
}

/** Writes the features of the mention [start, end) (UTF-16) into `sink`. */
export function emitMentionFeatures(ctx: MentionContext, start: number, end: number, sink: FeatureSink): void {
  const [first, last] = tokenRange(ctx.tokens, start, end);
  sink.set('lang', ctx.language);
  const subword = inflecting(ctx.language);
  const surface = entityKey(ctx.text.slice(start, end));
  sink.set('E', surface);
  for (let i = first; i < last; i++) {
    const w = word(ctx, i, subword);
    if (w !== undefined) sink.set('e', w);
  }
  if (start < ctx.titleEnd) sink.set('pos', 'in title');
  const others = (ctx.mentionsOf.get(surface) ?? []).filter(([a]) => a !== first);
  const n = others.length + 1;
  sink.set('count', n === 1 ? '1' : n <= 3 ? '2-3' : n <= 6 ? '4-6' : '7+');
  emitWindow(ctx, first, last, '', 1, sink);
  // the other mentions, together worth about one mention
  const share = others.length ? Math.min(0.5, 1 / others.length) : 0;
  for (const [a, b] of others) emitWindow(ctx, a, b, 'o', share, sink);
}
