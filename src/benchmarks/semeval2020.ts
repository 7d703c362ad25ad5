/**
 * SemEval-2020 Task 11 (PTC v2): readers for the articles and the SI / TC
 * gold labels, writers of the submission formats, and the two official
 * metrics (see scoreSi and scoreTc for exactly what is computed).
 *
 * Formats (tab-separated, one span per line, offsets in code points of the
 * raw UTF-8 article, a leading BOM being character 0, [start, end)):
 *   SI: `article<TAB>start<TAB>end`
 *   TC: `article<TAB>technique<TAB>start<TAB>end` (the test template has `?` as technique)
 * Labels come either merged in one file or as one file per article
 * (`article<ID>.task-si.labels`, possibly empty).
 */
import {
  FormatError,
  assertField,
  assertSpan,
  checkSpans,
  filesOf,
  isArticleLabelFile,
  lineError,
  linesOf,
  macroOver,
  overlapScore,
  parseArticleId,
  parseOffset,
  readArticleDir,
  readLabelText,
  rstrip,
} from './common.ts';
import type { OverlapScore, Span, TechniqueSpan } from './common.ts';

export { checkSpans, FormatError };
export type { Span, TechniqueSpan };

/** The 14 technique labels of SemEval-2020 Task 11 (`propaganda-techniques-names-semeval2020task11.txt`). */
export const TECHNIQUES_2020: readonly string[] = [
  'Appeal_to_Authority',
  'Appeal_to_fear-prejudice',
  'Bandwagon,Reductio_ad_hitlerum',
  'Black-and-White_Fallacy',
  'Causal_Oversimplification',
  'Doubt',
  'Exaggeration,Minimisation',
  'Flag-Waving',
  'Loaded_Language',
  'Name_Calling,Labeling',
  'Repetition',
  'Slogans',
  'Thought-terminating_Cliches',
  'Whataboutism,Straw_Men,Red_Herring',
];

/** Reads `article<ID>.txt` files: id (the digits) → exact text (BOM kept as character 0). */
export function readArticles(dir: string): Promise<Map<string, string>> {
  return readArticleDir(dir);
}

/** Calls `row` for every non-blank line of the label files, with trailing whitespace removed. */
async function eachRow(pathOrDir: string, accept: (name: string) => boolean, row: (cols: string[], file: string, line: number) => void): Promise<void> {
  for (const file of await filesOf(pathOrDir, accept)) {
    for (const { line, text } of linesOf(await readLabelText(file))) {
      const t = rstrip(text);
      if (t === '') continue;
      row(t.split('\t'), file, line);
    }
  }
}

function spanOf(article: string, rawStart: string, rawEnd: string, file: string, line: number): Span {
  const start = parseOffset(rawStart, 'start', file, line);
  const end = parseOffset(rawEnd, 'end', file, line);
  if (start >= end) throw lineError(file, line, `start ${start} is not before end ${end}`);
  return { article, start, end };
}

/** SI gold or predictions: `article<TAB>start<TAB>end`, one merged file or a folder of per-article files. */
export async function readSiLabels(pathOrDir: string): Promise<Span[]> {
  const out: Span[] = [];
  await eachRow(pathOrDir, isArticleLabelFile, (cols, file, line) => {
    if (cols.length !== 3) throw lineError(file, line, `expected 3 tab-separated columns (article, start, end), found ${cols.length}`);
    const article = parseArticleId(cols[0]!, file, line);
    out.push(spanOf(article, cols[1]!, cols[2]!, file, line));
  });
  return out;
}

export interface ReadTcOptions {
  /** When given, a technique outside this list is an error. */
  techniques?: readonly string[];
}

/** TC/FLC gold or predictions: `article<TAB>technique<TAB>start<TAB>end`, merged file or folder. */
export async function readTcLabels(pathOrDir: string, options: ReadTcOptions = {}): Promise<TechniqueSpan[]> {
  const allowed = options.techniques ? new Set(options.techniques) : undefined;
  const out: TechniqueSpan[] = [];
  await eachRow(pathOrDir, isArticleLabelFile, (cols, file, line) => {
    if (cols.length !== 4) throw lineError(file, line, `expected 4 tab-separated columns (article, technique, start, end), found ${cols.length}`);
    const article = parseArticleId(cols[0]!, file, line);
    const technique = cols[1]!;
    if (technique === '') throw lineError(file, line, 'empty technique');
    if (allowed && !allowed.has(technique)) throw lineError(file, line, `unknown technique '${technique}'`);
    out.push({ ...spanOf(article, cols[2]!, cols[3]!, file, line), technique });
  });
  return out;
}

