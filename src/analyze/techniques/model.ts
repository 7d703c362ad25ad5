/**
 * The technique models at analysis time: span identification (a sentence
 * model stacked under a token model), technique classification of a span
 * (in the SemEval-2020 scheme for its benchmark and in the canonical
 * SemEval-2023 taxonomy for the analysis layer), and multi-label techniques
 * per paragraph for each language trained. Every prediction can explain
 * itself by the features that pushed it.
 */
import { fileURLToPath } from 'node:url';
import { FeatureIndex, VectorSink, Vocabulary, type FeatureSink, type SparseVector } from '../../learn/features.ts';
import { logits, sigmoid, softmax, topContributions, type LinearWeights } from '../../learn/linear.ts';
import { HashedSink } from '../../learn/hashing.ts';
import { readModelFile, unpackHashed, unpackLinear, type ModelFile, type StoredHashedLinear, type StoredLinear } from '../../learn/model-file.ts';
import { tokensIn, type ArticleContext } from './context.ts';
import { Lexicons } from './lexicons.ts';
import { emitParagraphFeatures } from './paragraph-features.ts';
import { emitSpanFeatures } from './span-features.ts';
import { emitSentenceFeatures, emitTokenFeatures, tokenFeatureState } from './token-features.ts';

export const TECHNIQUE_MODEL_NAME = 'spinscope-techniques';

/** Default location of the shipped model: models/ at the package root. */
export function defaultTechniqueModelPath(): string {
  return fileURLToPath(new URL('../../../models/techniques.json.gz', import.meta.url));
}

export interface StoredClassifier {
  model: StoredLinear;
  /** Softmax temperature fitted on out-of-fold scores. */
  temperature: number;
}

export interface StoredSpanIdentifier {
  sentence: StoredHashedLinear;
  tokens: StoredHashedLinear;
  /** Token probability from which a token belongs to a span. */
  threshold: number;
  /** Platt scaling of token scores, fitted on out-of-fold scores. */
  platt: { a: number; b: number };
  /** Tokens of sentences the sentence model scores below this are not scored (probability 0). */
  sentenceFloor: number;
}

export interface StoredParagraphModel {
  model: StoredLinear;
  /** Probability from which a technique is assigned to a paragraph, tuned by cross-validation. */
  threshold: number;
  platt: { a: number; b: number };
}

export interface StoredTechniqueModel {
  lexicons: Record<string, string[]>;
  si: StoredSpanIdentifier;
  tc2020: StoredClassifier;
  canonical: StoredClassifier;
  paragraphs: Record<string, StoredParagraphModel>;
}

/** A linear model with its vocabulary, ready to score what extractors write. */
class Scorer {
  readonly weights: LinearWeights;
  readonly vocab: Vocabulary;
  readonly classes: string[];
  /** Reused for every example: analysis is single-threaded per pipeline. */
  readonly sink: VectorSink;

  constructor(stored: StoredLinear) {
    this.weights = unpackLinear(stored);
    this.vocab = Vocabulary.from(stored.features);
    this.classes = stored.classes;
    this.sink = new VectorSink(new FeatureIndex(this.vocab));
  }

  /** The vector of what `write` emits. */
  vector(write: (sink: FeatureSink) => void): SparseVector {
    this.sink.reset();
    write(this.sink);
    return this.sink.vector();
  }

  logits(x: SparseVector): Float64Array {
    return logits(this.weights, x);
  }

  /** The features that raised class k the most, as readable evidence. */
  evidence(x: SparseVector, k: number, n = 4): string[] {
    return topContributions(this.weights, x, k, n).map(([f]) => describeFeature(this.vocab.names[f]!));
  }
}

/** A model over hashed features: fast, but it cannot name its features. */
class HashedScorer {
  readonly weights: LinearWeights;
  private readonly sink: HashedSink;

  constructor(stored: StoredHashedLinear) {
    this.weights = unpackHashed(stored);
    this.sink = new HashedSink(stored.bits);
  }

  /** The first class's logit for what `write` emits. */
  logit(write: (sink: FeatureSink) => void): number {
    this.sink.reset();
    write(this.sink);
    return logits(this.weights, this.sink.vector())[0]!;
  }
}

