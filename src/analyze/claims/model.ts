/**
 * The check-worthiness model at analysis time: a logistic sentence model
 * over the features of `features.ts`, a debate ranker over its scores in
 * context (`debate.ts`), Platt calibrations fitted on out-of-fold scores of
 * each training corpus, and the evidence for a score in words.
 */
import { fileURLToPath } from 'node:url';
import { BagSink, FeatureIndex, Vocabulary, type FeatureSink } from '../../learn/features.ts';
import { logits, sigmoid, type LinearWeights } from '../../learn/linear.ts';
import { readModelFile, unpackLinear, type ModelFile, type StoredLinear } from '../../learn/model-file.ts';
import { findCues } from './cues.ts';
import { debateContext } from './context.ts';
import { emitDebateFeatures } from './debate.ts';
import { emitClaimFeatures, type FeatureOptions } from './features.ts';
import { sentenceOf, surface, type SentenceTokens } from './sentence.ts';

export const CLAIM_MODEL_NAME = 'spinscope-claims';

export function defaultClaimModelPath(): string {
  return fileURLToPath(new URL('../../../models/claims.json.gz', import.meta.url));
}

/** p = σ(a·z + b), and the probability from which a sentence is called a claim. */
export interface Calibration {
  a: number;
  b: number;
  threshold: number;
}

export interface StoredClaimModel {
  /** The sentence model: one sentence at a time, from its own words. */
  sentence: StoredLinear;
  features: FeatureOptions;
  /** The debate ranker, over sentence-model logits of a line and its neighbours, the speaker's role and the turn. */
  debate: StoredLinear;
  /**
   * By corpus: `claimbuster` (check-worthy factual sentences, a quarter of
   * ClaimBuster's), `claimbuster-balanced` (the same moved to half of all
   * sentences, as in ClaimBuster's balanced test split) and `clef2019` (the
   * debate ranker's: lines fact-checkers picked, a few percent).
   */
  calibration: Record<string, Calibration>;
  /** The calibration of the sentence model when a caller names none. */
  defaultCalibration: string;
}

export interface ScoreContext {
  /** Speaker of each sentence: the sentences are a debate transcript, ranked with their context. */
  speakers?: readonly string[];
  /** Which calibration turns scores into probabilities (default: the model's default, or `clef2019` for debates). */
  calibration?: string;
}

/** Human-readable reasons for the cues, given the words that showed them. */
const CUE_TEXT: Record<string, (s: string) => string> = {
  'num=number': (s) => `states a number: ${s}`,
  'num=percent': (s) => `states a percentage: ${s}`,
  'num=money': (s) => `names an amount of money: ${s}`,
  'num=year': (s) => `names a year: ${s}`,
  'num=decade': (s) => `names a decade: ${s}`,
  'num=large': (s) => `names a large quantity: ${s}`,
  'num=spelled': (s) => `states a number: ‘${s}’`,
  'num=proportion': (s) => `names a proportion: ‘${s}’`,
  'date=month': (s) => `names a date: ${s}`,
  'date=time': (s) => `refers to a time: ‘${s}’`,
  'cmp=comparative': (s) => `names a comparison: ‘${s}’`,
  'cmp=superlative': (s) => `uses a superlative: ‘${s}’`,
  'cmp=change': (s) => `describes a change: ‘${s}’`,
  'cmp=record': (s) => `claims a record: ‘${s}’`,
  'name=acronym': (s) => `names an organisation or programme: ${s}`,
  'tense=past': (s) => `reports what happened: ‘${s}’`,
  'tense=perfect': (s) => `says what has happened: ‘${s}’`,
  'tense=future': (s) => `speaks of the future: ‘${s}’`,
  'stance=opinion': (s) => `gives an opinion: ‘${s}’`,
  'stance=hedge': (s) => `hedges: ‘${s}’`,
  'stance=obligation': (s) => `says what should be done: ‘${s}’`,
  'form=question': () => 'asks a question',
  'form=exclamation': () => 'exclaims',
  'form=bracketed': () => 'a note in brackets',
};

/** Turns a feature name into words; `cues` maps cue features of the sentence to the text that showed them. */
export function describeClaimFeature(name: string, cues?: ReadonlyMap<string, string[]>): string {
  const shown = cues?.get(name);
  if (shown?.length && CUE_TEXT[name]) return CUE_TEXT[name]!(shown.slice(0, 3).join(', '));
  const eq = name.indexOf('=');
  if (eq < 0) return name;
  const kind = name.slice(0, eq);
  const value = name.slice(eq + 1);
  switch (kind) {
    case 'w':
      return `the word ‘${value}’`;
    case 'b': {
      const words = value.replace('<s> ', 'starts with ').replace(/<num>/g, 'a number');
      return words.startsWith('starts with ') ? `${words.replace('starts with ', 'starts with ‘')}’` : `the words ‘${words}’`;
    }
    case 'len':
      return `a sentence of ${value}`;
    case 'name':
      return shown?.length ? `names people, places or organisations: ${shown.slice(0, 3).join(', ')}` : 'names people, places or organisations';
    case 'z':
      return value === 'line' ? 'the sentence itself' : `the ${value}`;
    case 'edge':
      return `the ${value} of the transcript`;
    case 'turn':
      return `the ${value} of a speaker's turn`;
    case 'role':
    case 'role×z':
      return `said by a ${value}`;
    default:
      return CUE_TEXT[name] ? CUE_TEXT[name]!('').replace(/:\s*‘?’?$/, '') : `${kind}: ${value}`;
  }
}

