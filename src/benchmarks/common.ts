/**
 * Shared pieces of the benchmark readers, writers and scorers: reading label
 * files line by line with `<file>:<line>: <what>` errors, offsets in Unicode
 * code points, span merging and the partial-overlap precision/recall of the
 * propaganda scorers, and the multi-label F1 of the sklearn-based scorers.
 *
 * Offsets everywhere in this folder are code points into the exact article
 * text (a leading BOM is character 0), start inclusive, end exclusive.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { decodeText } from '../ingest/decode-text.ts';
import { codePointLength, sliceCodePoints } from '../text/offsets.ts';

/** A label or data file that does not have the expected format. */
export class FormatError extends Error {
  override name = 'FormatError';
}

export function lineError(file: string, line: number, what: string): FormatError {
  return new FormatError(`${file}:${line}: ${what}`);
}

// Label files carry no offsets into themselves, so a BOM there is dropped
// (TextDecoder does that by default); invalid UTF-8 is refused.
const LABEL_DECODER = new TextDecoder('utf-8', { fatal: true });

/** Reads a label/JSON file as UTF-8 text (a leading BOM is dropped). */
export async function readLabelText(file: string): Promise<string> {
  const bytes = await readFile(file);
  try {
    return LABEL_DECODER.decode(bytes);
  } catch {
    throw new FormatError(`${file}: not valid UTF-8`);
  }
}

/** Reads an article exactly: a leading BOM is kept as U+FEFF (character 0). */
export async function readArticleText(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (bytes.length === 0) return '';
  return decodeText(bytes, file);
}

export interface Line {
  /** 1-based line number. */
  line: number;
  /** The line without its terminator (LF or CRLF). */
  text: string;
}

/**
 * Lines of a text file. LF and CRLF both end a line; a final line terminator
 * does not start an extra empty line.
 */
export function linesOf(text: string): Line[] {
  const parts = text.split('\n');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ line: i + 1, text: t.endsWith('\r') ? t.slice(0, -1) : t }));
}

/** Drops trailing whitespace, as the official scorers' `line.rstrip()` does. */
export function rstrip(s: string): string {
  return s.replace(/\s+$/u, '');
}

const ARTICLE_FILE = /^article(\d+)\.txt$/;

/** Reads every `article<ID>.txt` of a folder: id (the digits) → exact text. */
export async function readArticleDir(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).filter((n) => ARTICLE_FILE.test(n)).sort();
  if (names.length === 0) throw new FormatError(`${dir}: no article<ID>.txt files in this folder`);
  const out = new Map<string, string>();
  for (const name of names) {
    const id = ARTICLE_FILE.exec(name)![1]!;
    out.set(id, await readArticleText(join(dir, name)));
  }
  return out;
}

/** The article id in a per-article file name (`article123.task-si.labels` → `123`). */
export function articleIdOfFile(file: string): string | undefined {
  return /^article(\d+)/.exec(basename(file))?.[1];
}

/**
 * The files to read for a path that is either one (merged) file or a folder
 * of per-article files. In a folder, hidden files (`.`, macOS `._*`) are
 * skipped and `accept` picks the rest; files come in name order.
 */
export async function filesOf(pathOrDir: string, accept: (name: string) => boolean): Promise<string[]> {
  const info = await stat(pathOrDir);
  if (!info.isDirectory()) return [pathOrDir];
  const names = (await readdir(pathOrDir)).filter((n) => !n.startsWith('.') && accept(n)).sort();
  if (names.length === 0) throw new FormatError(`${pathOrDir}: no label files in this folder`);
  return names.map((n) => join(pathOrDir, n));
}

/** Per-article label files: `article<ID>…`, templates excluded. */
export function isArticleLabelFile(name: string): boolean {
  return name.startsWith('article') && !name.endsWith('.template');
}