/**
 * The TC input template (`test-task-tc-template.out`): TC rows whose technique
 * is `?`. A span annotated with k techniques appears k times.
 */
export async function readTcTemplate(path: string): Promise<Span[]> {
  const out: Span[] = [];
  await eachRow(path, (n) => !n.startsWith('.'), (cols, file, line) => {
    if (cols.length !== 4) throw lineError(file, line, `expected 4 tab-separated columns (article, ?, start, end), found ${cols.length}`);
    if (cols[1] !== '?') throw lineError(file, line, `expected '?' in the technique column of a template, found '${cols[1]}'`);
    out.push(spanOf(parseArticleId(cols[0]!, file, line), cols[2]!, cols[3]!, file, line));
  });
  return out;
}

/** SI submission lines: `article<TAB>start<TAB>end\n` each. */
export function formatSi(rows: readonly Span[]): string {
  return rows
    .map((r) => {
      assertField(r.article, 'article id');
      assertSpan(r, 'formatSi');
      return `${r.article}\t${r.start}\t${r.end}\n`;
    })
    .join('');
}

/** TC submission lines: `article<TAB>technique<TAB>start<TAB>end\n` each. */
export function formatTc(rows: readonly TechniqueSpan[]): string {
  return rows
    .map((r) => {
      assertField(r.article, 'article id');
      assertField(r.technique, 'technique');
      assertSpan(r, 'formatTc');
      return `${r.article}\t${r.technique}\t${r.start}\t${r.end}\n`;
    })
    .join('');
}

export interface SiOptions {
  /**
   * Every article of the evaluated set, including those with no gold span
   * (the per-article gold folder has empty files for them; the merged file
   * cannot list them). When given, predictions for any other article are an
   * error naming them; when omitted, such predictions simply count as false
   * positives.
   */
  articles?: Iterable<string>;
  /**
   * Merge overlapping predicted spans of an article first (the scorer's -m
   * option). Default false: overlapping predicted spans are refused, as the
   * official scorer does without -m.
   */
  mergePredicted?: boolean;
}

/**
 * The official SI metric of SemEval-2020 Task 11 (task-SI_scorer.py):
 *
 * 1. Gold spans of an article that overlap (share at least one character) are
 *    merged into their union, repeatedly, until the article's gold spans are
 *    disjoint; touching spans ([0,5) and [5,9)) stay apart. The scorer always
 *    does this for the gold. Predicted spans must not overlap (refused)
 *    unless mergePredicted, which merges them the same way.
 * 2. With S the predicted and T the (merged) gold spans of all articles, and
 *    pairs (s, t) taken within the same article:
 *      P = (1/|S|) Σ_s Σ_t |s∩t| / |s|       R = (1/|T|) Σ_s Σ_t |s∩t| / |t|
 *    |S| and |T| are counted over all articles (gold articles without any
 *    prediction add to |T| only). The sums are micro over the whole set,
 *    not per-article averages.
 * 3. F1 = 2PR/(P+R) when P > 0 and R > 0; 1 when |S| = |T| = 0; else 0.
 * Example: gold [0,10), prediction [5,15) → P = 5/10, R = 5/10, F1 = 0.5.
 */
export function scoreSi(gold: readonly Span[], predicted: readonly Span[], options: SiOptions = {}): OverlapScore {
  const { perTechnique: _unused, ...score } = overlapScore(gold, predicted, {
    byTechnique: false,
    mergeGold: true,
    mergePredicted: options.mergePredicted ?? false,
    units: options.articles,
    unitName: 'article',
  });
  return score;
}

