/**
 * Trains the entity recogniser on GUM train (`<data>/gum/conllu/train`),
 * measures it on GUM dev with the named-entity metric of
 * benchmarks/gum.ts, and writes the model file. Deterministic for a seed.
 *
 * Targets: every mention whose head word is a proper noun is a named
 * entity; its proper-noun head (see benchmarks/gum.ts) is the span the
 * tagger learns, typed person → PERSON, organization → ORG, place → PLACE,
 * event → EVENT and any other type → MISC (learnt so that named things of
 * other types are not taken for people or places; never reported).
 */
import { join } from 'node:path';
import type { SparseVector } from '../../learn/features.ts';
import { HashedSink } from '../../learn/hashing.ts';
import { trainLinear, type Example, type LinearWeights } from '../../learn/linear.ts';
import { kFolds } from '../../learn/random.ts';
import { packHashed, writeModelFile, type ModelFile } from '../../learn/model-file.ts';
import { readGumSplit, namedEntities, scoreNamedEntities, type GumDocument, type PRF } from '../../benchmarks/gum.ts';
import { articleContext, type ArticleContext } from '../techniques/context.ts';
import { emitEntityFeatures, emitStackFeatures, entityState, stackState, type EntityState } from './features.ts';
import { ENTITY_CLASSES, ENTITY_MODEL_NAME, EntityModel, tokenProbabilities, type StoredEntityModel } from './model.ts';

export const ENTITY_MODEL_VERSION = '1.0.0';

export const ENTITY_HYPERPARAMETERS = {
  bits: 20,
  epochs: 5,
  learningRate: 0.05,
  l2: 1e-6,
  /** Folds of the out-of-fold first pass that a second pass learns from; 0: no second pass (a second pass gained 0.002 F1 on dev for twice the size and time). */
  folds: 0,
  /** Columns whose weights all stay below this are dropped from the model file. */
  prune: 0.05,
} as const;

const TYPE_OF: Record<string, string> = { person: 'PERSON', organization: 'ORG', place: 'PLACE', event: 'EVENT' };
const MAIN = new Set(['PERSON', 'ORG', 'PLACE']);

export interface TrainEntitiesOptions {
  /** The shared data folder (holding gum/). */
  data: string;
  /** Model file to write; omit to only train and measure. */
  out?: string;
  seed?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  folds?: number;
  prune?: number;
  /** Hash columns 2^bits (tests use fewer). */
  bits?: number;
  log?: (message: string) => void;
}

export interface EntityMetrics {
  dev: { all: PRF; byType: Record<string, PRF> };
  trainDocuments: number;
  devDocuments: number;
  trainTokens: number;
  seed: number;
}

/** Token class indices (into ENTITY_CLASSES) of a GUM document tokenised by our tokenizer. */
export function tokenTargets(doc: GumDocument, ctx: ArticleContext): Int32Array {
  const y = new Int32Array(ctx.tokens.length);
  const spans: { start: number; end: number; type: string }[] = [];
  for (const m of doc.mentions) if (m.head) spans.push({ ...m.head, type: TYPE_OF[m.type] ?? 'MISC' });
  spans.sort((a, b) => Number(MAIN.has(b.type)) - Number(MAIN.has(a.type)) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(ctx.tokens.length);
  for (const s of spans) {
    const idx: number[] = [];
    for (let i = 0; i < ctx.tokens.length; i++) {
      const t = ctx.tokens[i]!;
      if (t.start < s.end && s.start < t.end) idx.push(i);
      if (t.start >= s.end) break;
    }
    if (idx.length === 0 || idx.some((i) => taken[i])) continue;
    const b = ENTITY_CLASSES.indexOf(`B-${s.type}`);
    idx.forEach((i, k) => {
      taken[i] = 1;
      y[i] = k === 0 ? b : b + 1;
    });
  }
  return y;
}

function vectors(st: EntityState, bits: number, extra?: (sink: HashedSink, i: number) => void): SparseVector[] {
  const sink = new HashedSink(bits);
  const out: SparseVector[] = [];
  for (let i = 0; i < st.forms.length; i++) {
    sink.reset();
    emitEntityFeatures(sink, st, i);
    extra?.(sink, i);
    out.push(sink.vector());
  }
  return out;
}

interface Prepared {
  st: EntityState;
  y: Int32Array;
  x: SparseVector[];
}

function examplesOf(docs: readonly Prepared[], x: (d: Prepared) => SparseVector[]): Example[] {
  const out: Example[] = [];
  for (const d of docs) x(d).forEach((v, i) => out.push({ x: v, y: d.y[i]! }));
  return out;
}

/**
 * Zeroes the columns whose largest weight is below `minAbs`: features seen
 * once or twice that barely moved, most of a hashed model's columns and
 * almost none of its decisions. Returns how many columns are left.
 */
export function pruneColumns(w: LinearWeights, minAbs: number): number {
  const K = w.classes;
  let kept = 0;
  for (let f = 0; f < w.features; f++) {
    let max = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(w.weights[f * K + k]!));
    if (max === 0) continue;
    if (max < minAbs) w.weights.fill(0, f * K, f * K + K);
    else kept++;
  }
  return kept;
}

