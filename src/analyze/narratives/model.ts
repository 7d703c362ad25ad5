/**
 * The narrative model at analysis time: an article's tokens → calibrated
 * probabilities of `Other`, each narrative and each sub-narrative → the
 * decoded narratives of one domain with their sub-narratives, each with the
 * sentences and phrases of the article that pushed it most.
 */
import { fileURLToPath } from 'node:url';
import { FeatureIndex, VectorSink, Vocabulary } from '../../learn/features.ts';
import { readModelFile, type ModelFile } from '../../learn/model-file.ts';
import { sigmoid } from '../../learn/linear.ts';
import type { Token } from '../../text/tokenize.ts';
import type { Range } from '../../text/paragraphs.ts';
import { isStopWord } from '../cases/terms.ts';
import { decodeNarratives, type DecodeThresholds, type LabelProbabilities } from './decode.ts';
import { emitArticleFeatures, finishVector, tokenKey, type ArticleFeatureOptions } from './features.ts';
import { SparseLinear, type StoredSparseLinear } from './sparse-model.ts';
import { MODEL_CLASSES, NARRATIVE_LABELS, NARRATIVES, SUBNARRATIVE_LABELS } from './taxonomy.ts';

export const NARRATIVE_MODEL_NAME = 'spinscope-narratives';
export const NARRATIVE_MODEL_VERSION = '1.0.0';

/** Default location of the shipped model: models/ at the package root. */
export function defaultNarrativeModelPath(): string {
  return fileURLToPath(new URL('../../../models/narratives.json.gz', import.meta.url));
}

export interface StoredNarrativeModel {
  features: ArticleFeatureOptions;
  /** Classes: `Other`, the narratives, the sub-narratives (NARRATIVE_CLASSES). */
  linear: StoredSparseLinear;
  platt: {
    other: { a: number; b: number };
    coarse: { a: number; b: number };
    fine: { a: number; b: number };
  };
  /** Decoding thresholds per language the model was trained on. */
  thresholds: Record<string, DecodeThresholds>;
}

export interface SubNarrative {
  label: string;
  score: number;
}

export interface NarrativeResult {
  label: string;
  score: number;
  sub: SubNarrative[];
  /** The sentences and phrases that raised this narrative most. */
  evidence: string[];
}

export interface NarrativeAnalysis {
  /** Empty when the article carries no narrative of the taxonomy (`Other`). */
  narratives: NarrativeResult[];
  /** Probability that the article carries none. */
  other: number;
}

const COARSE_FROM = 1;
const FINE_FROM = 1 + NARRATIVE_LABELS.length;
const EVIDENCE_SENTENCES = 2;
const EVIDENCE_PHRASES = 4;
const MAX_QUOTE = 240;

export class NarrativeModel {
  readonly name: string;
  readonly version: string;
  readonly file: ModelFile<StoredNarrativeModel>;
  readonly linear: SparseLinear;
  private readonly index: FeatureIndex;
  /** Reused for every article: analysis is single-threaded per pipeline. */
  private readonly sink: VectorSink;
  private readonly z: Float64Array<ArrayBuffer>;

  constructor(file: ModelFile<StoredNarrativeModel>) {
    this.file = file;
    this.name = file.name;
    this.version = file.version;
    this.linear = new SparseLinear(file.model.linear.features, file.model.linear.heads[0]!);
    const classes = this.linear.classes;
    if (classes.length !== MODEL_CLASSES.length || classes.some((c, i) => c !== MODEL_CLASSES[i])) {
      throw new Error(`narrative model ${file.name} ${file.version} was trained on another taxonomy (${classes.length} classes); retrain it with \`spinscope train narratives\``);
    }
    this.index = new FeatureIndex(Vocabulary.from(file.model.linear.features));
    this.sink = new VectorSink(this.index);
    this.z = new Float64Array(this.linear.classes.length);
  }

  static load(path = defaultNarrativeModelPath()): NarrativeModel {
    return new NarrativeModel(readModelFile<StoredNarrativeModel>(path));
  }

  /** Languages with tuned thresholds (the ones trained on). */
  get languages(): string[] {
    return Object.keys(this.file.model.thresholds).sort();
  }

