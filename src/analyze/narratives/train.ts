/**
 * `spinscope train narratives`: one multilingual model of independent
 * sigmoids over `Other`, the 21 narratives and the 94 sub-narratives, with
 * the language as a feature. `Other` and the narratives read the article's
 * words, word pairs, title words and (for inflecting languages) word
 * beginnings and character 4-grams; the sub-narratives read words, title
 * words and word beginnings only (see NarrativeHyperparameters.fine).
 * Decoding picks the domain (URW or CC) from the most probable narrative.
 * Measured by k-fold cross-validation (folds by article, every language in
 * every fold) in the official subtask-2 metric; probabilities are
 * Platt-calibrated on out-of-fold scores, and the decoding thresholds tuned
 * on them per language. Reported metrics are NESTED: each fold is decoded
 * with thresholds tuned on the other folds only. Deterministic for a seed.
 */
import { BagSink, Vocabulary, type FeatureBag, type SparseVector } from '../../learn/features.ts';
import { fitPlatt } from '../../learn/calibration.ts';
import { logits, sigmoid, trainLinear, type LinearWeights } from '../../learn/linear.ts';
import { kFolds } from '../../learn/random.ts';
import { writeModelFile, type ModelFile } from '../../learn/model-file.ts';
import { scoreNarratives, type NarrativeLabels, type NarrativeScore } from '../../benchmarks/semeval2025.ts';
import { readTaskDocuments, type TaskDocument } from './data.ts';
import { decodeNarratives, type DecodeThresholds, type LabelProbabilities } from './decode.ts';
import { ARTICLE_FEATURES, emitArticleFeatures, finishVector, type ArticleFeatureOptions } from './features.ts';
import { MODEL_CLASSES, NARRATIVE_LABELS, NARRATIVES, OTHER, SUBNARRATIVE_LABELS } from './taxonomy.ts';
import { packSparse, quantizeWeights } from './sparse-model.ts';
import { NARRATIVE_MODEL_NAME, NARRATIVE_MODEL_VERSION, type StoredNarrativeModel } from './model.ts';

/** The model's classes: `Other`, then the narratives, then the sub-narratives. */
export const NARRATIVE_CLASSES: readonly string[] = MODEL_CLASSES;
const COARSE_FROM = 1;
const FINE_FROM = 1 + NARRATIVE_LABELS.length;

export interface NarrativeHyperparameters {
  features: ArticleFeatureOptions;
  /** Features seen in fewer training articles are dropped. */
  minCount: number;
  /**
   * The sub-narrative sigmoids read only these feature templates, seen in at
   * least this many articles: they are most of the classes, and a dense
   * model over every word pair for each of them would not fit the size
   * budget (pruning the weights instead cost more F1 in cross-validation).
   */
  fine: { templates: readonly string[]; minCount: number };
  epochs: number;
  learningRate: number;
  l2: number;
  /** Loss multiplier for positive examples: labels are rare, and a missed one costs more F1 than a wrong one. */
  positiveWeight: number;
}

/** Tuned by cross-validation on the train data (docs/benchmarks.md). */
export const NARRATIVE_HYPERPARAMETERS: NarrativeHyperparameters = {
  features: ARTICLE_FEATURES,
  minCount: 3,
  fine: { templates: ['w', 't', 'st', 'lang'], minCount: 5 },
  epochs: 12,
  learningRate: 0.2,
  l2: 1e-6,
  positiveWeight: 2,
};

const GRID = {
  coarse: Array.from({ length: 24 }, (_, i) => 0.04 + i * 0.025),
  fine: Array.from({ length: 26 }, (_, i) => i * 0.025),
  other: Array.from({ length: 17 }, (_, i) => 0.1 + i * 0.05),
  max: [1, 2, 3, 4, 21],
};

export interface TrainNarrativesOptions {
  /** The shared data folder (with semeval2025-task10/). */
  data: string;
  /** Model file to write; nothing is written without it. */
  out?: string;
  seed?: number;
  folds?: number;
  /** Language folders to train on (default: all five). */
  languages?: readonly string[];
  hyperparameters?: Partial<NarrativeHyperparameters>;
  log?: (message: string) => void;
}

export interface NarrativeLanguageMetrics {
  articles: number;
  /** Official F1@coarse (samples F1 over narratives), nested CV. */
  narrativesF1: number;
  /** Official F1@fine (samples F1 over sub-narratives), nested CV. */
  subnarrativesF1: number;
  /** The same with `Other` for every article, for scale. */
  allOtherBaseline: { narrativesF1: number; subnarrativesF1: number };
  thresholds: DecodeThresholds;
}