/** The cue features of a sentence with the words that showed each, capitalised words listed for `name=*`. */
export function cueTexts(s: SentenceTokens): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string, text: string) => {
    const list = out.get(name) ?? [];
    if (!list.includes(text)) list.push(text);
    out.set(name, list);
  };
  findCues(s, (template, key, k, j) => {
    if (template === 'name' && key !== 'acronym') {
      // the cue counts capitalised words from the first one (k) on; the reader wants to see them
      for (let i = k; i < s.lower.length; i++) {
        const t = s.tokens[s.from + i]!;
        const c = s.text.charCodeAt(t.start);
        if (t.label === 'word' && c >= 65 && c <= 90 && s.lower[i] !== 'i' && !s.lower[i]!.startsWith("i'")) add(`name=${key}`, s.text.slice(t.start, t.end));
      }
      return;
    }
    add(`${template}=${key}`, surface(s, k, j));
  });
  return out;
}

/** The words of a `w=` or `b=` feature, without the sentence-start and number placeholders. */
function wordsOf(name: string): string[] {
  return name
    .slice(2)
    .split(' ')
    .filter((w) => w !== '<s>' && w !== '<num>');
}

/**
 * A word pair as the sentence writes it ("12 percent", not "a number
 * percent"): the first place where the feature's normalised words occur.
 */
function describePair(s: SentenceTokens, name: string): string {
  const [first, second] = name.slice(2).split(' ') as [string, string];
  // the same normalisation as emitClaimFeatures: punctuation skipped, any number is <num>
  const norm = (k: number) => (s.tokens[s.from + k]!.label === 'number' ? '<num>' : s.lower[k]!);
  let previous = -1;
  for (let k = 0; k < s.lower.length; k++) {
    if (s.tokens[s.from + k]!.label === 'punct') continue;
    if (norm(k) === second && (previous < 0 ? '<s>' : norm(previous)) === first) {
      return previous < 0 ? `starts with ‘${surface(s, k, k)}’` : `the words ‘${surface(s, previous, k)}’`;
    }
    previous = k;
  }
  return describeClaimFeature(name);
}

export interface ClaimScore {
  /** Calibrated probability that the sentence is a check-worthy claim. */
  score: number;
  /** Why, in words, strongest reason first. */
  evidence: string[];
}

/**
 * Scores while features are written: each feature's weight is added as it
 * arrives (set keeps the last value, add sums, as VectorSink does), and the
 * features seen are kept for the evidence. Nothing is allocated per
 * sentence; the layer scores every sentence of every article.
 */
class ScoringSink implements FeatureSink {
  private readonly stamp: Int32Array;
  private readonly value: Float64Array;
  private readonly index: FeatureIndex;
  /** The word and word-pair templates, held directly: they are most of the lookups. */
  private readonly words: ReadonlyMap<string, number>;
  private readonly wordPairs: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Features of the current sentence, in the order they came. */
  readonly ids: number[] = [];
  private current = 1;
  /** The logit so far. */
  z = 0;

  constructor(
    vocab: Vocabulary,
    private readonly weights: Float32Array,
    private readonly bias: number,
  ) {
    this.stamp = new Int32Array(vocab.size);
    this.value = new Float64Array(vocab.size);
    this.index = new FeatureIndex(vocab);
    this.words = this.index.keysOf('w');
    this.wordPairs = this.index.pairsOf('b');
  }

  reset(): void {
    this.current++;
    this.ids.length = 0;
    this.z = this.bias;
  }

  private put(id: number | undefined, v: number, accumulate: boolean): void {
    if (id === undefined) return;
    const w = this.weights[id]!;
    if (this.stamp[id] === this.current) {
      const old = this.value[id]!;
      const next = accumulate ? old + v : v;
      this.z += (next - old) * w;
      this.value[id] = next;
      return;
    }
    this.stamp[id] = this.current;
    this.value[id] = v;
    this.ids.push(id);
    this.z += v * w;
  }

  set(template: string, key: string, value = 1): void {
    this.put(template === 'w' ? this.words.get(key) : this.index.id(template, key), value, false);
  }

  add(template: string, key: string, value = 1): void {
    this.put(template === 'w' ? this.words.get(key) : this.index.id(template, key), value, true);
  }

