/**
 * The named-entity recogniser at analysis time: a linear model over hashed
 * token features gives each token a softmax over BIO × types, and Viterbi
 * decoding (I-X only after B-X or I-X) turns the token labels into spans.
 * Offsets are UTF-16.
 */
import { fileURLToPath } from 'node:url';
import { HashedSink } from '../../learn/hashing.ts';
import { logitsInto, type LinearWeights } from '../../learn/linear.ts';
import { readModelFile, unpackHashed, type StoredHashedLinear } from '../../learn/model-file.ts';
import { tokensIn, type ArticleContext } from '../techniques/context.ts';
import { emitEntityFeatures, emitStackFeatures, entityState, gazetteer, stackState, type EntityState } from './features.ts';

export const ENTITY_MODEL_NAME = 'spinscope-entities';

/** Types the recogniser can tag; MISC (other named things) is learnt but never reported. */
export const ENTITY_TYPES = ['PERSON', 'ORG', 'PLACE', 'EVENT', 'MISC'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
/** Types `recognize` reports. */
export type ReportedEntityType = Exclude<EntityType, 'MISC'>;

/** Classes of the token model: O, then B-X and I-X for each type. */
export const ENTITY_CLASSES: string[] = ['O', ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];

export interface RecognizedEntity {
  start: number;
  end: number;
  type: ReportedEntityType;
  /** Mean probability of the span's token labels. */
  score: number;
}

export interface StoredEntityModel {
  /** First pass: token features. */
  tokens: StoredHashedLinear;
  /** Second pass: token features plus the first pass's marginals around the token and over the article. */
  stacked?: StoredHashedLinear;
}

export function defaultEntityModelPath(): string {
  return fileURLToPath(new URL('../../../models/entities.json.gz', import.meta.url));
}

/** Allowed transitions: I-X only after B-X or I-X. */
function allowed(prev: number, next: number): boolean {
  if (next === 0 || next % 2 === 1) return true; // O or B-X
  return prev === next || prev === next - 1;
}

/**
 * Viterbi over per-token log-probabilities (rows of `K` in `logp`) of one
 * sentence; returns the best class of each token.
 */
export function viterbi(logp: Float64Array, n: number, K: number): Int32Array {
  const out = new Int32Array(n);
  if (n === 0) return out;
  const score = new Float64Array(n * K).fill(-Infinity);
  const back = new Int32Array(n * K);
  for (let k = 0; k < K; k++) if (allowed(0, k)) score[k] = logp[k]!;
  for (let t = 1; t < n; t++) {
    for (let k = 0; k < K; k++) {
      let best = -Infinity;
      let arg = 0;
      for (let j = 0; j < K; j++) {
        if (!allowed(j, k)) continue;
        const s = score[(t - 1) * K + j]!;
        if (s > best) {
          best = s;
          arg = j;
        }
      }
      score[t * K + k] = best + logp[t * K + k]!;
      back[t * K + k] = arg;
    }
  }
  let best = -Infinity;
  for (let k = 0; k < K; k++) {
    if (score[(n - 1) * K + k]! > best) {
      best = score[(n - 1) * K + k]!;
      out[n - 1] = k;
    }
  }
  for (let t = n - 1; t > 0; t--) out[t - 1] = back[t * K + out[t]!]!;
  return out;
}

/**
 * Tokens the tagger scores: a token with a capital or a digit, and its
 * neighbours ("of" in "Bank of England"). A lower-case word with no such
 * neighbour is outside every name in GUM's training data, so it gets O
 * without being scored — most of a news article's tokens, and most of the
 * tagger's time.
 */
export function tokensToScore(st: EntityState): Uint8Array {
  const n = st.forms.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = st.forms[i]!.charCodeAt(0);
    const marked = (c >= 48 && c <= 57) || UPPER_START.test(st.forms[i]!);
    if (!marked) continue;
    out[i] = 1;
    if (i > 0) out[i - 1] = 1;
    if (i + 1 < n) out[i + 1] = 1;
  }
  return out;
}
const UPPER_START = /^\p{Lu}/u;