/** Turns a feature name into words a person can read. */
export function describeFeature(name: string): string {
  const eq = name.indexOf('=');
  if (eq < 0) return name;
  const kind = name.slice(0, eq);
  const value = name.slice(eq + 1);
  switch (kind) {
    case 'w':
      return `the word “${value}”`;
    case 'b':
      return `the words “${value.replace('<s> ', '').replace(' </s>', '')}”`;
    case 'phrase':
      return `the phrase “${value}”`;
    case 'first':
      return `starts with “${value}”`;
    case 'last':
      return `ends with “${value}”`;
    case 'suffix':
    case 'suffix3':
      return `a word ending in “${value.slice(1)}”`;
    case 'prefix':
      return `a word beginning with “${value.slice(0, -1)}”`;
    case 'shape':
      return value === 'ALLCAPS word' ? 'a word in capitals' : value;
    case 'len':
      return `${value} long`;
    case 'cover':
      return `covers ${value}`;
    case 'repeated':
      return value === 'seen earlier' ? 'repeats words used earlier in the article' : `repeated ${value}`;
    case 'word repeated':
      return `a word repeated ${value} in the article`;
    case 'quote':
      return `a quotation mark ${value}`;
    case 'has':
      return `contains “${value}”`;
    case 'left':
      return `after “${value}”`;
    case 'right':
      return `before “${value}”`;
    case 'left2':
    case 'near left':
      return `after “${value}”`;
    case 'right2':
    case 'near right':
      return `before “${value}”`;
    case 'sent':
      return `“${value}” in the same sentence`;
    case 'lex':
      return `${value} words`;
    case 'p':
      return `the mark “${value}”`;
    default:
      return `${kind}: ${value}`;
  }
}

export interface IdentifiedSpan {
  start: number;
  end: number;
  /** Calibrated mean probability of the span's tokens. */
  score: number;
}

export interface RankedTechnique {
  technique: string;
  probability: number;
  evidence: string[];
}

export interface ParagraphTechniques {
  start: number;
  end: number;
  techniques: RankedTechnique[];
}

export class TechniqueModel {
  readonly name: string;
  readonly version: string;
  readonly file: ModelFile<StoredTechniqueModel>;
  private readonly lexicons: Lexicons;
  private readonly siSentence: HashedScorer;
  private readonly siTokens: HashedScorer;
  private readonly tc2020: Scorer;
  private readonly canonical: Scorer;
  private readonly paragraphModels = new Map<string, Scorer>();

  constructor(file: ModelFile<StoredTechniqueModel>) {
    this.file = file;
    this.name = file.name;
    this.version = file.version;
    const m = file.model;
    this.lexicons = new Lexicons(m.lexicons);
    this.siSentence = new HashedScorer(m.si.sentence);
    this.siTokens = new HashedScorer(m.si.tokens);
    this.tc2020 = new Scorer(m.tc2020.model);
    this.canonical = new Scorer(m.canonical.model);
    for (const [lang, p] of Object.entries(m.paragraphs)) this.paragraphModels.set(lang, new Scorer(p.model));
  }

  static load(path = defaultTechniqueModelPath()): TechniqueModel {
    return new TechniqueModel(readModelFile<StoredTechniqueModel>(path));
  }

  /** Languages with a paragraph-level model. */
  get paragraphLanguages(): string[] {
    return [...this.paragraphModels.keys()].sort();
  }

  /** Probability per sentence that it contains a technique. */
  sentenceScores(ctx: ArticleContext): Float64Array {
    return sentenceScores(ctx, this.siSentence, this.lexicons);
  }

  /** Token probabilities (calibrated) that each token is part of a technique span. */
  tokenScores(ctx: ArticleContext): Float64Array {
    const sentenceScore = this.sentenceScores(ctx);
    const state = tokenFeatureState(ctx, { lexicons: this.lexicons, sentenceScore });
    const { a, b } = this.file.model.si.platt;
    const scorer = this.siTokens;
    const floor = this.file.model.si.sentenceFloor;
    return Float64Array.from(ctx.tokens, (_, i) =>
      sentenceScore[ctx.sentenceOf[i]!]! < floor ? 0 : sigmoid(a * scorer.logit((sink) => emitTokenFeatures(state, i, sink)) + b),
    );
  }

  /** Spans that use some technique: runs of tokens over the threshold within a sentence. */
  identify(ctx: ArticleContext): IdentifiedSpan[] {
    const probabilities = this.tokenScores(ctx);
    return decodeSpans(ctx, probabilities, this.file.model.si.threshold).map(([first, last]) => {
      let sum = 0;
      for (let i = first; i <= last; i++) sum += probabilities[i]!;
      return {
        start: ctx.tokens[first]!.start,
        end: ctx.tokens[last]!.end,
        score: sum / (last - first + 1),
      };
    });
  }

