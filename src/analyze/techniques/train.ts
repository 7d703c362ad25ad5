/**
 * `spinscope train techniques`: trains every technique model from the
 * shared training data, measures each by k-fold cross-validation (folds by
 * article) in its benchmark's official metric, calibrates on the out-of-fold
 * scores, then fits the final models on all the data and writes one model
 * file. Deterministic for a seed.
 */
import { join } from 'node:path';
import { Vocabulary, type FeatureBag } from '../../learn/features.ts';
import { fitPlatt, fitTemperature } from '../../learn/calibration.ts';
import { logits, sigmoid, softmax, trainLinear, type TrainOptions } from '../../learn/linear.ts';
import { hashBag } from '../../learn/hashing.ts';
import { packHashed, packLinear, writeModelFile, type ModelFile, type StoredLinear } from '../../learn/model-file.ts';
import { kFolds } from '../../learn/random.ts';
import { offsetMap, type OffsetMap } from '../../text/offsets.ts';
import * as semeval2020 from '../../benchmarks/semeval2020.ts';
import * as semeval2023 from '../../benchmarks/semeval2023.ts';
import { articleContext, tokensIn, type ArticleContext } from './context.ts';
import { readLexicons, type Lexicons } from './lexicons.ts';
import { TECHNIQUE_MODEL_NAME, decodeSpans, type StoredParagraphModel, type StoredTechniqueModel } from './model.ts';
import { paragraphFeatures } from './paragraph-features.ts';
import { spanFeatures } from './span-features.ts';
import { sentenceFeatures, tokenFeatures } from './token-features.ts';
import { fromScheme } from './taxonomy.ts';

export const TECHNIQUE_MODEL_VERSION = '1.0.0';

/** Tuned by cross-validation on the training data (see docs/benchmarks.md). */
export const HYPERPARAMETERS = {
  sentence: { epochs: 8, learningRate: 0.05, minCount: 1 },
  tokens: { epochs: 6, learningRate: 0.05, minCount: 1 },
  /** Tokens of sentences the sentence model scores below this are not scored: a quarter of the work, no loss in CV. */
  sentenceFloor: 0.1,
  /** The span identification models hash their features into 2^hashBits columns. */
  hashBits: 20,
  spans: { epochs: 12, learningRate: 0.05, minCount: 1 },
  paragraphs: { epochs: 15, learningRate: 0.03, minCount: 2 },
  thresholds: { si: [0.15, 0.2, 0.25, 0.3, 0.35, 0.4], paragraphs: Array.from({ length: 23 }, (_, i) => 0.05 + i * 0.025) },
} as const;

export interface TrainTechniquesOptions {
  /** The shared data folder (with ptc-semeval2020-task11/, semeval2023-task3/, lexicons/). */
  data: string;
  /** Model file to write. */
  out: string;
  seed?: number;
  folds?: number;
  /** SemEval-2023 languages for paragraph models (codes as in the data: en fr ge it po ru). */
  languages?: readonly string[];
  log?: (message: string) => void;
}

export interface TechniqueMetrics {
  semeval2020_si: { precision: number; recall: number; f1: number; threshold: number };
  semeval2020_tc: { microF1: number; macroF1: number; temperature: number };
  semeval2023_spans_en: { accuracy: number; temperature: number };
  semeval2023_st3: Record<string, { microF1: number; macroF1: number; threshold: number; paragraphs: number }>;
  folds: number;
  seed: number;
}

interface Article {
  id: string;
  text: string;
  ctx: ArticleContext;
  map: OffsetMap;
  lower: string;
}