/** Token class probabilities of an article under `weights` (rows of K); `extra` adds features (the second pass). */
export function tokenProbabilities(
  weights: LinearWeights,
  bits: number,
  st: EntityState,
  extra?: (sink: HashedSink, i: number) => void,
  // a sink holds two arrays of 2^bits entries: allocating them per article cost more than tagging it
  sink: HashedSink = new HashedSink(bits),
  only?: Uint8Array,
): Float64Array {
  const ctx = st.ctx;
  const K = weights.classes;
  const out = new Float64Array(ctx.tokens.length * K);
  const z = new Float64Array(K);
  for (let i = 0; i < ctx.tokens.length; i++) {
    if (only && !only[i]) {
      out[i * K] = 1;
      continue;
    }
    sink.reset();
    emitEntityFeatures(sink, st, i);
    extra?.(sink, i);
    logitsInto(weights, sink.view(), z);
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
    for (let k = 0; k < K; k++) out[i * K + k] = z[k]! / sum;
  }
  return out;
}

/** Token probabilities of the two passes: the first, then the second over the first's marginals. */
export function stackedProbabilities(first: LinearWeights, second: LinearWeights | undefined, bits: number, st: EntityState, sink: HashedSink = new HashedSink(bits)): Float64Array {
  const only = SKIP_UNMARKED.on ? tokensToScore(st) : undefined;
  const p1 = tokenProbabilities(first, bits, st, undefined, sink, only);
  if (!second) return p1;
  const ss = stackState(st, p1, first.classes);
  return tokenProbabilities(second, bits, st, (s, i) => emitStackFeatures(s, st, ss, i), sink, only);
}

/** Decodes token probabilities into spans, sentence by sentence. */
export function decodeEntities(ctx: ArticleContext, probs: Float64Array, K: number, report: readonly string[] = ['PERSON', 'ORG', 'PLACE', 'EVENT']): RecognizedEntity[] {
  const out: RecognizedEntity[] = [];
  const n = ctx.tokens.length;
  let from = 0;
  while (from < n) {
    let to = from + 1;
    while (to < n && ctx.sentenceOf[to] === ctx.sentenceOf[from]) to++;
    const len = to - from;
    // a sentence of unscored tokens (certain O) holds no entity: no need to decode it
    let scored = false;
    for (let i = from; i < to && !scored; i++) if (probs[i * K] !== 1) scored = true;
    if (!scored) {
      from = to;
      continue;
    }
    const logp = new Float64Array(len * K);
    for (let i = 0; i < len * K; i++) logp[i] = Math.log(probs[from * K + i]! + 1e-12);
    const path = viterbi(logp, len, K);
    for (let t = 0; t < len; t++) {
      const c = path[t]!;
      if (c === 0 || c % 2 === 0) continue;
      let e = t + 1;
      while (e < len && path[e] === c + 1) e++;
      const type = ENTITY_TYPES[(c - 1) / 2]!;
      if (report.includes(type)) {
        let sum = 0;
        for (let k = t; k < e; k++) sum += probs[(from + k) * K + path[k]!]!;
        out.push({ start: ctx.tokens[from + t]!.start, end: ctx.tokens[from + e - 1]!.end, type: type as ReportedEntityType, score: sum / (e - t) });
      }
      t = e - 1;
    }
    from = to;
  }
  return out;
}

/**
 * One article, one reading of a name: every occurrence of the same string
 * gets the type its occurrences score highest in total ("Athens hosted the
 * Games" is the city of the other sentences), and with `propagate`, an
 * occurrence the tagger missed is added when the string was found elsewhere
 * (token-aligned, capitalised, not overlapping another entity).
 */
export function harmonize(ctx: ArticleContext, entities: RecognizedEntity[], propagate: boolean): RecognizedEntity[] {
  const groups = new Map<string, RecognizedEntity[]>();
  for (const e of entities) {
    const key = ctx.text.slice(e.start, e.end);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(e);
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const totals = new Map<string, number>();
    for (const e of g) totals.set(e.type, (totals.get(e.type) ?? 0) + e.score);
    const best = [...totals].sort((a, b) => b[1] - a[1])[0]![0] as ReportedEntityType;
    for (const e of g) e.type = best;
  }
  if (!propagate || groups.size === 0) return entities;
  const starts = new Map<number, number>();
  ctx.tokens.forEach((t, i) => starts.set(t.start, i));
  const ends = new Set(ctx.tokens.map((t) => t.end));
  const taken = entities.map((e) => [e.start, e.end] as const);
  const added: RecognizedEntity[] = [];
  for (const [key, g] of groups) {
    if (!/^\p{Lu}/u.test(key) || key.length < 2) continue;
    const mean = g.reduce((s, e) => s + e.score, 0) / g.length;
    if (mean < 0.5) continue;
    let at = ctx.text.indexOf(key);
    while (at >= 0) {
      const end = at + key.length;
      if (starts.has(at) && ends.has(end) && !taken.some(([s, e]) => s < end && at < e) && !added.some((a) => a.start < end && at < a.end)) {
        added.push({ start: at, end, type: g[0]!.type, score: mean * 0.8 });
      }
      at = ctx.text.indexOf(key, at + 1);
    }
  }
  return added.length ? [...entities, ...added].sort((a, b) => a.start - b.start) : entities;
}