export interface NarrativeMetrics {
  folds: number;
  seed: number;
  perLanguage: Record<string, NarrativeLanguageMetrics>;
}

interface Fitted {
  vocab: Vocabulary;
  weights: LinearWeights;
}

interface Example {
  doc: TaskDocument;
  bag: FeatureBag;
  y: number[];
}

export function articleBag(doc: Pick<TaskDocument, 'text' | 'tokens' | 'lang'>, features: ArticleFeatureOptions): FeatureBag {
  const sink = new BagSink();
  emitArticleFeatures(doc.text, doc.tokens, doc.lang, sink, features);
  return sink.bag;
}

function targets(labels: NarrativeLabels): number[] {
  const index = new Map(NARRATIVE_CLASSES.map((c, i) => [c, i]));
  const y = new Set<number>();
  for (const l of [...labels.narratives, ...labels.subnarratives]) {
    const i = index.get(l);
    if (i !== undefined) y.add(i);
  }
  return [...y].sort((a, b) => a - b);
}

function vectorOf(fitted: { vocab: Vocabulary }, bag: FeatureBag, lang: string): SparseVector {
  return finishVector(fitted.vocab.vectorize(bag), fitted.vocab.get(`lang=${lang}`));
}

function fit(examples: readonly Example[], h: NarrativeHyperparameters, seed: number): Fitted {
  const bags = examples.map((e) => e.bag);
  const vocab = Vocabulary.fromCounts(bags, h.minCount);
  const F = vocab.size;
  // which features the sub-narrative sigmoids read
  const df = new Int32Array(F);
  for (const b of bags) for (const name of b.keys()) {
    const id = vocab.get(name);
    if (id !== undefined) df[id] = df[id]! + 1;
  }
  const templates = new Set(h.fine.templates);
  const fineFeature = Uint8Array.from(vocab.names, (n, id) => (templates.has(n.slice(0, n.indexOf('='))) && df[id]! >= h.fine.minCount ? 1 : 0));
  const xs = examples.map((e) => vectorOf({ vocab }, e.bag, e.doc.lang));
  const options = { epochs: h.epochs, learningRate: h.learningRate, l2: h.l2, seed };
  const coarse = trainLinear(
    xs.map((x, i) => ({ x, y: examples[i]!.y.filter((c) => c < FINE_FROM) })),
    F,
    FINE_FROM,
    true,
    { ...options, positiveWeight: new Array<number>(FINE_FROM).fill(h.positiveWeight) },
  );
  const FINE = NARRATIVE_CLASSES.length - FINE_FROM;
  const fine = trainLinear(
    xs.map((x, i) => ({ x: restrict(x, fineFeature), y: examples[i]!.y.filter((c) => c >= FINE_FROM).map((c) => c - FINE_FROM) })),
    F,
    FINE,
    true,
    { ...options, positiveWeight: new Array<number>(FINE).fill(h.positiveWeight) },
  );
  // one model over all the classes, the sub-narratives' weights zero outside their features
  const K = NARRATIVE_CLASSES.length;
  const weights = new Float32Array(F * K);
  for (let f = 0; f < F; f++) {
    for (let k = 0; k < FINE_FROM; k++) weights[f * K + k] = coarse.weights[f * FINE_FROM + k]!;
    for (let k = 0; k < FINE; k++) weights[f * K + FINE_FROM + k] = fine.weights[f * FINE + k]!;
  }
  const model: LinearWeights = { weights, bias: Float32Array.from([...coarse.bias, ...fine.bias]), classes: K, features: F, multiLabel: true };
  quantizeWeights(model);
  return { vocab, weights: model };
}

function restrict(x: SparseVector, keep: Uint8Array): SparseVector {
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < x.idx.length; i++) {
    if (!keep[x.idx[i]!]) continue;
    idx.push(x.idx[i]!);
    val.push(x.val[i]!);
  }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

/** Zeroes weights below `share` of their class's largest magnitude: the stored model keeps only the rest. */
export function pruneWeights(model: LinearWeights, share: number): void {
  if (share <= 0) return;
  const K = model.classes;
  const max = new Float64Array(K);
  for (let i = 0; i < model.weights.length; i++) max[i % K] = Math.max(max[i % K]!, Math.abs(model.weights[i]!));
  for (let i = 0; i < model.weights.length; i++) if (Math.abs(model.weights[i]!) < share * max[i % K]!) model.weights[i] = 0;
}