export interface TcTechniqueScore {
  /** Predictions of this technique matched to a gold row of this technique. */
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface TcScore {
  /** Micro-averaged precision: matched / predicted rows. */
  precision: number;
  /** Micro-averaged recall: matched / gold rows. */
  recall: number;
  /** Micro-averaged F1, the official TC ranking metric. */
  f1: number;
  /** matched / gold rows: equals P, R and F1 when every gold row has exactly one prediction on its span. */
  accuracy: number;
  matched: number;
  goldRows: number;
  predictedRows: number;
  perTechnique: Map<string, TcTechniqueScore>;
  /** Mean per-technique F1 over the technique list. */
  macroF1: number;
}

export interface TcOptions {
  /**
   * Techniques for per-technique scores and macro-F1 (the scorer's -p list,
   * e.g. TECHNIQUES_2020). Default: every technique in the gold or predictions.
   */
  techniques?: readonly string[];
  /**
   * Refuse predictions whose spans are not exactly the gold spans (same
   * articles, same multiset of spans), as the official scorer's format check
   * does. Default false: predictions on other spans simply match nothing.
   */
  requireSameSpans?: boolean;
}

function spanKey(s: Span): string {
  return `${s.article}\t${s.start}\t${s.end}`;
}

function checkSameSpans(gold: readonly Span[], predicted: readonly Span[]): void {
  const count = new Map<string, number>();
  for (const g of gold) count.set(spanKey(g), (count.get(spanKey(g)) ?? 0) + 1);
  for (const p of predicted) count.set(spanKey(p), (count.get(spanKey(p)) ?? 0) - 1);
  for (const [key, n] of count) {
    if (n === 0) continue;
    const [article, start, end] = key.split('\t');
    const what = n > 0 ? `${n} more time(s) in the gold than in the predictions` : `${-n} more time(s) in the predictions than in the gold`;
    throw new RangeError(`article ${article}: span ${start}-${end} appears ${what}`);
  }
}

/**
 * The official TC metric of SemEval-2020 Task 11 (task-TC_scorer.py):
 * micro-averaged precision/recall/F1 of technique labels on given spans.
 *
 * A prediction matches a gold row with the same article, start, end and
 * technique. When one span carries several gold techniques (it is listed
 * once per technique), each prediction on it can match at most one gold row
 * and each gold row at most one prediction; matching is greedy in prediction
 * order, which for exact-label matching always reaches the maximum (the
 * multiset intersection of the techniques on that span), so the order of
 * predictions on a span does not matter, as the README promises.
 * P = matched / predicted rows, R = matched / gold rows, F1 their harmonic
 * mean (0 when nothing matches). The official scorer requires exactly the
 * gold spans (see requireSameSpans); then P = R = F1 = accuracy, which is
 * what sklearn's micro average over the aligned label lists gives.
 * Per technique t: P_t = tp_t / predicted_t, R_t = tp_t / gold_t, F1_t their
 * harmonic mean, 0 when undefined (sklearn's f1_score(average=None)).
 * macroF1 is the mean of F1_t over the technique list. A predicted
 * technique outside the list simply matches nothing (the official format
 * check would refuse the file).
 */
export function scoreTc(gold: readonly TechniqueSpan[], predicted: readonly TechniqueSpan[], options: TcOptions = {}): TcScore {
  if (options.requireSameSpans) checkSameSpans(gold, predicted);
  const open = new Map<string, { technique: string; used: boolean }[]>();
  for (const g of gold) {
    const key = spanKey(g);
    let list = open.get(key);
    if (!list) open.set(key, (list = []));
    list.push({ technique: g.technique, used: false });
  }
  const per = new Map<string, TcTechniqueScore>();
  const tech = (t: string): TcTechniqueScore => {
    let s = per.get(t);
    if (!s) per.set(t, (s = { tp: 0, predicted: 0, gold: 0, precision: 0, recall: 0, f1: 0 }));
    return s;
  };
  for (const t of options.techniques ?? []) tech(t);
  for (const g of gold) tech(g.technique).gold++;
  let matched = 0;
  for (const p of predicted) {
    tech(p.technique).predicted++;
    const row = open.get(spanKey(p))?.find((r) => !r.used && r.technique === p.technique);
    if (row) {
      row.used = true;
      matched++;
      tech(p.technique).tp++;
    }
  }
  const harmonic = (a: number, b: number): number => (a > 0 && b > 0 ? (2 * a * b) / (a + b) : 0);
  for (const s of per.values()) {
    s.precision = s.predicted > 0 ? s.tp / s.predicted : 0;
    s.recall = s.gold > 0 ? s.tp / s.gold : 0;
    s.f1 = harmonic(s.precision, s.recall);
  }
  const precision = predicted.length > 0 ? matched / predicted.length : 0;
  const recall = gold.length > 0 ? matched / gold.length : 0;
  const labels = options.techniques ?? [...per.keys()].sort();
  return {
    precision,
    recall,
    f1: harmonic(precision, recall),
    accuracy: recall,
    matched,
    goldRows: gold.length,
    predictedRows: predicted.length,
    perTechnique: per,
    macroF1: macroOver(labels, (t) => per.get(t)?.f1 ?? 0),
  };
}