/** Whether tokens far from any capital or digit are left unscored; switchable for measurement. */
export const SKIP_UNMARKED = { on: true };

/** Post-processing, switchable for measurement. */
export const HARMONIZE = { propagate: true, nested: true, gazetteer: true, surnames: true, extend: true };

const PLACE_KINDS = new Set(['country:B', 'city:B', 'region:B']);

/**
 * A name the tagger calls a person but which is exactly a country, city or
 * region of the gazetteer, and no given name, is a place: subjects such as
 * "Athens hosted the Games" look like people to a model of the words around
 * them.
 */
export function placesByGazetteer(st: EntityState, entities: RecognizedEntity[]): RecognizedEntity[] {
  const { ctx } = st;
  for (const e of entities) {
    if (e.type !== 'PERSON') continue;
    const [first, last] = tokensIn(ctx, e.start, e.end);
    // a dateline in capitals ("BRUSSELS (Spinwire) -") is the place the gazetteer knows in title case
    if (last - first === 1 && /^\p{Lu}{3,}$/u.test(st.forms[first]!)) {
      const titled = st.forms[first]!.charAt(0) + st.forms[first]!.slice(1).toLowerCase();
      if (gazetteer().tag([titled])[0]!.some((g) => PLACE_KINDS.has(g))) {
        e.type = 'PLACE';
        continue;
      }
    }
    const tags = st.gaz[first]!;
    if (tags.some((g) => g.startsWith('given:'))) continue;
    const kind = tags.find((g) => PLACE_KINDS.has(g))?.slice(0, -2);
    if (!kind) continue;
    let end = first + 1;
    while (end < ctx.tokens.length && st.gaz[end]!.includes(`${kind}:I`)) end++;
    if (end === last) e.type = 'PLACE';
  }
  return entities;
}

/**
 * People's names the tagger cut short and the surnames that stand for them
 * later: a PERSON that stops inside a run of capitalised words ("Dr. Amara"
 * of "Dr. Amara Okafor") takes the rest of the run when the rest is one or
 * two words the gazetteer does not call places; and the last word of a
 * person's full name becomes a name of its own where the article uses it
 * alone ("Okafor said"), as news copy refers to people after first mention.
 */
export function withSurnames(st: EntityState, entities: RecognizedEntity[]): RecognizedEntity[] {
  const { ctx } = st;
  for (const e of entities) {
    if (e.type !== 'PERSON') continue;
    const [first, last] = tokensIn(ctx, e.start, e.end);
    const rl = st.runLast[last - 1]!;
    if (rl < last || rl - last > 1 || st.runFirst[last - 1] !== st.runFirst[first]) continue;
    let ok = true;
    for (let k = last; k <= rl; k++) if (RUN_CONNECTOR.test(st.forms[k]!) || st.gaz[k]!.some((g) => PLACE_KINDS.has(g) || g.startsWith('country') || g.startsWith('org'))) ok = false;
    if (ok && HARMONIZE.extend && !entities.some((o) => o !== e && o.start <= ctx.tokens[rl]!.end && ctx.tokens[last]!.start < o.end)) e.end = ctx.tokens[rl]!.end;
  }
  // "Ursula" + "von der Leyen": one person whose name has lower-case particles
  const sorted = [...entities].sort((a, b) => a.start - b.start);
  const merged: RecognizedEntity[] = [];
  for (const e of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && prev.type === 'PERSON' && e.type === 'PERSON' && NAME_PARTICLES.test(ctx.text.slice(prev.end, e.start))) {
      prev.end = e.end;
      prev.score = Math.min(prev.score, e.score);
      continue;
    }
    merged.push(e);
  }
  entities = merged;
  const surnames = new Map<string, number>();
  for (const e of entities) {
    if (e.type !== 'PERSON') continue;
    const [first, last] = tokensIn(ctx, e.start, e.end);
    if (last - first < 2) continue;
    const surname = st.forms[last - 1]!;
    if (/^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u.test(surname)) surnames.set(surname, e.score);
  }
  if (surnames.size === 0) return entities;
  const added: RecognizedEntity[] = [];
  for (let i = 0; i < ctx.tokens.length; i++) {
    const score = surnames.get(st.forms[i]!);
    if (score === undefined) continue;
    const t = ctx.tokens[i]!;
    if (entities.some((o) => o.start < t.end && t.start < o.end)) continue;
    // a surname inside a longer capitalised run belongs to another name ("Okafor Foundation")
    if (st.runFirst[i] !== st.runLast[i]) continue;
    added.push({ start: t.start, end: t.end, type: 'PERSON', score: score * 0.9 });
  }
  return added.length ? [...entities, ...added].sort((a, b) => a.start - b.start) : entities;
}
const NAME_PARTICLES = /^\s+(?:(?:von|van|der|den|de|del|della|di|da|dos|du|la|le|bin|ibn|al|el)\s+)+$/;
const RUN_CONNECTOR = /^(?:of|de|del|la|van|von|der|du|al|bin|&|-)$/;