  pair(template: string, first: string, second: string, value = 1): void {
    this.put(template === 'b' ? this.wordPairs.get(first)?.get(second) : this.index.pairId(template, first, second), value, false);
  }

  /** The n features that raised the logit most: [feature, contribution]. */
  top(n: number): [number, number][] {
    const out: [number, number][] = [];
    for (const id of this.ids) {
      const c = this.weights[id]! * this.value[id]!;
      if (c > 0) out.push([id, c]);
    }
    return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, n);
  }
}

export class ClaimModel {
  readonly name: string;
  readonly version: string;
  readonly file: ModelFile<StoredClaimModel>;
  private readonly weights: LinearWeights;
  private readonly vocab: Vocabulary;
  private readonly sink: ScoringSink;
  private readonly options: FeatureOptions;
  private readonly ranker: LinearWeights;
  private readonly rankerVocab: Vocabulary;

  constructor(file: ModelFile<StoredClaimModel>) {
    this.file = file;
    this.name = file.name;
    this.version = file.version;
    this.weights = unpackLinear(file.model.sentence);
    this.vocab = Vocabulary.from(file.model.sentence.features);
    // one sink per model: a pipeline analyses one document at a time
    this.sink = new ScoringSink(this.vocab, this.weights.weights, this.weights.bias[0]!);
    this.options = file.model.features;
    this.ranker = unpackLinear(file.model.debate);
    this.rankerVocab = Vocabulary.from(file.model.debate.features);
  }

  static load(path = defaultClaimModelPath()): ClaimModel {
    return new ClaimModel(readModelFile<StoredClaimModel>(path));
  }

  calibration(name = this.file.model.defaultCalibration): Calibration {
    const c = this.file.model.calibration[name];
    if (!c) throw new Error(`claim model ${this.name} has no calibration '${name}' (it has ${Object.keys(this.file.model.calibration).join(', ')})`);
    return c;
  }

  /** A logit as a probability under a calibration. */
  probability(z: number, calibration?: string): number {
    const { a, b } = this.calibration(calibration);
    return sigmoid(a * z + b);
  }

  /** The sentence model's raw score (logit) of one sentence. */
  logit(s: SentenceTokens): number {
    this.sink.reset();
    emitClaimFeatures(s, this.sink, this.options);
    return this.sink.z;
  }

  /** The debate ranker's logits of a transcript's lines. */
  debateLogits(sentences: readonly SentenceTokens[], speakers: readonly string[]): Float64Array {
    if (speakers.length !== sentences.length) throw new Error(`${sentences.length} sentences but ${speakers.length} speakers`);
    const z = Float64Array.from(sentences, (s) => this.logit(s));
    const context = debateContext(speakers);
    return Float64Array.from(sentences, (_, i) => {
      const bag = new BagSink();
      emitDebateFeatures(z, i, context, sentences, bag);
      return logits(this.ranker, this.rankerVocab.vectorize(bag.bag))[0]!;
    });
  }

  /**
   * Calibrated probabilities that each sentence is a check-worthy claim.
   * With `speakers`, the sentences are a debate and are scored with their
   * context; otherwise each sentence is scored alone.
   */
  scoreSentences(sentences: readonly string[], context: ScoreContext = {}): number[] {
    const tokens = sentences.map(sentenceOf);
    if (context.speakers) {
      const calibration = context.calibration ?? 'clef2019';
      return Array.from(this.debateLogits(tokens, context.speakers), (z) => this.probability(z, calibration));
    }
    return tokens.map((s) => this.probability(this.logit(s), context.calibration));
  }

  /** The features that raised a sentence's score most, in words (`n` at most). */
  explain(s: SentenceTokens, n = 4): string[] {
    this.logit(s);
    return this.lastEvidence(s, n);
  }

  /** `explain` for the sentence that `logit` scored last, without scoring it again. */
  lastEvidence(s: SentenceTokens, n = 4): string[] {
    let cues: Map<string, string[]> | undefined;
    const out: string[] = [];
    const shown: string[] = [];
    for (const [f] of this.sink.top(n * 3)) {
      const name = this.vocab.names[f]!;
      // "names an amount of money: $2.5 billion" already says what the words "$" and "billion" would
      if ((name.startsWith('w=') || name.startsWith('b=')) && wordsOf(name).every((w) => shown.some((t) => t.includes(w)))) continue;
      // the words behind a cue are looked up only when a cue is among the reasons
      if (!cues && !name.startsWith('w=') && !name.startsWith('b=')) cues = cueTexts(s);
      const reason = name.startsWith('b=') ? describePair(s, name) : describeClaimFeature(name, cues);
      out.push(reason);
      shown.push(reason.toLowerCase());
      if (out.length === n) break;
    }
    return out;
  }

  /** One sentence's probability and the reasons for it. */
  scoreOne(sentence: string, calibration?: string): ClaimScore {
    const s = sentenceOf(sentence);
    return { score: this.probability(this.logit(s), calibration), evidence: this.explain(s) };
  }
}
