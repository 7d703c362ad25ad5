/**
 * Trains the check-worthiness models, measures them by cross-validation in
 * each benchmark's metric, calibrates them on out-of-fold scores, and
 * writes one model file:
 *
 *   the sentence model (logistic, words + word pairs + cues) learns from
 *   ClaimBuster train; in cross-validation it reached a higher ClaimBuster
 *   F1 alone than with the CLEF debates added (CLEF's 0 labels include many
 *   factual lines nobody checked), and ranked CLEF debates nearly as well;
 *
 *   the debate ranker learns from the CLEF-2019 debates, over the sentence
 *   model's scores of each line and its neighbours, the speaker's role and
 *   the turn. The sentence model that feeds it in training never saw a CLEF
 *   line, as it will not have seen a new debate's lines.
 *
 * Protocols. ClaimBuster: k folds of sentences (identical texts kept
 * together); inside each round the training part is cross-validated again
 * to fit Platt scaling and pick the threshold, which is then applied to the
 * held-out part, so the reported F1 never saw its threshold chosen.
 * CLEF-2019: leave one debate out for the ranker, MAP over the held-out
 * debates as the task's scorer computes it. Deterministic for a seed.
 */
import { BagSink, Vocabulary, type FeatureBag } from '../../learn/features.ts';
import { expectedCalibrationError, fitPlatt } from '../../learn/calibration.ts';
import { logits, sigmoid, trainLinear, type LinearWeights } from '../../learn/linear.ts';
import { packLinear, writeModelFile, type ModelFile } from '../../learn/model-file.ts';
import { kFolds } from '../../learn/random.ts';
import { scoreClef, type ClefScore } from '../../benchmarks/clef2019.ts';
import { readClaimData, type ClaimData, type LabelledSentence, type PreparedDebate } from './data.ts';
import { emitDebateFeatures } from './debate.ts';
import { DEFAULT_FEATURES, emitClaimFeatures, type FeatureOptions } from './features.ts';
import { CLAIM_MODEL_NAME, ClaimModel, type Calibration, type StoredClaimModel } from './model.ts';

export const CLAIM_MODEL_VERSION = '1.0.0';

export interface LinearHyperparameters {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Features seen in fewer training sentences are dropped. */
  minCount: number;
}

export interface ClaimHyperparameters {
  sentence: LinearHyperparameters;
  features: FeatureOptions;
  debate: LinearHyperparameters;
}

/**
 * Tuned by cross-validation on the training data: ClaimBuster F1 within
 * ±0.005 for 5–30 epochs at matching rates, minimum counts 1–3, L2 up to
 * 1e-3; trigrams, stems, skip-grams, pairs of cues, unit-length vectors,
 * NB weighting and averaging several seeds gained nothing; the cues add 0.02.
 */
export const CLAIM_HYPERPARAMETERS: ClaimHyperparameters = {
  sentence: { epochs: 20, learningRate: 0.02, l2: 1e-6, minCount: 2 },
  features: DEFAULT_FEATURES,
  debate: { epochs: 5, learningRate: 0.1, l2: 1e-6, minCount: 1 },
};

/** Thresholds tried for the positive class. */
const THRESHOLDS = Array.from({ length: 37 }, (_, i) => 0.05 + i * 0.025);

export interface PositiveClassScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClaimMetrics {
  clef2019: {
    /** With the debate ranker: the shipped way to rank a debate. */
    map: number;
    meanRPrecision: number;
    meanReciprocalRank: number;
    meanPrecisionAt: Record<number, number>;
    /** The sentence model alone, no context. */
    sentenceModelMap: number;
    folds: string;
    debates: number;
  };
  claimbuster: PositiveClassScore & {
    /** Mean of the thresholds picked inside the training folds. */
    threshold: number;
    folds: number;
    /** Expected calibration error of the out-of-fold probabilities (10 bins). */
    ece: number;
    /** The same rounds with negatives weighted to half of the data, as in the balanced test split. */
    balanced: PositiveClassScore & { threshold: number };
  };
  seed: number;
}

export interface TrainClaimsOptions {
  /** The shared data folder (with clef2019-checkthat-task1/ and claimbuster/). */
  data: string;
  /** Model file to write; omit to only measure. */
  out?: string;
  seed?: number;
  /** ClaimBuster folds (outer); inner rounds use one fewer. */
  folds?: number;
  hyperparameters?: Partial<ClaimHyperparameters>;
  log?: (message: string) => void;
}

// ---------- the sentence model ----------

interface Fitted {
  vocab: Vocabulary;
  weights: LinearWeights;
}