/** A non-negative integer offset column, or a `<file>:<line>:` error. */
export function parseOffset(raw: string, what: string, file: string, line: number): number {
  if (/^-\d+$/.test(raw)) throw lineError(file, line, `${what} offset ${raw} is negative`);
  if (!/^\d+$/.test(raw)) throw lineError(file, line, `${what} offset '${raw}' is not an integer`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw lineError(file, line, `${what} offset ${raw} is too large`);
  return n;
}

/** An article id column: digits only. */
export function parseArticleId(raw: string, file: string, line: number): string {
  if (!/^\d+$/.test(raw)) throw lineError(file, line, `article id '${raw}' is not a number`);
  const fromName = articleIdOfFile(file);
  if (fromName !== undefined && fromName !== raw) {
    throw lineError(file, line, `article id ${raw} does not match the file name (article${fromName})`);
  }
  return raw;
}

export interface Span {
  article: string;
  start: number;
  end: number;
}

export interface TechniqueSpan extends Span {
  technique: string;
}

export { codePointLength, sliceCodePoints };

/**
 * Checks spans against their articles; returns one problem per bad span, e.g.
 * `123: span 10-20 ends beyond the text (length 15)`. Lengths are in code points.
 */
export function checkSpans(spans: readonly Span[], articles: ReadonlyMap<string, string>): string[] {
  const lengths = new Map<string, number>();
  const problems: string[] = [];
  for (const s of spans) {
    const text = articles.get(s.article);
    if (text === undefined) {
      problems.push(`${s.article}: span ${s.start}-${s.end} has no article text`);
      continue;
    }
    let length = lengths.get(s.article);
    if (length === undefined) {
      length = codePointLength(text);
      lengths.set(s.article, length);
    }
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end)) || s.start < 0 || s.start >= s.end) {
      problems.push(`${s.article}: span ${s.start}-${s.end} is not a valid span`);
    } else if (s.start >= length) {
      problems.push(`${s.article}: span ${s.start}-${s.end} starts beyond the text (length ${length})`);
    } else if (s.end > length) {
      problems.push(`${s.article}: span ${s.start}-${s.end} ends beyond the text (length ${length})`);
    }
  }
  return problems;
}

/** Checks offsets before writing them out. */
export function assertSpan(s: Span, what: string): void {
  if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.start >= s.end) {
    throw new RangeError(`${what}: span ${s.start}-${s.end} of article ${s.article} is not a valid span`);
  }
}

/** Checks a field before writing it into a tab-separated line. */
export function assertField(value: string, what: string): void {
  if (value === '' || /[\t\r\n]/.test(value)) throw new RangeError(`${what} '${value}' is empty or contains a tab or line break`);
}

export type Range = readonly [start: number, end: number];

/**
 * Merges ranges that share at least one character into their union (the
 * official scorers' `merge_spans`: overlap means a non-empty intersection of
 * the character sets, so [0,5) and [5,9) stay apart). Returns sorted,
 * pairwise disjoint ranges.
 */