/** Named-entity scores of a model on documents. */
export function evaluateEntities(model: EntityModel, docs: readonly GumDocument[]): { all: PRF; byType: Record<string, PRF> } {
  return scoreNamedEntities(docs.map((d) => ({ gold: namedEntities(d), predicted: model.recognize(articleContext(d.text)) })));
}

export async function trainEntities(options: TrainEntitiesOptions): Promise<{ model: EntityModel; metrics: EntityMetrics }> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 1;
  const H = ENTITY_HYPERPARAMETERS;
  const h = {
    bits: options.bits ?? H.bits,
    epochs: options.epochs ?? H.epochs,
    learningRate: options.learningRate ?? H.learningRate,
    l2: options.l2 ?? H.l2,
    folds: options.folds ?? H.folds,
    prune: options.prune ?? H.prune,
  };
  const gum = join(options.data, 'gum');
  const train = await readGumSplit(gum, 'train');
  const dev = await readGumSplit(gum, 'dev');
  log(`GUM: ${train.length} train and ${dev.length} dev documents`);

  const docs: Prepared[] = train.map((doc) => {
    const ctx = articleContext(doc.text);
    const st = entityState(ctx);
    return { st, y: tokenTargets(doc, ctx), x: vectors(st, h.bits) };
  });
  const K = ENTITY_CLASSES.length;
  const trainOptions = { epochs: h.epochs, learningRate: h.learningRate, l2: h.l2, seed };
  const fit = (examples: Example[]) => trainLinear(examples, 1 << h.bits, K, false, trainOptions);
  const trainTokens = docs.reduce((n, d) => n + d.y.length, 0);
  log(`${trainTokens} training tokens, ${h.epochs} epochs${h.folds > 1 ? `; ${h.folds} folds of out-of-fold marginals for the second pass` : ''}`);

  // the second pass learns from first-pass marginals of documents the first pass did not see
  const stackX = new Map<Prepared, SparseVector[]>();
  const folds = h.folds > 1 ? kFolds(docs.map((_, i) => i), h.folds, seed) : [];
  for (const fold of folds) {
    const held = new Set(fold);
    const w = fit(examplesOf(docs.filter((_, i) => !held.has(i)), (d) => d.x));
    for (const i of fold) {
      const d = docs[i]!;
      const ss = stackState(d.st, tokenProbabilities(w, h.bits, d.st), K);
      stackX.set(d, vectors(d.st, h.bits, (sink, t) => emitStackFeatures(sink, d.st, ss, t)));
    }
  }
  const weights = fit(examplesOf(docs, (d) => d.x));
  const stacked = h.folds > 1 ? fit(examplesOf(docs, (d) => stackX.get(d)!)) : undefined;
  const kept = [pruneColumns(weights, h.prune), stacked ? pruneColumns(stacked, h.prune) : 0];
  log(`kept ${kept.join(' + ')} columns with a weight of at least ${h.prune}`);
  const model = EntityModel.fromWeights(weights, stacked, h.bits, ENTITY_MODEL_VERSION);
  const devScore = evaluateEntities(model, dev);
  const metrics: EntityMetrics = { dev: devScore, trainDocuments: train.length, devDocuments: dev.length, trainTokens, seed };
  log(`dev: P ${devScore.all.precision.toFixed(3)} R ${devScore.all.recall.toFixed(3)} F1 ${devScore.all.f1.toFixed(3)}`);

  if (options.out) {
    const file: ModelFile<StoredEntityModel> = {
      format: 'spinscope-model/1',
      name: ENTITY_MODEL_NAME,
      version: ENTITY_MODEL_VERSION,
      created: new Date().toISOString(),
      training: { data: 'GUM train (conllu/train, reddit not staged)', seed, hyperparameters: h },
      metrics: metrics as unknown as Record<string, unknown>,
      model: { tokens: packHashed(weights, ENTITY_CLASSES, h.bits), ...(stacked ? { stacked: packHashed(stacked, ENTITY_CLASSES, h.bits) } : {}) },
    };
    writeModelFile(options.out, file);
    log(`wrote ${options.out}`);
  }
  return { model, metrics };
}
