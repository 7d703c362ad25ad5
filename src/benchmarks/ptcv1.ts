/**
 * PTC v1 as released for the NLP4IF-2019 shared task: fragment-level (FLC,
 * 18 techniques) and sentence-level (SLC) labels.
 *
 * FLC: `article<TAB>technique<TAB>start<TAB>end`, the TC format of
 * SemEval-2020 (same reader), code-point offsets, [start, end). Per-article
 * files are `article<ID>.task-FLC.labels`.
 * SLC: `article<TAB>sentence<TAB>propaganda|non-propaganda`. A "sentence" is
 * a LINE of the article: sentence k is line k (1-based) of the text split at
 * line feeds, empty lines included (they get ids and labels too); a final
 * line feed does not start another sentence. Checked on all 350 train
 * articles: each per-article SLC file has exactly one row per such line,
 * numbered 1..n. See sentencesOf.
 */
import {
  FormatError,
  assertField,
  filesOf,
  isArticleLabelFile,
  lineError,
  linesOf,
  macroOver,
  overlapScore,
  parseArticleId,
  readArticleDir,
  readLabelText,
  rstrip,
} from './common.ts';
import type { OverlapScore, TechniqueOverlapScore, TechniqueSpan } from './common.ts';
import { formatTc, readTcLabels } from './semeval2020.ts';
import { offsetMap } from '../text/offsets.ts';

export { FormatError };

/** The 18 techniques of PTC v1 (`propaganda-techniques-names.txt`). */
export const TECHNIQUES_V1: readonly string[] = [
  'Appeal_to_Authority',
  'Appeal_to_fear-prejudice',
  'Bandwagon',
  'Black-and-White_Fallacy',
  'Causal_Oversimplification',
  'Doubt',
  'Exaggeration,Minimisation',
  'Flag-Waving',
  'Loaded_Language',
  'Name_Calling,Labeling',
  'Obfuscation,Intentional_Vagueness,Confusion',
  'Red_Herring',
  'Reductio_ad_hitlerum',
  'Repetition',
  'Slogans',
  'Straw_Men',
  'Thought-terminating_Cliches',
  'Whataboutism',
];

/** Reads `article<ID>.txt` files: id → exact text. */
export function readArticles(dir: string): Promise<Map<string, string>> {
  return readArticleDir(dir);
}

/** FLC labels (the SemEval-2020 TC format); pass `techniques: TECHNIQUES_V1` to refuse unknown names. */
export function readFlcLabels(pathOrDir: string, options: { techniques?: readonly string[] } = {}): Promise<TechniqueSpan[]> {
  return readTcLabels(pathOrDir, options);
}

/** FLC submission lines (same as TC). */
export function formatFlc(rows: readonly TechniqueSpan[]): string {
  return formatTc(rows);
}

export interface SlcLabel {
  article: string;
  /** 1-based line number in the article. */
  sentence: number;
  propaganda: boolean;
}

/** SLC labels, merged file or a folder of `article<ID>.task-SLC.labels`. */
export async function readSlcLabels(pathOrDir: string): Promise<SlcLabel[]> {
  const out: SlcLabel[] = [];
  const seen = new Map<string, string>();
  for (const file of await filesOf(pathOrDir, isArticleLabelFile)) {
    for (const { line, text } of linesOf(await readLabelText(file))) {
      const t = rstrip(text);
      if (t === '') continue;
      const cols = t.split('\t');
      if (cols.length !== 3) throw lineError(file, line, `expected 3 tab-separated columns (article, sentence, label), found ${cols.length}`);
      const article = parseArticleId(cols[0]!, file, line);
      if (!/^[1-9]\d*$/.test(cols[1]!)) throw lineError(file, line, `sentence id '${cols[1]}' is not a positive integer`);
      const sentence = Number(cols[1]);
      const label = cols[2]!;
      if (label !== 'propaganda' && label !== 'non-propaganda') {
        throw lineError(file, line, `label '${label}' is neither 'propaganda' nor 'non-propaganda'`);
      }
      const key = `${article}\t${sentence}`;
      const first = seen.get(key);
      if (first) throw lineError(file, line, `sentence ${sentence} of article ${article} is already labelled (${first})`);
      seen.set(key, `${file}:${line}`);
      out.push({ article, sentence, propaganda: label === 'propaganda' });
    }
  }
  return out;
}

/** SLC submission lines: `article<TAB>sentence<TAB>propaganda|non-propaganda\n`. */
export function formatSlc(rows: readonly SlcLabel[]): string {
  return rows
    .map((r) => {
      assertField(r.article, 'article id');
      if (!Number.isInteger(r.sentence) || r.sentence < 1) throw new RangeError(`sentence id ${r.sentence} is not a positive integer`);
      return `${r.article}\t${r.sentence}\t${r.propaganda ? 'propaganda' : 'non-propaganda'}\n`;
    })
    .join('');
}