function prepare(articles: Map<string, string>): Map<string, Article> {
  const out = new Map<string, Article>();
  for (const [id, text] of [...articles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.set(id, { id, text, ctx: articleContext(text), map: offsetMap(text), lower: text.toLowerCase() });
  }
  return out;
}

interface Fitted {
  vocab: Vocabulary;
  weights: ReturnType<typeof trainLinear>;
}

function fit(bags: readonly FeatureBag[], ys: readonly (number | readonly number[])[], classes: number, multiLabel: boolean, h: { epochs: number; learningRate: number; minCount: number }, seed: number): Fitted {
  const vocab = Vocabulary.fromCounts(bags, h.minCount);
  const options: TrainOptions = { epochs: h.epochs, learningRate: h.learningRate, seed };
  const weights = trainLinear(bags.map((b, i) => ({ x: vocab.vectorize(b), y: ys[i]! })), vocab.size, classes, multiLabel, options);
  return { vocab, weights };
}

const score = (f: Fitted, bag: FeatureBag) => logits(f.weights, f.vocab.vectorize(bag));

/** A model over hashed features (span identification): no vocabulary, one column per hash. */
interface FittedHashed {
  weights: ReturnType<typeof trainLinear>;
}

function fitHashed(bags: readonly FeatureBag[], ys: readonly (number | readonly number[])[], h: { epochs: number; learningRate: number; minCount: number }, seed: number): FittedHashed {
  // minCount has no meaning without a vocabulary: rare features share columns or stay at zero weight
  const bits = HYPERPARAMETERS.hashBits;
  const options: TrainOptions = { epochs: h.epochs, learningRate: h.learningRate, seed };
  return { weights: trainLinear(bags.map((b, i) => ({ x: hashBag(b, bits), y: ys[i]! })), 1 << bits, 1, true, options) };
}

const scoreHashed = (f: FittedHashed, bag: FeatureBag) => logits(f.weights, hashBag(bag, HYPERPARAMETERS.hashBits))[0]!;
const store = (f: Fitted, classes: string[]): StoredLinear => packLinear(f.weights, classes, f.vocab.names);

// ---------- span identification (SemEval-2020 SI) ----------

function sentenceData(a: Article, gold: readonly [number, number][], lexicons: Lexicons) {
  const bags = a.ctx.sentences.map((s, k) => {
    const [first, last] = tokensIn(a.ctx, s.start, s.end);
    return sentenceFeatures(a.ctx, k, first, last, { lexicons });
  });
  const ys = a.ctx.sentences.map((s) => (gold.some(([gs, ge]) => gs < s.end && s.start < ge) ? [0] : []));
  return { bags, ys };
}

function trainSentenceModel(articles: readonly Article[], gold: Map<string, [number, number][]>, lexicons: Lexicons, seed: number): FittedHashed {
  const bags: FeatureBag[] = [];
  const ys: number[][] = [];
  for (const a of articles) {
    const d = sentenceData(a, gold.get(a.id) ?? [], lexicons);
    bags.push(...d.bags);
    ys.push(...d.ys);
  }
  return fitHashed(bags, ys, HYPERPARAMETERS.sentence, seed);
}

function sentenceProbabilities(model: FittedHashed, a: Article, lexicons: Lexicons): Float64Array {
  return Float64Array.from(sentenceData(a, [], lexicons).bags, (b) => sigmoid(scoreHashed(model, b)));
}

/** Sentence scores for training articles must be out-of-fold, as they will be for new text. */
function stackedSentenceScores(articles: readonly Article[], gold: Map<string, [number, number][]>, lexicons: Lexicons, seed: number): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const part of kFolds(articles, 3, seed + 101)) {
    const inPart = new Set(part);
    const model = trainSentenceModel(articles.filter((a) => !inPart.has(a)), gold, lexicons, seed);
    for (const a of part) out.set(a.id, sentenceProbabilities(model, a, lexicons));
  }
  return out;
}

function tokenData(a: Article, sentenceScore: Float64Array, gold: readonly [number, number][], lexicons: Lexicons) {
  const bags = tokenFeatures(a.ctx, { lexicons, sentenceScore });
  const ys = a.ctx.tokens.map((t) => (gold.some(([gs, ge]) => gs < t.end && t.start < ge) ? [0] : []));
  return { bags, ys };
}

function trainSpanIdentifier(articles: readonly Article[], gold: Map<string, [number, number][]>, lexicons: Lexicons, seed: number) {
  const stacked = stackedSentenceScores(articles, gold, lexicons, seed);
  const bags: FeatureBag[] = [];
  const ys: number[][] = [];
  for (const a of articles) {
    const d = tokenData(a, stacked.get(a.id)!, gold.get(a.id) ?? [], lexicons);
    bags.push(...d.bags);
    ys.push(...d.ys);
  }
  const tokens = fitHashed(bags, ys, HYPERPARAMETERS.tokens, seed);
  const sentence = trainSentenceModel(articles, gold, lexicons, seed);
  return { sentence, tokens };
}

/** Token logits; tokens of sentences under the floor get -Infinity, as at analysis time. */
function tokenLogits(model: { sentence: FittedHashed; tokens: FittedHashed }, a: Article, lexicons: Lexicons): Float64Array {
  const sentenceScore = sentenceProbabilities(model.sentence, a, lexicons);
  return Float64Array.from(tokenFeatures(a.ctx, { lexicons, sentenceScore }), (b, i) =>
    sentenceScore[a.ctx.sentenceOf[i]!]! < HYPERPARAMETERS.sentenceFloor ? -Infinity : scoreHashed(model.tokens, b),
  );
}

// ---------- the whole training run ----------