export function sentenceBag(s: LabelledSentence, options: FeatureOptions): FeatureBag {
  const sink = new BagSink();
  emitClaimFeatures(s.sentence, sink, options);
  return sink.bag;
}

function fitLinear(bags: readonly FeatureBag[], labels: readonly boolean[], h: LinearHyperparameters, seed: number): Fitted {
  const vocab = Vocabulary.fromCounts(bags, h.minCount);
  const examples = bags.map((b, i) => ({ x: vocab.vectorize(b), y: labels[i] ? [0] : [] }));
  return { vocab, weights: trainLinear(examples, vocab.size, 1, true, { epochs: h.epochs, learningRate: h.learningRate, l2: h.l2, seed }) };
}

const logitOf = (f: Fitted, bag: FeatureBag) => logits(f.weights, f.vocab.vectorize(bag))[0]!;

function fitOn(bags: readonly FeatureBag[], labels: readonly boolean[], indices: readonly number[], h: LinearHyperparameters, seed: number): Fitted {
  return fitLinear(indices.map((i) => bags[i]!), indices.map((i) => labels[i]!), h, seed);
}

// ---------- thresholds and calibration ----------

export interface ThresholdChoice {
  platt: { a: number; b: number };
  threshold: number;
  f1: number;
}

/** Counts of a thresholded prediction, negatives weighted by `negativeWeight`. */
function positiveClass(p: ArrayLike<number>, labels: readonly boolean[], threshold: number, negativeWeight = 1): PositiveClassScore {
  let tp = 0;
  let fp = 0;
  let gold = 0;
  for (let i = 0; i < labels.length; i++) {
    const yes = p[i]! >= threshold;
    if (labels[i]) {
      gold++;
      if (yes) tp++;
    } else if (yes) fp += negativeWeight;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = gold > 0 ? tp / gold : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/**
 * Platt scaling of out-of-fold logits and the F1-best threshold. With
 * `negativeWeight` w ≠ 1 the calibration is moved to the class prior where
 * negatives count w times (logit − ln w), and F1 is counted that way too.
 */
export function chooseThreshold(z: readonly number[], labels: readonly boolean[], negativeWeight = 1): ThresholdChoice {
  const fitted = fitPlatt(z, labels);
  const platt = { a: fitted.a, b: fitted.b - Math.log(negativeWeight) };
  const p = z.map((v) => sigmoid(platt.a * v + platt.b));
  let best = { threshold: 0.5, f1: -1 };
  for (const threshold of THRESHOLDS) {
    const { f1 } = positiveClass(p, labels, threshold, negativeWeight);
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return { platt, ...best };
}

// ---------- ClaimBuster cross-validation ----------

/** Indices split into k folds; identical texts stay in one fold. */
function foldsByKey(sentences: readonly LabelledSentence[], among: readonly number[], k: number, seed: number): number[][] {
  const byKey = new Map<string, number[]>();
  for (const i of among) {
    const key = sentences[i]!.key;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(i);
  }
  return kFolds([...byKey.keys()].sort(), k, seed).map((keys) => keys.flatMap((key) => byKey.get(key)!));
}

export interface ClaimBusterCv {
  natural: PositiveClassScore & { thresholds: number[] };
  balanced: PositiveClassScore & { thresholds: number[] };
  /** Out-of-fold logits (outer rounds), by sentence index. */
  logits: Float64Array;
  /** Out-of-fold probabilities with the calibration fitted inside each round. */
  probabilities: Float64Array;
}

export function crossValidateClaimBuster(sentences: readonly LabelledSentence[], bags: readonly FeatureBag[], h: ClaimHyperparameters, seed: number, k = 5): ClaimBusterCv {
  const labels = sentences.map((s) => s.label === 1);
  const all = sentences.map((_, i) => i);
  const z = new Float64Array(sentences.length);
  const probabilities = new Float64Array(sentences.length);
  const natural = { tp: 0, fp: 0, gold: 0, thresholds: [] as number[] };
  const balanced = { tp: 0, fp: 0, gold: 0, thresholds: [] as number[] };
  const weightOf = (indices: readonly number[]) => {
    const pos = indices.filter((i) => labels[i]).length;
    return pos / Math.max(1, indices.length - pos);
  };
  foldsByKey(sentences, all, k, seed).forEach((fold, f) => {
    const test = new Set(fold);
    const train = all.filter((i) => !test.has(i));
    // inner rounds over the training part: out-of-fold logits to calibrate and threshold on
    const innerZ: number[] = [];
    const innerY: boolean[] = [];
    for (const inner of foldsByKey(sentences, train, k - 1, seed + 1 + f)) {
      const held = new Set(inner);
      const model = fitOn(bags, labels, train.filter((i) => !held.has(i)), h.sentence, seed);
      for (const i of inner) {
        innerZ.push(logitOf(model, bags[i]!));
        innerY.push(labels[i]!);
      }
    }
    const choice = chooseThreshold(innerZ, innerY);
    const choiceBalanced = chooseThreshold(innerZ, innerY, weightOf(train));
    natural.thresholds.push(choice.threshold);
    balanced.thresholds.push(choiceBalanced.threshold);
    const model = fitOn(bags, labels, train, h.sentence, seed);
    const testWeight = weightOf(fold);
    for (const i of fold) {
      z[i] = logitOf(model, bags[i]!);
      probabilities[i] = sigmoid(choice.platt.a * z[i]! + choice.platt.b);
      const yes = probabilities[i]! >= choice.threshold;
      const yesBalanced = sigmoid(choiceBalanced.platt.a * z[i]! + choiceBalanced.platt.b) >= choiceBalanced.threshold;
      if (labels[i]) {
        natural.gold++;
        balanced.gold++;
        if (yes) natural.tp++;
        if (yesBalanced) balanced.tp++;
      } else {
        if (yes) natural.fp++;
        if (yesBalanced) balanced.fp += testWeight;
      }
    }
  });
  const prf = (c: { tp: number; fp: number; gold: number }): PositiveClassScore => {
    const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
    const recall = c.gold > 0 ? c.tp / c.gold : 0;
    return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
  };
  return {
    natural: { ...prf(natural), thresholds: natural.thresholds },
    balanced: { ...prf(balanced), thresholds: balanced.thresholds },
    logits: z,
    probabilities,
  };
}

// ---------- the debate ranker and CLEF cross-validation ----------

/** The sentence model's logits of every line of each debate. */
function debateLogits(model: Fitted, debates: readonly PreparedDebate[], options: FeatureOptions): Float64Array[] {
  return debates.map((d) => Float64Array.from(d.lines, (l) => logitOf(model, sentenceBag(l, options))));
}

function debateBags(d: PreparedDebate, z: Float64Array): FeatureBag[] {
  return d.lines.map((_, i) => {
    const sink = new BagSink();
    emitDebateFeatures(z, i, d.context, d.lines.map((l) => l.sentence), sink);
    return sink.bag;
  });
}

export interface ClefCv {
  score: ClefScore;
  /** The sentence model alone. */
  sentenceScore: ClefScore;
  /** Out-of-fold ranker logits per debate. */
  logits: Float64Array[];
  folds: string;
}

export function crossValidateClef(debates: readonly PreparedDebate[], z: readonly Float64Array[], h: ClaimHyperparameters, seed: number): ClefCv {
  const bags = debates.map((d, n) => debateBags(d, z[n]!));
  const out = debates.map((d, n) => {
    const trainBags = bags.filter((_, m) => m !== n).flat();
    const trainLabels = debates.filter((_, m) => m !== n).flatMap((o) => o.lines.map((l) => l.label === 1));
    const ranker = fitLinear(trainBags, trainLabels, h.debate, seed);
    return Float64Array.from(bags[n]!, (b) => logitOf(ranker, b));
  });
  const runs = (scores: readonly Float64Array[]) =>
    debates.map((d, n) => ({ debate: d.debate, predictions: d.lines.map((l, i) => ({ line: l.id, score: scores[n]![i]! })) }));
  return { score: scoreClef(runs(out)), sentenceScore: scoreClef(runs(z)), logits: out, folds: `leave one debate out (${debates.length} folds)` };
}

// ---------- the whole run ----------

export async function trainClaims(options: TrainClaimsOptions): Promise<{ model: ClaimModel; metrics: ClaimMetrics; file: ModelFile<StoredClaimModel> }> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 13;
  const k = options.folds ?? 5;
  const h: ClaimHyperparameters = { ...CLAIM_HYPERPARAMETERS, ...options.hyperparameters };
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const data: ClaimData = await readClaimData(options.data);
  const cb = data.claimbuster;
  const clefLines = data.debates.flatMap((d) => d.lines);
  log(
    `train claims: ClaimBuster ${cb.length} sentences (${cb.filter((s) => s.label === 1).length} check-worthy); ` +
      `CLEF-2019 ${data.debates.length} debates, ${clefLines.length} lines (${clefLines.filter((l) => l.label === 1).length} check-worthy); seed ${seed}`,
  );
  const bags = cb.map((s) => sentenceBag(s, h.features));
  const labels = cb.map((s) => s.label === 1);

  const cv = crossValidateClaimBuster(cb, bags, h, seed, k);
  const ece = expectedCalibrationError(Array.from(cv.probabilities), labels);
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  log(`train claims: ClaimBuster ${k}-fold: P ${cv.natural.precision.toFixed(4)} R ${cv.natural.recall.toFixed(4)} F1 ${cv.natural.f1.toFixed(4)} (thresholds ${cv.natural.thresholds.map((t) => t.toFixed(3)).join(' ')}), ECE ${ece.toFixed(4)}; weighted to balanced classes F1 ${cv.balanced.f1.toFixed(4)} (${elapsed()})`);

  // the sentence model the ranker learns from has seen no CLEF line
  const clefKeys = new Set(clefLines.map((l) => l.key));
  const unseen = cb.map((_, i) => i).filter((i) => !clefKeys.has(cb[i]!.key));
  const sentenceForDebates = fitOn(bags, labels, unseen, h.sentence, seed);
  const z = debateLogits(sentenceForDebates, data.debates, h.features);
  const clef = crossValidateClef(data.debates, z, h, seed);
  log(`train claims: CLEF-2019 ${clef.folds}: MAP ${clef.score.map.toFixed(4)} (sentence model alone ${clef.sentenceScore.map.toFixed(4)}), R-P ${clef.score.meanRPrecision.toFixed(4)}, P@10 ${clef.score.meanPrecisionAt[10]!.toFixed(4)} (${elapsed()})`);

  // calibrations on out-of-fold scores
  const cbChoice = chooseThreshold(Array.from(cv.logits), labels);
  const positives = labels.filter(Boolean).length;
  const cbBalanced = chooseThreshold(Array.from(cv.logits), labels, positives / (labels.length - positives));
  const clefZ = clef.logits.flatMap((l) => Array.from(l));
  const clefY = data.debates.flatMap((d) => d.lines.map((l) => l.label === 1));
  const clefChoice = chooseThreshold(clefZ, clefY);
  const calibration: Record<string, Calibration> = {
    claimbuster: { ...cbChoice.platt, threshold: cbChoice.threshold },
    'claimbuster-balanced': { ...cbBalanced.platt, threshold: cbBalanced.threshold },
    clef2019: { ...clefChoice.platt, threshold: clefChoice.threshold },
  };

  const sentence = fitLinear(bags, labels, h.sentence, seed);
  const ranker = fitLinear(
    data.debates.flatMap((d, n) => debateBags(d, z[n]!)),
    clefY,
    h.debate,
    seed,
  );
  log(`train claims: final models: sentence model ${sentence.vocab.size} features, debate ranker ${ranker.vocab.size} (${elapsed()})`);

  const metrics: ClaimMetrics = {
    clef2019: {
      map: clef.score.map,
      meanRPrecision: clef.score.meanRPrecision,
      meanReciprocalRank: clef.score.meanReciprocalRank,
      meanPrecisionAt: clef.score.meanPrecisionAt,
      sentenceModelMap: clef.sentenceScore.map,
      folds: clef.folds,
      debates: data.debates.length,
    },
    claimbuster: {
      precision: cv.natural.precision,
      recall: cv.natural.recall,
      f1: cv.natural.f1,
      threshold: mean(cv.natural.thresholds),
      folds: k,
      ece,
      balanced: { precision: cv.balanced.precision, recall: cv.balanced.recall, f1: cv.balanced.f1, threshold: mean(cv.balanced.thresholds) },
    },
    seed,
  };
  const file: ModelFile<StoredClaimModel> = {
    format: 'spinscope-model/1',
    name: CLAIM_MODEL_NAME,
    version: CLAIM_MODEL_VERSION,
    created: new Date().toISOString(),
    training: {
      data: ['claimbuster (two_class train.json): sentence model', 'clef2019-checkthat-task1 (training/, 19 debates and speeches): debate ranker'],
      seed,
      folds: { claimbuster: k, clef2019: clef.folds },
      hyperparameters: h,
    },
    metrics: metrics as unknown as Record<string, unknown>,
    model: {
      sentence: packLinear(sentence.weights, ['check-worthy'], sentence.vocab.names),
      features: h.features,
      debate: packLinear(ranker.weights, ['check-worthy'], ranker.vocab.names),
      calibration,
      defaultCalibration: 'claimbuster',
    },
  };
  if (options.out) {
    writeModelFile(options.out, file);
    log(`train claims: wrote ${options.out} (${elapsed()})`);
  }
  return { model: new ClaimModel(file), metrics, file };
}