export interface Sentence {
  /** 1-based id as in the SLC files (the line number). */
  sentence: number;
  /** Code-point offsets of the line, without its line feed. */
  start: number;
  end: number;
  text: string;
}

/** The SLC sentences (= lines, empty ones included) of an article with code-point offsets. */
export function sentencesOf(text: string): Sentence[] {
  const map = offsetMap(text);
  const out: Sentence[] = [];
  let from = 0;
  let n = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from);
    // A CR before the LF (CRLF files) belongs to the line break, not to the sentence.
    const to = nl < 0 ? text.length : nl > from && text[nl - 1] === '\r' ? nl - 1 : nl;
    out.push({ sentence: ++n, start: map.toCodePoint(from), end: map.toCodePoint(to), text: text.slice(from, to) });
    if (nl < 0) break;
    from = nl + 1;
  }
  return out;
}

/**
 * Derives SLC labels from fragments: a sentence is propaganda when some span
 * shares at least one character with it (the NLP4IF definition). On the
 * train set this reproduces 98.9% of the released SLC labels (16,772 of
 * 16,965); the rest reflect annotation versions, so prefer released labels.
 */
export function slcFromSpans(article: string, text: string, spans: readonly { start: number; end: number }[]): SlcLabel[] {
  return sentencesOf(text).map((s) => ({
    article,
    sentence: s.sentence,
    propaganda: spans.some((sp) => sp.start < s.end && sp.end > s.start),
  }));
}

export interface FlcScore extends OverlapScore {
  perTechnique: Map<string, TechniqueOverlapScore>;
  /** Mean per-technique F1 over the technique list. */
  macroF1: number;
}

export interface FlcOptions {
  /** Techniques for per-technique scores and macro-F1; default: those in gold or predictions. */
  techniques?: readonly string[];
  /** Every article of the set (those without gold spans included); predictions elsewhere are then an error. */
  articles?: Iterable<string>;
  /** Merge overlapping predicted spans of the same technique instead of refusing them. */
  mergePredicted?: boolean;
}

/**
 * The FLC metric of NLP4IF-2019 (task-FLC_scorer.py): the partial-overlap
 * precision/recall of SI (see semeval2020.scoreSi), but a predicted span only
 * earns credit on gold spans of the SAME technique:
 *   P = (1/|S|) Σ_s Σ_{t: tech(t)=tech(s)} |s∩t|/|s|,  R = (1/|T|) Σ_s Σ_{t: tech(t)=tech(s)} |s∩t|/|t|.
 * Gold spans of the same technique that overlap are merged first (the
 * scorer's check_annotation_spans_with_category_matching); overlapping
 * predictions of one technique are refused unless mergePredicted. Per
 * technique, the same formula restricted to that technique; its F1 is 1 when
 * the technique is in neither gold nor predictions (the scorer's convention,
 * visible in its sample output).
 */
export function scoreFlc(gold: readonly TechniqueSpan[], predicted: readonly TechniqueSpan[], options: FlcOptions = {}): FlcScore {
  const result = overlapScore(gold, predicted, {
    byTechnique: true,
    mergeGold: true,
    mergePredicted: options.mergePredicted ?? false,
    units: options.articles,
    unitName: 'article',
  });
  const labels = options.techniques ?? [...result.perTechnique.keys()].sort();
  return { ...result, macroF1: macroOver(labels, (t) => result.perTechnique.get(t)?.f1 ?? 1) };
}

export interface SlcScore {
  /** Of the 'propaganda' class: the official SLC metric is its F1. */
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  tp: number;
  fp: number;
  fn: number;
  sentences: number;
}

/**
 * The SLC metric of NLP4IF-2019: precision, recall and F1 of the
 * 'propaganda' class over sentences (0 when undefined). Gold sentences without
 * a prediction count as predicted non-propaganda; predictions for sentences
 * not in the gold are an error.
 */
export function scoreSlc(gold: readonly SlcLabel[], predicted: readonly SlcLabel[]): SlcScore {
  const key = (r: SlcLabel): string => `${r.article}\t${r.sentence}`;
  const goldBy = new Map(gold.map((g) => [key(g), g.propaganda]));
  const unknown = predicted.filter((p) => !goldBy.has(key(p))).map((p) => `article ${p.article} sentence ${p.sentence}`);
  if (unknown.length > 0) throw new RangeError(`predictions for sentences not in the gold data: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`);
  const predBy = new Map(predicted.map((p) => [key(p), p.propaganda]));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  for (const [k, g] of goldBy) {
    const p = predBy.get(k) ?? false;
    if (p && g) tp++;
    else if (p) fp++;
    else if (g) fn++;
    if (p === g) correct++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision > 0 && recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: goldBy.size > 0 ? correct / goldBy.size : 0, tp, fp, fn, sentences: goldBy.size };
}