  /** Calibrated probabilities of `Other`, the narratives and the sub-narratives. */
  probabilities(text: string, tokens: readonly Token[], language: string): LabelProbabilities {
    const z = this.logits(text, tokens, language);
    const { platt } = this.file.model;
    const coarse = new Float64Array(NARRATIVE_LABELS.length);
    const fine = new Float64Array(SUBNARRATIVE_LABELS.length);
    for (let i = 0; i < coarse.length; i++) coarse[i] = sigmoid(platt.coarse.a * z[COARSE_FROM + i]! + platt.coarse.b);
    for (let i = 0; i < fine.length; i++) fine[i] = sigmoid(platt.fine.a * z[FINE_FROM + i]! + platt.fine.b);
    return { other: sigmoid(platt.other.a * z[0]! + platt.other.b), coarse, fine };
  }

  private logits(text: string, tokens: readonly Token[], language: string): Float64Array {
    this.sink.reset();
    emitArticleFeatures(text, tokens, language, this.sink, this.file.model.features);
    const x = finishVector(this.sink.vector(), this.index.id('lang', language));
    return this.linear.logits(x, this.z);
  }

  /** The narratives of an article, with sub-narratives and evidence; `sentences` locate the evidence. */
  analyze(text: string, tokens: readonly Token[], sentences: readonly Range[], language: string): NarrativeAnalysis {
    const p = this.probabilities(text, tokens, language);
    const thresholds = this.file.model.thresholds[language] ?? this.file.model.thresholds.en ?? Object.values(this.file.model.thresholds)[0]!;
    const decoded = decodeNarratives(p, thresholds);
    const narratives = decoded.map((d) => ({
      label: NARRATIVES[d.narrative]!.label,
      score: d.score,
      sub: d.sub.map((s) => ({ label: SUBNARRATIVE_LABELS[s.index]!, score: s.score })),
      evidence: this.evidence(text, tokens, sentences, COARSE_FROM + d.narrative),
    }));
    return { narratives, other: p.other };
  }

  /**
   * What raised class `k`: each word and word pair of the article adds its
   * weight to its sentence; the sentences with the most, quoted, then the
   * phrases with the largest weights. Sub-word features are left out: a
   * "word beginning" is no evidence a reader can check.
   */
  evidence(text: string, tokens: readonly Token[], sentences: readonly Range[], k: number): string[] {
    const perSentence = new Float64Array(Math.max(1, sentences.length));
    const phrases = new Map<string, number>();
    let s = 0;
    let prev: string | undefined;
    let prevStart = 0;
    const w = (template: string, key: string, first?: string): number => {
      const id = first === undefined ? this.index.id(template, key) : this.index.pairId(template, first, key);
      return id === undefined ? 0 : this.linear.weightOf(id, k);
    };
    for (const t of tokens) {
      while (s + 1 < sentences.length && sentences[s]!.end <= t.start) s++;
      const key = tokenKey(text, t);
      if (key === undefined) {
        if (t.label === 'punct') prev = undefined;
        continue;
      }
      const uni = w('w', key);
      const bi = prev === undefined ? 0 : w('b', key, prev);
      const gain = Math.max(0, uni) + Math.max(0, bi);
      perSentence[s] = perSentence[s]! + gain;
      // stop words may weigh, but they are no evidence a reader can use
      if (uni > 0 && key !== '<num>' && !isStopWord(key)) phrases.set(key, Math.max(phrases.get(key) ?? 0, uni));
      if (bi > 0 && prev !== undefined && !(isStopWord(prev) && isStopWord(key))) {
        const phrase = text.slice(prevStart, t.end).replace(/\s+/g, ' ').toLowerCase();
        phrases.set(phrase, Math.max(phrases.get(phrase) ?? 0, bi));
      }
      prev = key;
      prevStart = t.start;
    }
    const out: string[] = [];
    const ranked = [...perSentence.keys()].filter((i) => perSentence[i]! > 0 && i < sentences.length).sort((a, b) => perSentence[b]! - perSentence[a]!);
    for (const i of ranked.slice(0, EVIDENCE_SENTENCES)) out.push(`“${quote(text.slice(sentences[i]!.start, sentences[i]!.end))}”`);
    const top = [...phrases].sort((a, b) => b[1] - a[1]).slice(0, EVIDENCE_PHRASES).map(([p]) => `“${p}”`);
    if (top.length) out.push(`key words: ${top.join(', ')}`);
    return out;
  }
}

function quote(sentence: string): string {
  const s = sentence.replace(/\s+/g, ' ').trim();
  return s.length <= MAX_QUOTE ? s : `${s.slice(0, MAX_QUOTE - 1).replace(/\s+\S*$/, '')}…`;
}