export interface Platt3 {
  other: { a: number; b: number };
  coarse: { a: number; b: number };
  fine: { a: number; b: number };
}

/** Calibrated probabilities from the model's logits. */
export function probabilitiesOf(z: ArrayLike<number>, platt: Platt3): LabelProbabilities {
  const coarse = new Float64Array(NARRATIVE_LABELS.length);
  const fine = new Float64Array(SUBNARRATIVE_LABELS.length);
  for (let i = 0; i < coarse.length; i++) coarse[i] = sigmoid(platt.coarse.a * z[COARSE_FROM + i]! + platt.coarse.b);
  for (let i = 0; i < fine.length; i++) fine[i] = sigmoid(platt.fine.a * z[FINE_FROM + i]! + platt.fine.b);
  return { other: sigmoid(platt.other.a * z[0]! + platt.other.b), coarse, fine };
}

function fitPlatt3(z: readonly Float64Array[], y: readonly number[][]): Platt3 {
  const group = (from: number, to: number) => {
    const scores: number[] = [];
    const labels: boolean[] = [];
    z.forEach((zi, n) => {
      const ys = new Set(y[n]);
      for (let k = from; k < to; k++) {
        scores.push(zi[k]!);
        labels.push(ys.has(k));
      }
    });
    return fitPlatt(scores, labels);
  };
  return { other: group(0, 1), coarse: group(COARSE_FROM, FINE_FROM), fine: group(FINE_FROM, NARRATIVE_CLASSES.length) };
}

/** The task's labels from decoded narratives; `Other` at both levels when there are none. */
export function toTaskLabels(article: string, p: LabelProbabilities, t: DecodeThresholds): NarrativeLabels {
  const decoded = decodeNarratives(p, t);
  if (decoded.length === 0) return { article, narratives: [OTHER], subnarratives: [OTHER] };
  return {
    article,
    narratives: decoded.map((d) => NARRATIVES[d.narrative]!.label),
    subnarratives: decoded.flatMap((d) => d.sub.map((s) => SUBNARRATIVE_LABELS[s.index]!)),
  };
}

function evaluate(docs: readonly TaskDocument[], probs: readonly LabelProbabilities[], t: DecodeThresholds): NarrativeScore {
  return scoreNarratives(
    docs.map((d) => d.labels),
    docs.map((d, i) => toTaskLabels(d.id, probs[i]!, t)),
  );
}

const objective = (s: NarrativeScore) => s.coarse.f1 + s.fine.f1;

/** Coordinate ascent over the threshold grid, twice round, on the official metric (narratives + sub-narratives). */
export function tuneThresholds(docs: readonly TaskDocument[], probs: readonly LabelProbabilities[]): DecodeThresholds {
  let t: DecodeThresholds = { coarse: 0.3, fine: 0.3, other: 0.5, max: 21 };
  let best = objective(evaluate(docs, probs, t));
  for (let round = 0; round < 2; round++) {
    for (const key of ['other', 'coarse', 'fine', 'max'] as const) {
      for (const v of GRID[key]) {
        const next = { ...t, [key]: v };
        const s = objective(evaluate(docs, probs, next));
        if (s > best + 1e-12) {
          best = s;
          t = next;
        }
      }
    }
  }
  return t;
}

export interface CrossValidation {
  /** Out-of-fold logits per document, in `docs` order. */
  logits: Float64Array[];
  /** Fold of each document. */
  fold: Int32Array;
}

export function crossValidateNarratives(docs: readonly TaskDocument[], h: NarrativeHyperparameters, k: number, seed: number, log: (m: string) => void = () => {}): CrossValidation {
  const examples: Example[] = docs.map((doc) => ({ doc, bag: articleBag(doc, h.features), y: targets(doc.labels) }));
  const out: Float64Array[] = new Array(docs.length);
  const fold = new Int32Array(docs.length);
  const index = new Map(docs.map((d, i) => [d, i]));
  kFolds(docs, k, seed).forEach((part, f) => {
    const test = new Set(part);
    const model = fit(examples.filter((e) => !test.has(e.doc)), h, seed);
    for (const d of part) {
      const i = index.get(d)!;
      out[i] = logits(model.weights, vectorOf(model, examples[i]!.bag, d.lang));
      fold[i] = f;
    }
    log(`train narratives: fold ${f + 1}/${k}, ${model.vocab.size} features`);
  });
  return { logits: out, fold };
}

/**
 * Metrics per language from out-of-fold logits: calibration and thresholds
 * for fold f come from the other folds only.
 */