/**
 * Places named inside a longer name ("Leiden" in "Leiden University", "U.S."
 * in "U.S. Congress"): gazetteer places strictly inside a multi-token entity
 * are reported too, as GUM annotates them.
 */
export function nestedPlaces(st: EntityState, entities: readonly RecognizedEntity[]): RecognizedEntity[] {
  const out: RecognizedEntity[] = [];
  const { ctx } = st;
  for (const e of entities) {
    const [first, last] = tokensIn(ctx, e.start, e.end);
    if (last - first < 2) continue;
    for (let i = first; i < last; i++) {
      if (!st.gaz[i]!.some((g) => PLACE_KINDS.has(g))) continue;
      let j = i + 1;
      while (j < last && st.gaz[j]!.some((g) => g === 'country:I' || g === 'city:I' || g === 'region:I')) j++;
      const start = ctx.tokens[i]!.start;
      const end = ctx.tokens[j - 1]!.end;
      if (!(start === e.start && end === e.end)) out.push({ start, end, type: 'PLACE', score: e.score * 0.8 });
      i = j - 1;
    }
  }
  return out;
}

export class EntityModel {
  /** Model name, for the layer's ModelInfo. */
  readonly name = ENTITY_MODEL_NAME;

  /** Reused for every article: a pipeline analyses one document at a time. */
  private readonly sink: HashedSink;

  private constructor(
    readonly weights: LinearWeights,
    readonly stacked: LinearWeights | undefined,
    readonly bits: number,
    readonly version: string,
    readonly metrics: Record<string, unknown>,
  ) {
    this.sink = new HashedSink(bits);
  }

  static load(path = defaultEntityModelPath()): EntityModel {
    const file = readModelFile<StoredEntityModel>(path);
    if (file.name !== ENTITY_MODEL_NAME) throw new Error(`${path}: not an entity model (${file.name})`);
    const stored = file.model.tokens;
    if (stored.classes.join(' ') !== ENTITY_CLASSES.join(' ')) throw new Error(`${path}: entity classes ${stored.classes.join(' ')} differ from this version's`);
    const stacked = file.model.stacked ? unpackHashed(file.model.stacked) : undefined;
    return new EntityModel(unpackHashed(stored), stacked, stored.bits, file.version, file.metrics);
  }

  static fromWeights(weights: LinearWeights, stacked: LinearWeights | undefined, bits: number, version = 'dev'): EntityModel {
    return new EntityModel(weights, stacked, bits, version, {});
  }

  /** Named entities of an article (PERSON, ORG, PLACE, EVENT), UTF-16 offsets, in text order; a place may lie inside a longer name. */
  recognize(ctx: ArticleContext): RecognizedEntity[] {
    const st = entityState(ctx);
    const decoded = decodeEntities(ctx, stackedProbabilities(this.weights, this.stacked, this.bits, st, this.sink), this.weights.classes);
    const typed = HARMONIZE.gazetteer ? placesByGazetteer(st, decoded) : decoded;
    const found = harmonize(ctx, HARMONIZE.surnames ? withSurnames(st, typed) : typed, HARMONIZE.propagate);
    if (!HARMONIZE.nested) return found;
    const inner = nestedPlaces(st, found);
    return inner.length ? [...found, ...inner].sort((a, b) => a.start - b.start || b.end - a.end) : found;
  }
}