export async function trainTechniques(options: TrainTechniquesOptions): Promise<{ metrics: TechniqueMetrics; file: ModelFile<StoredTechniqueModel> }> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 13;
  const k = options.folds ?? 5;
  const languages = options.languages ?? semeval2023.LANGUAGES_2023;
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

  const lexicons = readLexicons(join(options.data, 'lexicons'));
  const ptcDir = join(options.data, 'ptc-semeval2020-task11');
  const ptc = prepare(await semeval2020.readArticles(join(ptcDir, 'train-articles')));
  const siGold = new Map<string, [number, number][]>();
  for (const s of await semeval2020.readSiLabels(join(ptcDir, 'train-task-si.labels'))) {
    const a = ptc.get(s.article);
    if (!a) throw new Error(`SI label for unknown article ${s.article}`);
    siGold.set(s.article, [...(siGold.get(s.article) ?? []), [a.map.toUtf16(s.start), a.map.toUtf16(s.end)]]);
  }
  const tcGold = await semeval2020.readTcLabels(join(ptcDir, 'train-task-flc-tc.labels'));
  const ptcArticles = [...ptc.values()];
  log(`train techniques: ${ptcArticles.length} PTC articles, ${tcGold.length} technique spans; ${k}-fold cross-validation, seed ${seed}`);

  // --- SI: out-of-fold token logits, then Platt and the threshold on them
  const oofLogits = new Map<string, Float64Array>();
  const folds = kFolds(ptcArticles, k, seed);
  folds.forEach((fold, f) => {
    const test = new Set(fold);
    const model = trainSpanIdentifier(ptcArticles.filter((a) => !test.has(a)), siGold, lexicons, seed);
    for (const a of fold) oofLogits.set(a.id, tokenLogits(model, a, lexicons));
    log(`train techniques: span identification, fold ${f + 1}/${k} (${elapsed()})`);
  });
  const allLogits: number[] = [];
  const allLabels: boolean[] = [];
  for (const a of ptcArticles) {
    const z = oofLogits.get(a.id)!;
    const gold = siGold.get(a.id) ?? [];
    a.ctx.tokens.forEach((t, i) => {
      if (z[i] === -Infinity) return;
      allLogits.push(z[i]!);
      allLabels.push(gold.some(([gs, ge]) => gs < t.end && t.start < ge));
    });
  }
  const platt = fitPlatt(allLogits, allLabels);
  const siGoldCp = await semeval2020.readSiLabels(join(ptcDir, 'train-task-si.labels'));
  let bestSi = { precision: 0, recall: 0, f1: -1, threshold: 0 };
  for (const threshold of HYPERPARAMETERS.thresholds.si) {
    const predicted: semeval2020.Span[] = [];
    for (const a of ptcArticles) {
      const p = Float64Array.from(oofLogits.get(a.id)!, (z) => (z === -Infinity ? 0 : sigmoid(platt.a * z + platt.b)));
      for (const [first, last] of decodeSpans(a.ctx, p, threshold)) {
        predicted.push({ article: a.id, start: a.map.toCodePoint(a.ctx.tokens[first]!.start), end: a.map.toCodePoint(a.ctx.tokens[last]!.end) });
      }
    }
    const s = semeval2020.scoreSi(siGoldCp, predicted, { articles: ptcArticles.map((a) => a.id) });
    log(`train techniques: SI threshold ${threshold}: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(4)}`);
    if (s.f1 > bestSi.f1) bestSi = { precision: s.precision, recall: s.recall, f1: s.f1, threshold };
  }

  // --- TC (SemEval-2020 labels) and the canonical span classifier (SemEval-2023 English spans)
  const spanBag = (a: Article, start: number, end: number) => spanFeatures(a.ctx, a.map.toUtf16(start), a.map.toUtf16(end), { lowerText: a.lower, lexicons });
  const tcClasses = [...semeval2020.TECHNIQUES_2020];
  const tcExamples = tcGold.map((g) => ({ article: g.article, bag: spanBag(ptc.get(g.article)!, g.start, g.end), y: tcClasses.indexOf(g.technique), span: g }));
  const tcOof = crossValidateSoftmax(tcExamples, ptcArticles.map((a) => a.id), tcClasses.length, k, seed);
  const tcTemperature = fitTemperature(tcOof, tcExamples.map((e) => e.y));
  const tcPredicted = predictTcWithDuplicates(tcExamples.map((e) => e.span), tcOof, tcClasses);
  const tcScore = semeval2020.scoreTc(tcGold, tcPredicted);
  log(`train techniques: TC micro-F1 ${tcScore.f1.toFixed(4)}, macro-F1 ${tcScore.macroF1.toFixed(4)} (${elapsed()})`);

  const enDir = join(options.data, 'semeval2023-task3', 'data', 'en');
  const en = prepare(await semeval2023.readArticles(join(enDir, 'train-articles-subtask-3')));
  const enSpans = (await semeval2023.readSpanLabels(join(enDir, 'train-labels-subtask-3-spans'))).filter((s) => en.has(s.article));
  const canonicalClasses = [...semeval2023.TECHNIQUES_2023];
  const canonicalExamples = enSpans.map((s) => ({
    article: s.article,
    bag: spanBag(en.get(s.article)!, s.start, s.end),
    y: canonicalClasses.indexOf(fromScheme('semeval2023', s.technique)[0]!),
  }));
  const canonicalOof = crossValidateSoftmax(canonicalExamples, [...en.keys()], canonicalClasses.length, k, seed);
  const canonicalTemperature = fitTemperature(canonicalOof, canonicalExamples.map((e) => e.y));
  const canonicalAccuracy = canonicalOof.filter((z, i) => argmax(z) === canonicalExamples[i]!.y).length / canonicalOof.length;
  log(`train techniques: canonical span classifier accuracy ${canonicalAccuracy.toFixed(4)} on ${canonicalExamples.length} SemEval-2023 English spans (${elapsed()})`);

  // --- paragraph models per language
  const paragraphModels: Record<string, StoredParagraphModel> = {};
  const st3: TechniqueMetrics['semeval2023_st3'] = {};
  for (const lang of languages) {
    const result = await trainParagraphModel(join(options.data, 'semeval2023-task3', 'data', lang), lang === 'en' ? lexicons : undefined, k, seed);
    paragraphModels[toIso(lang)] = result.stored;
    st3[lang] = result.metrics;
    log(`train techniques: ST3 ${lang}: micro-F1 ${result.metrics.microF1.toFixed(4)} over ${result.metrics.paragraphs} paragraphs (${elapsed()})`);
  }

  // --- final models on all the data
  const si = trainSpanIdentifier(ptcArticles, siGold, lexicons, seed);
  const tcFinal = fit(tcExamples.map((e) => e.bag), tcExamples.map((e) => e.y), tcClasses.length, false, HYPERPARAMETERS.spans, seed);
  const canonicalFinal = fit(canonicalExamples.map((e) => e.bag), canonicalExamples.map((e) => e.y), canonicalClasses.length, false, HYPERPARAMETERS.spans, seed);
  log(`train techniques: final models fitted (${elapsed()})`);

  const metrics: TechniqueMetrics = {
    semeval2020_si: bestSi,
    semeval2020_tc: { microF1: tcScore.f1, macroF1: tcScore.macroF1, temperature: tcTemperature },
    semeval2023_spans_en: { accuracy: canonicalAccuracy, temperature: canonicalTemperature },
    semeval2023_st3: st3,
    folds: k,
    seed,
  };
  const file: ModelFile<StoredTechniqueModel> = {
    format: 'spinscope-model/1',
    name: TECHNIQUE_MODEL_NAME,
    version: TECHNIQUE_MODEL_VERSION,
    created: new Date().toISOString(),
    training: {
      data: ['ptc-semeval2020-task11 (train)', 'semeval2023-task3 (train: English spans; paragraphs of ' + languages.join(', ') + ')', 'lexicons: VADER, Hu & Liu, retext hedges and weasels'],
      seed,
      folds: k,
      hyperparameters: HYPERPARAMETERS,
    },
    metrics: metrics as unknown as Record<string, unknown>,
    model: {
      lexicons: lexicons.toJSON(),
      si: {
        sentence: packHashed(si.sentence.weights, ['technique'], HYPERPARAMETERS.hashBits),
        tokens: packHashed(si.tokens.weights, ['technique'], HYPERPARAMETERS.hashBits),
        threshold: bestSi.threshold,
        platt,
        sentenceFloor: HYPERPARAMETERS.sentenceFloor,
      },
      tc2020: { model: store(tcFinal, tcClasses), temperature: tcTemperature },
      canonical: { model: store(canonicalFinal, canonicalClasses), temperature: canonicalTemperature },
      paragraphs: paragraphModels,
    },
  };
  writeModelFile(options.out, file);
  log(`train techniques: wrote ${options.out} (${elapsed()})`);
  return { metrics, file };
}

