/**
 * The genre and frame classifiers at analysis time: per language, a
 * vocabulary, a softmax over the three genres and one sigmoid per frame, with
 * the frame threshold chosen by cross-validation at training time. Evidence
 * is the words that pushed a label up the most in this article.
 */
import { fileURLToPath } from 'node:url';
import { Vocabulary } from '../../learn/features.ts';
import { logits, sigmoid, softmax, topContributions, type LinearWeights } from '../../learn/linear.ts';
import { readModelFile, unpackLinear, type StoredLinear } from '../../learn/model-file.ts';
import { articleBag } from './features.ts';
import { chooseGenre } from './choose.ts';

export const FRAMING_MODEL_NAME = 'spinscope-framing';

export interface StoredFramingLanguage {
  threshold: number;
  genreOffsets: number[];
  /** Holds the feature names that `frames` shares. */
  genre: StoredLinear;
  frames: StoredLinear;
}

export interface StoredFramingModel {
  languages: Record<string, StoredFramingLanguage>;
}

export interface LabelScore {
  label: string;
  score: number;
  evidence: string[];
}

export interface FramingResult {
  genre: LabelScore & { scores: Record<string, number> };
  frames: LabelScore[];
}

export function defaultFramingModelPath(): string {
  return fileURLToPath(new URL('../../../models/framing.json.gz', import.meta.url));
}

/** A feature name as a reader would say it. */
export function describeFramingFeature(name: string): string {
  const eq = name.indexOf('=');
  const kind = name.slice(0, eq);
  const value = name.slice(eq + 1);
  if (kind === 'w') return `the word '${value}'`;
  if (kind === 'b') return `the words '${value.replace(/^<s> |^<p> /, '')}'`;
  if (kind === 'suf') return `words ending in '-${value}'`;
  if (kind.startsWith('style:')) return `${kind.slice(6).replace('/1000w', ' per 1,000 words')}: ${value}`;
  return name;
}

interface LanguageModel {
  vocab: Vocabulary;
  genre: LinearWeights;
  frames: LinearWeights;
  genreLabels: string[];
  frameLabels: string[];
  threshold: number;
  genreOffsets: number[];
}

export class FramingModel {
  readonly name = FRAMING_MODEL_NAME;

  private constructor(
    private readonly models: Map<string, LanguageModel>,
    readonly version: string,
  ) {}

  static load(path = defaultFramingModelPath()): FramingModel {
    const file = readModelFile<StoredFramingModel>(path);
    if (file.name !== FRAMING_MODEL_NAME) throw new Error(`${path}: not a genre and frame model (${file.name})`);
    const models = new Map<string, LanguageModel>();
    for (const [lang, m] of Object.entries(file.model.languages)) {
      models.set(lang, {
        vocab: Vocabulary.from(m.genre.features),
        genre: unpackLinear(m.genre),
        frames: unpackLinear({ ...m.frames, features: m.genre.features }),
        genreLabels: m.genre.classes,
        frameLabels: m.frames.classes,
        threshold: m.threshold,
        genreOffsets: m.genreOffsets,
      });
    }
    return new FramingModel(models, file.version);
  }

  get languages(): string[] {
    return [...this.models.keys()];
  }

  supports(lang: string): boolean {
    return this.models.has(lang);
  }

  private last: { text: string; lang: string; evidence: number; result: FramingResult } | undefined;

  classify(text: string, lang: string, evidence = 3): FramingResult {
    const last = this.last;
    if (last && last.text === text && last.lang === lang && last.evidence === evidence) return last.result;
    const result = this.compute(text, lang, evidence);
    this.last = { text, lang, evidence, result };
    return result;
  }

  private compute(text: string, lang: string, evidence: number): FramingResult {
    const m = this.models.get(lang);
    if (!m) throw new Error(`no genre and frame model for language '${lang}'`);
    const x = m.vocab.vectorize(articleBag(text));
    const why = (w: LinearWeights, k: number) => topContributions(w, x, k, evidence).map(([f]) => describeFramingFeature(m.vocab.names[f]!));
    const p = softmax(logits(m.genre, x));
    const best = chooseGenre(p, m.genreOffsets);
    const scores = Object.fromEntries(m.genreLabels.map((g, k) => [g, round(p[k]!)]));
    const z = logits(m.frames, x);
    const probs = Array.from(z, sigmoid);
    let chosen = probs.map((q, k) => [k, q] as const).filter(([, q]) => q >= m.threshold);
    if (chosen.length === 0) chosen = [probs.map((q, k) => [k, q] as const).sort((a, b) => b[1] - a[1])[0]!];
    const frames = chosen.sort((a, b) => b[1] - a[1]).map(([k, q]) => ({ label: m.frameLabels[k]!, score: round(q), evidence: why(m.frames, k) }));
    return { genre: { label: m.genreLabels[best]!, score: round(p[best]!), scores, evidence: why(m.genre, best) }, frames };
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