export function mergeOverlapping(ranges: readonly Range[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The first two ranges that share a character, or undefined. */
export function firstOverlap(ranges: readonly Range[]): [Range, Range] | undefined {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let widest: Range | undefined;
  for (const r of sorted) {
    if (widest && r[0] < widest[1]) return [widest, r];
    if (!widest || r[1] > widest[1]) widest = r;
  }
  return undefined;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 with the conventions of the propaganda scorers'
 * `compute_prec_rec_f1`: a zero denominator gives 0, F1 is 1 when both
 * denominators are 0 (nothing to find, nothing found), else the harmonic mean
 * when both are positive, else 0.
 */
export function prf(precNum: number, precDen: number, recNum: number, recDen: number): PRF {
  const precision = precDen > 0 ? precNum / precDen : 0;
  const recall = recDen > 0 ? recNum / recDen : 0;
  let f1 = 0;
  if (precDen === 0 && recDen === 0) f1 = 1;
  if (precision > 0 && recall > 0) f1 = (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export interface OverlapScore extends PRF {
  /** Σ over pairs (s, t) of |s∩t| / |s|. */
  precisionNumerator: number;
  /** Number of predicted spans (after merging, when asked). */
  precisionDenominator: number;
  /** Σ over pairs (s, t) of |s∩t| / |t|. */
  recallNumerator: number;
  /** Number of gold spans after merging overlapping ones. */
  recallDenominator: number;
}

export interface TechniqueOverlapScore extends PRF {
  precisionNumerator: number;
  predicted: number;
  recallNumerator: number;
  gold: number;
}

export interface OverlapOptions {
  /** Only pairs with the same technique earn credit (FLC, SemEval-2021 task 2); SI ignores techniques. */
  byTechnique: boolean;
  /** Merge overlapping predicted spans (of the same technique, with byTechnique) instead of refusing them. */
  mergePredicted: boolean;
  /** Merge overlapping gold spans (of the same technique, with byTechnique). */
  mergeGold: boolean;
  /** Units (articles, memes) that exist although they have no gold span. */
  units?: Iterable<string> | undefined;
  /** How errors name a unit: 'article', 'meme'. */
  unitName: string;
}

export interface OverlapResult extends OverlapScore {
  perTechnique: Map<string, TechniqueOverlapScore>;
}

type Grouped = Map<string, Map<string, Range[]>>;

function groupSpans(spans: readonly (Span & { technique?: string })[], byTechnique: boolean): Grouped {
  const out: Grouped = new Map();
  for (const s of spans) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.start >= s.end) {
      throw new RangeError(`${s.article}: span ${s.start}-${s.end} is not a valid span`);
    }
    const key = byTechnique ? (s.technique ?? '') : '';
    let unit = out.get(s.article);
    if (!unit) out.set(s.article, (unit = new Map()));
    let list = unit.get(key);
    if (!list) unit.set(key, (list = []));
    list.push([s.start, s.end]);
  }
  return out;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 10).join(', ');
  return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}

/**
 * The partial-overlap precision/recall of Da San Martino et al. (EMNLP 2019),
 * as the SemEval-2020 Task 11 SI scorer and the FLC / SemEval-2021 task 2
 * scorers compute it:
 *
 *   P = (1/|S|) Σ_{s∈S} Σ_{t∈T} |s∩t| / |s|      R = (1/|T|) Σ_{s∈S} Σ_{t∈T} |s∩t| / |t|
 *
 * with pairs restricted to the same unit (article/meme) and, with
 * byTechnique, to the same technique. S counts all predicted spans, T all
 * gold spans of all units (units without predictions included).
 */
export function overlapScore(
  gold: readonly (Span & { technique?: string })[],
  predicted: readonly (Span & { technique?: string })[],
  options: OverlapOptions,
): OverlapResult {
  const goldBy = groupSpans(gold, options.byTechnique);
  const predBy = groupSpans(predicted, options.byTechnique);
  const known = new Set<string>(goldBy.keys());
  if (options.units) for (const u of options.units) known.add(u);
  if (options.units) {
    const unknown = [...predBy.keys()].filter((u) => !known.has(u));
    if (unknown.length > 0) {
      throw new RangeError(`predictions for ${options.unitName}s that are not in the gold data: ${listNames(unknown)}`);
    }
  }
  for (const groups of goldBy.values()) {
    for (const [key, ranges] of groups) groups.set(key, options.mergeGold ? mergeOverlapping(ranges) : ranges);
  }
  for (const [unit, groups] of predBy) {
    for (const [key, ranges] of groups) {
      if (options.mergePredicted) {
        groups.set(key, mergeOverlapping(ranges));
        continue;
      }
      const pair = firstOverlap(ranges);
      if (pair) {
        const [a, b] = pair;
        const which = options.byTechnique ? ` of technique ${key}` : '';
        throw new RangeError(
          `${options.unitName} ${unit}: predicted spans${which} ${a[0]}-${a[1]} and ${b[0]}-${b[1]} overlap ` +
            `(the official scorer refuses them; merge them, or pass mergePredicted: true like its -m option)`,
        );
      }
    }
  }

  const perTechnique = new Map<string, TechniqueOverlapScore>();
  const tech = (t: string): TechniqueOverlapScore => {
    let s = perTechnique.get(t);
    if (!s) perTechnique.set(t, (s = { precisionNumerator: 0, predicted: 0, recallNumerator: 0, gold: 0, precision: 0, recall: 0, f1: 0 }));
    return s;
  };
  let precDen = 0;
  let recDen = 0;
  for (const groups of goldBy.values()) {
    for (const [key, ranges] of groups) {
      recDen += ranges.length;
      if (options.byTechnique) tech(key).gold += ranges.length;
    }
  }
  let precNum = 0;
  let recNum = 0;
  for (const [unit, groups] of predBy) {
    const goldGroups = goldBy.get(unit);
    for (const [key, ranges] of groups) {
      precDen += ranges.length;
      const t = options.byTechnique ? tech(key) : undefined;
      if (t) t.predicted += ranges.length;
      const targets = goldGroups?.get(key) ?? [];
      for (const [ps, pe] of ranges) {
        for (const [gs, ge] of targets) {
          const inter = Math.min(pe, ge) - Math.max(ps, gs);
          if (inter <= 0) continue;
          const p = inter / (pe - ps);
          const r = inter / (ge - gs);
          precNum += p;
          recNum += r;
          if (t) {
            t.precisionNumerator += p;
            t.recallNumerator += r;
          }
        }
      }
    }
  }
  for (const t of perTechnique.values()) Object.assign(t, prf(t.precisionNumerator, t.predicted, t.recallNumerator, t.gold));
  return {
    ...prf(precNum, precDen, recNum, recDen),
    precisionNumerator: precNum,
    precisionDenominator: precDen,
    recallNumerator: recNum,
    recallDenominator: recDen,
    perTechnique,
  };
}

/** Mean of per-technique F1 over `labels` (techniques never seen count as the scorer reports them). */
export function macroOver(labels: readonly string[], f1Of: (label: string) => number): number {
  if (labels.length === 0) return 0;
  let sum = 0;
  for (const l of labels) sum += f1Of(l);
  return sum / labels.length;
}

export interface LabelScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface MultiLabelScore {
  /** The official ranking metric of SemEval-2023 ST2/ST3 and SemEval-2021 task 1/3. */
  microF1: number;
  microPrecision: number;
  microRecall: number;
  /** Mean over every label of the list (sklearn `average='macro'`, zero_division=1). */
  macroF1: number;
  perLabel: Map<string, LabelScore>;
  /** Number of scored units (the gold units). */
  units: number;
  /** Gold labels outside the label list; sklearn's MultiLabelBinarizer ignores them (with a warning). */
  ignoredGoldLabels: string[];
}

/** sklearn precision/recall/F1 with zero_division=1. */
function zeroDivOne(tp: number, fp: number, fn: number): LabelScore {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : 1,
    recall: tp + fn > 0 ? tp / (tp + fn) : 1,
    f1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 1,
  };
}

/**
 * Multi-label F1 as the SemEval-2021 task 1/3 and SemEval-2023 ST2/ST3 scorers
 * compute it: label sets are binarised over `labels` (sklearn
 * MultiLabelBinarizer fitted on the label list; gold labels outside it are
 * ignored), then `f1_score(average='micro'|'macro', zero_division=1)`.
 * Units in the gold but not in the predictions count as empty predictions
 * (the official scorers refuse such a file; this is the score it would get
 * with empty rows). Predictions for units not in the gold, or with labels
 * outside the list, are errors.
 */
export function multiLabelScore(
  gold: ReadonlyMap<string, readonly string[]>,
  predicted: ReadonlyMap<string, readonly string[]>,
  labels: readonly string[],
  unitName: (key: string) => string,
): MultiLabelScore {
  const allowed = new Set(labels);
  const unknownUnits = [...predicted.keys()].filter((k) => !gold.has(k));
  if (unknownUnits.length > 0) {
    throw new RangeError(`predictions for units that are not in the gold data: ${listNames(unknownUnits.map(unitName))}`);
  }
  const badLabels: string[] = [];
  for (const [key, ls] of predicted) {
    for (const l of ls) if (!allowed.has(l)) badLabels.push(`'${l}' (${unitName(key)})`);
  }
  if (badLabels.length > 0) throw new RangeError(`predicted labels not in the label list: ${listNames(badLabels)}`);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
  const ignored = new Set<string>();
  for (const [key, goldLabels] of gold) {
    const g = new Set<string>();
    for (const l of goldLabels) {
      if (allowed.has(l)) g.add(l);
      else ignored.add(l);
    }
    const p = new Set(predicted.get(key) ?? []);
    for (const l of p) {
      const c = counts.get(l)!;
      if (g.has(l)) c.tp++;
      else c.fp++;
    }
    for (const l of g) if (!p.has(l)) counts.get(l)!.fn++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perLabel = new Map<string, LabelScore>();
  for (const [l, c] of counts) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    perLabel.set(l, zeroDivOne(c.tp, c.fp, c.fn));
  }
  const micro = zeroDivOne(tp, fp, fn);
  return {
    microF1: micro.f1,
    microPrecision: micro.precision,
    microRecall: micro.recall,
    macroF1: macroOver(labels, (l) => perLabel.get(l)!.f1),
    perLabel,
    units: gold.size,
    ignoredGoldLabels: [...ignored].sort(),
  };
}