/** SemEval-2023 language folders use ge and po; the analysis uses ISO 639-1. */
export function toIso(lang: string): string {
  return ({ ge: 'de', po: 'pl' } as Record<string, string>)[lang] ?? lang;
}

function argmax(z: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < z.length; i++) if (z[i]! > z[best]!) best = i;
  return best;
}

function crossValidateSoftmax(examples: readonly { article: string; bag: FeatureBag; y: number }[], articles: readonly string[], classes: number, k: number, seed: number): Float64Array[] {
  const out: Float64Array[] = new Array(examples.length);
  for (const fold of kFolds(articles, k, seed)) {
    const test = new Set(fold);
    const train = examples.filter((e) => !test.has(e.article));
    const model = fit(train.map((e) => e.bag), train.map((e) => e.y), classes, false, HYPERPARAMETERS.spans, seed);
    examples.forEach((e, i) => {
      if (test.has(e.article)) out[i] = score(model, e.bag);
    });
  }
  return out;
}

/**
 * TC predictions: a span listed n times (n techniques on the same span)
 * gets the n most probable distinct techniques, as the template asks.
 */
export function predictTcWithDuplicates(spans: readonly semeval2020.Span[], logitsOf: readonly ArrayLike<number>[], classes: readonly string[]): semeval2020.TechniqueSpan[] {
  const groups = new Map<string, number[]>();
  spans.forEach((s, i) => {
    const key = `${s.article}\t${s.start}\t${s.end}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const out: semeval2020.TechniqueSpan[] = new Array(spans.length);
  for (const indices of groups.values()) {
    const p = softmax(logitsOf[indices[0]!]!);
    const ranked = [...p.keys()].sort((a, b) => p[b]! - p[a]!);
    indices.forEach((i, r) => {
      const s = spans[i]!;
      out[i] = { article: s.article, start: s.start, end: s.end, technique: classes[ranked[r % ranked.length]!]! };
    });
  }
  return out;
}

async function trainParagraphModel(dir: string, lexicons: Lexicons | undefined, k: number, seed: number) {
  const classes = [...semeval2023.TECHNIQUES_2023];
  const articles = await semeval2023.readArticles(join(dir, 'train-articles-subtask-3'));
  const labels = await semeval2023.readParagraphLabels(join(dir, 'train-labels-subtask-3'));
  const labelOf = new Map(labels.map((l) => [`${l.article}\t${l.paragraph}`, l.techniques]));
  const units: { article: string; paragraph: number; bag: FeatureBag; y: number[] }[] = [];
  for (const [id, text] of [...articles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const p of semeval2023.paragraphsOf(text)) {
      const gold = labelOf.get(`${id}\t${p.paragraph}`);
      if (!gold) continue;
      const y = gold.map((t) => classes.indexOf(fromScheme('semeval2023', t)[0]!)).filter((c) => c >= 0);
      units.push({ article: id, paragraph: p.paragraph, bag: paragraphFeatures(p.text, lexicons), y });
    }
  }
  const oof: Float64Array[] = new Array(units.length);
  for (const fold of kFolds([...articles.keys()].sort(), k, seed)) {
    const test = new Set(fold);
    const train = units.filter((u) => !test.has(u.article));
    const model = fit(train.map((u) => u.bag), train.map((u) => u.y), classes.length, true, HYPERPARAMETERS.paragraphs, seed);
    units.forEach((u, i) => {
      if (test.has(u.article)) oof[i] = score(model, u.bag);
    });
  }
  const flatScores: number[] = [];
  const flatLabels: boolean[] = [];
  units.forEach((u, i) => classes.forEach((_, c) => (flatScores.push(oof[i]![c]!), flatLabels.push(u.y.includes(c)))));
  const platt = fitPlatt(flatScores, flatLabels);
  const gold = units.map((u) => ({ article: u.article, paragraph: u.paragraph, techniques: u.y.map((c) => classes[c]!) }));
  let best = { microF1: -1, macroF1: 0, threshold: 0 };
  for (const threshold of HYPERPARAMETERS.thresholds.paragraphs) {
    const predicted = units.map((u, i) => ({
      article: u.article,
      paragraph: u.paragraph,
      techniques: classes.filter((_, c) => sigmoid(platt.a * oof[i]![c]! + platt.b) >= threshold),
    }));
    const s = semeval2023.scoreMultiLabel(gold, predicted, classes);
    if (s.microF1 > best.microF1) best = { microF1: s.microF1, macroF1: s.macroF1, threshold };
  }
  const final = fit(units.map((u) => u.bag), units.map((u) => u.y), classes.length, true, HYPERPARAMETERS.paragraphs, seed);
  return {
    stored: { model: store(final, classes), threshold: best.threshold, platt } satisfies StoredParagraphModel,
    metrics: { ...best, paragraphs: units.length },
  };
}