  /** Techniques of the span [start, end), most probable first; `scheme` picks the label set. */
  classify(ctx: ArticleContext, start: number, end: number, scheme: 'semeval2020' | 'canonical', lowerText = ctx.text.toLowerCase()): RankedTechnique[] {
    const scorer = scheme === 'semeval2020' ? this.tc2020 : this.canonical;
    const temperature = scheme === 'semeval2020' ? this.file.model.tc2020.temperature : this.file.model.canonical.temperature;
    const x = scorer.vector((sink) => emitSpanFeatures(ctx, start, end, { lowerText, lexicons: this.lexicons }, sink));
    const p = softmax(scorer.logits(x), temperature);
    return scorer.classes
      .map((technique, k) => ({ technique, probability: p[k]!, k }))
      .sort((a, b) => b.probability - a.probability)
      .map(({ technique, probability, k }, rank) => ({ technique, probability, evidence: rank < 3 ? scorer.evidence(x, k) : [] }));
  }

  /** Techniques of each paragraph, for a language with a paragraph model; `undefined` for others. */
  paragraphs(paragraphs: readonly { start: number; end: number }[], text: string, language: string): ParagraphTechniques[] | undefined {
    const scorer = this.paragraphModels.get(language);
    const stored = this.file.model.paragraphs[language];
    if (!scorer || !stored) return undefined;
    const lexicons = language === 'en' ? this.lexicons : undefined;
    return paragraphs.map((p) => {
      const x = scorer.vector((sink) => emitParagraphFeatures(text.slice(p.start, p.end), lexicons, sink));
      const z = scorer.logits(x);
      const techniques = scorer.classes
        .map((technique, k) => ({ technique, probability: sigmoid(stored.platt.a * z[k]! + stored.platt.b), k }))
        .filter((t) => t.probability >= stored.threshold)
        .sort((a, b) => b.probability - a.probability)
        .map(({ technique, probability, k }) => ({ technique, probability, evidence: scorer.evidence(x, k, 3) }));
      return { start: p.start, end: p.end, techniques };
    });
  }
}

function sentenceScores(ctx: ArticleContext, scorer: HashedScorer, lexicons: Lexicons): Float64Array {
  return Float64Array.from(ctx.sentences, (s, k) => {
    const [first, last] = tokensIn(ctx, s.start, s.end);
    return sigmoid(scorer.logit((sink) => emitSentenceFeatures(ctx, k, first, last, lexicons, sink)));
  });
}

/**
 * Closed-class English words: a run made of these alone ("for", "so", "does
 * not") carries no technique by itself, however its neighbours scored.
 */
const FUNCTION_WORDS = new Set(
  ('a an the and or but nor so yet for of to in on at by with from into onto over under about after before than then ' +
    'as if when while because though although whether that this these those it its he she they them him her his hers ' +
    'their theirs we us our you your i me my who whom whose which what where why how there here is are was were be been ' +
    'being am do does did done have has had having will would shall should can could may might must not no n\'t \'s ' +
    'also just only even still too very all any some each both either neither one such other same own more most much many ' +
    'up out off again further once now')
    .split(' '),
);

/**
 * Token runs [first, last] (inclusive) whose probabilities reach `threshold`,
 * within one sentence; a run never starts or ends on punctuation, and a run
 * of function words alone is dropped.
 */
export function decodeSpans(ctx: ArticleContext, probabilities: ArrayLike<number>, threshold: number): [number, number][] {
  const out: [number, number][] = [];
  const n = probabilities.length;
  let i = 0;
  while (i < n) {
    if (probabilities[i]! < threshold || ctx.tokens[i]!.label === 'punct') {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && ctx.sentenceOf[j + 1] === ctx.sentenceOf[i] && probabilities[j + 1]! >= threshold) j++;
    let last = j;
    while (last > i && ctx.tokens[last]!.label === 'punct') last--;
    // trimming function words off the edges was tried too: it lowered F1 in cross-validation
    let content = false;
    for (let k = i; k <= last && !content; k++) content = ctx.tokens[k]!.label !== 'punct' && !FUNCTION_WORDS.has(ctx.lower[k]!);
    if (content) out.push([i, last]);
    i = j + 1;
  }
  return out;
}