export function nestedMetrics(docs: readonly TaskDocument[], cv: CrossValidation, k: number): Record<string, NarrativeLanguageMetrics> {
  const ys = docs.map((d) => targets(d.labels));
  const languages = [...new Set(docs.map((d) => d.lang))].sort();
  const perLanguage: Record<string, NarrativeLanguageMetrics> = {};
  const predicted: NarrativeLabels[] = new Array(docs.length);
  for (let f = 0; f < k; f++) {
    const rest = docs.map((_, i) => i).filter((i) => cv.fold[i] !== f);
    const platt = fitPlatt3(rest.map((i) => cv.logits[i]!), rest.map((i) => ys[i]!));
    for (const lang of languages) {
      const tuneOn = rest.filter((i) => docs[i]!.lang === lang);
      const t = tuneThresholds(tuneOn.map((i) => docs[i]!), tuneOn.map((i) => probabilitiesOf(cv.logits[i]!, platt)));
      docs.forEach((d, i) => {
        if (cv.fold[i] === f && d.lang === lang) predicted[i] = toTaskLabels(d.id, probabilitiesOf(cv.logits[i]!, platt), t);
      });
    }
  }
  const platt = fitPlatt3(cv.logits, ys);
  for (const lang of languages) {
    const idx = docs.map((_, i) => i).filter((i) => docs[i]!.lang === lang);
    const gold = idx.map((i) => docs[i]!.labels);
    const s = scoreNarratives(gold, idx.map((i) => predicted[i]!));
    const base = scoreNarratives(gold, gold.map((g) => ({ article: g.article, narratives: [OTHER], subnarratives: [OTHER] })));
    perLanguage[lang] = {
      articles: idx.length,
      narrativesF1: s.coarse.f1,
      subnarrativesF1: s.fine.f1,
      allOtherBaseline: { narrativesF1: base.coarse.f1, subnarrativesF1: base.fine.f1 },
      thresholds: tuneThresholds(idx.map((i) => docs[i]!), idx.map((i) => probabilitiesOf(cv.logits[i]!, platt))),
    };
  }
  return perLanguage;
}

export async function trainNarratives(options: TrainNarrativesOptions): Promise<{ model: ModelFile<StoredNarrativeModel>; metrics: NarrativeMetrics }> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 17;
  const k = options.folds ?? 5;
  const h: NarrativeHyperparameters = { ...NARRATIVE_HYPERPARAMETERS, ...options.hyperparameters };
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const docs = await readTaskDocuments(options.data, options.languages);
  log(`train narratives: ${docs.length} articles (${[...new Set(docs.map((d) => d.lang))].join(', ')}); ${k}-fold cross-validation, seed ${seed}`);
  const cv = crossValidateNarratives(docs, h, k, seed, (m) => log(`${m} (${elapsed()})`));
  const perLanguage = nestedMetrics(docs, cv, k);
  for (const [lang, m] of Object.entries(perLanguage)) {
    log(`train narratives: ${lang}: narratives F1 ${m.narrativesF1.toFixed(3)}, sub-narratives F1 ${m.subnarrativesF1.toFixed(3)} over ${m.articles} articles`);
  }
  const platt = fitPlatt3(cv.logits, docs.map((d) => targets(d.labels)));
  const final = fit(docs.map((doc) => ({ doc, bag: articleBag(doc, h.features), y: targets(doc.labels) })), h, seed);
  log(`train narratives: final model fitted (${elapsed()})`);
  const metrics: NarrativeMetrics = { folds: k, seed, perLanguage };
  const model: ModelFile<StoredNarrativeModel> = {
    format: 'spinscope-model/1',
    name: NARRATIVE_MODEL_NAME,
    version: NARRATIVE_MODEL_VERSION,
    created: new Date().toISOString(),
    training: {
      data: [`semeval2025-task10 train (${[...new Set(docs.map((d) => d.lang))].join(', ')}; ${docs.length} articles)`],
      seed,
      folds: k,
      hyperparameters: h,
    },
    metrics: metrics as unknown as Record<string, unknown>,
    model: {
      features: h.features,
      linear: packSparse([{ model: final.weights, classes: [...NARRATIVE_CLASSES] }], final.vocab.names),
      platt,
      thresholds: Object.fromEntries(Object.entries(perLanguage).map(([lang, m]) => [lang, m.thresholds])),
    },
  };
  if (options.out) {
    writeModelFile(options.out, model);
    log(`train narratives: wrote ${options.out} (${elapsed()})`);
  }
  return { model, metrics };
}

