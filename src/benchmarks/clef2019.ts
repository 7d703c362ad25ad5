/**
 * CLEF-2019 CheckThat! Task 1: check-worthiness of the sentences of
 * political debates and speeches (English).
 *
 * Gold: one TSV file per debate, UTF-8, no header,
 * `line_number<TAB>speaker<TAB>text<TAB>label` (label 1 = check-worthy),
 * line numbers 1, 2, 3 … Predictions: one file per debate,
 * `line_number<TAB>score` for every line, higher = more check-worthy.
 *
 * Scoring follows the task's `scorer/main.py`: each debate's lines are
 * ranked by score (a stable sort, so tied lines keep the order they have in
 * the prediction file), then average precision, reciprocal rank,
 * R-precision and precision@k per debate, and their means over debates. MAP
 * is the official metric.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FormatError, filesOf, lineError, linesOf, readLabelText } from './common.ts';

export { FormatError };

/** The cut-offs the scorer reports (`MAIN_THRESHOLDS`). */
export const CLEF_THRESHOLDS: readonly number[] = [1, 3, 5, 10, 20, 50];

export interface ClefLine {
  line: number;
  speaker: string;
  text: string;
  /** Gold check-worthiness; absent in unlabelled input. */
  label?: 0 | 1;
}

export interface ClefDebate {
  /** The file name without `.tsv` (`20160926_1pres`). */
  id: string;
  /** File name of the gold file, which names the prediction file too. */
  file: string;
  lines: ClefLine[];
}

export interface ClefPrediction {
  line: number;
  score: number;
}

/**
 * Parses one debate file. Input files without the label column are
 * accepted (the task's test input); a label other than 0 or 1, a missing
 * column or line numbers that do not run 1, 2, 3 … are errors.
 */
export function parseClefDebate(content: string, file: string): ClefDebate {
  const lines: ClefLine[] = [];
  for (const { line, text } of linesOf(content)) {
    if (text.trim() === '') continue;
    // the scorer strips the line before splitting; only the line break and stray spaces around it go
    const fields = text.replace(/^\s+|\s+$/g, '').split('\t');
    if (fields.length !== 3 && fields.length !== 4) throw lineError(file, line, `expected 4 tab-separated columns (line_number, speaker, text, label), found ${fields.length}`);
    if (lines.length > 0 && (lines[0]!.label === undefined) !== (fields.length === 3)) {
      throw lineError(file, line, `${fields.length} columns where the first line has ${lines[0]!.label === undefined ? 3 : 4}: a file is labelled throughout or not at all`);
    }
    const [n, speaker, sentence, label] = fields as [string, string, string, string | undefined];
    if (!/^\d+$/.test(n)) throw lineError(file, line, `line number '${n}' is not a positive integer`);
    const number = Number(n);
    if (number !== lines.length + 1) throw lineError(file, line, `line number ${number} out of sequence (expected ${lines.length + 1})`);
    if (label !== undefined && label !== '0' && label !== '1') throw lineError(file, line, `label '${label}' is not 0 or 1`);
    lines.push({ line: number, speaker, text: sentence, ...(label !== undefined && { label: label === '1' ? 1 : 0 }) });
  }
  const name = basename(file);
  return { id: name.replace(/\.tsv$/, ''), file: name, lines };
}

export async function readClefDebate(file: string): Promise<ClefDebate> {
  return parseClefDebate(await readLabelText(file), file);
}

/** Every `*.tsv` of a folder (or one file), in name order. */
export async function readClefDebates(pathOrDir: string): Promise<ClefDebate[]> {
  const files = await filesOf(pathOrDir, (name) => name.endsWith('.tsv'));
  return Promise.all(files.map(readClefDebate));
}

/**
 * A score in plain decimal notation with 12 significant digits: the format
 * checker accepts `[-+]?\d*\.\d+|\d+` only, so no exponent, and enough
 * digits that distinct scores stay distinct after rounding.
 */
export function formatScore(score: number): string {
  if (!Number.isFinite(score)) throw new RangeError(`score ${score} is not a finite number`);
  if (score === 0) return '0.0';
  const digits = Math.min(100, Math.max(1, 11 - Math.floor(Math.log10(Math.abs(score)))));
  const s = score.toFixed(digits).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '.0');
  return s === '-0.0' ? '0.0' : s;
}

/** The official prediction file of one debate: every line, in line order. */
export function formatClefPredictions(predictions: readonly ClefPrediction[]): string {
  const sorted = [...predictions].sort((a, b) => a.line - b.line);
  sorted.forEach((p, i) => {
    if (p.line !== i + 1) throw new FormatError(`predictions must cover lines 1…${sorted.length} once each; line ${i + 1} is ${p.line < i + 1 ? 'repeated' : 'missing'}`);
  });
  if (sorted.length > 9999) throw new FormatError(`the format checker accepts line numbers up to 9999, not ${sorted.length}`);
  return sorted.map((p) => `${p.line}\t${formatScore(p.score)}\n`).join('');
}

/** Writes `<dir>/<debate file name>` for each debate: one prediction file per input file. */
export async function writeClefPredictions(dir: string, runs: readonly { debate: ClefDebate; predictions: readonly ClefPrediction[] }[]): Promise<string[]> {
  const out: string[] = [];
  await mkdir(dir, { recursive: true });
  for (const { debate, predictions } of runs) {
    const path = join(dir, basename(debate.file));
    await writeFile(path, formatClefPredictions(predictions));
    out.push(path);
  }
  return out;
}

/** Parses a prediction file as the format checker would accept it. */
export function parseClefPredictions(content: string, file: string): ClefPrediction[] {
  const out: ClefPrediction[] = [];
  for (const { line, text } of linesOf(content.trim())) {
    const m = /^([1-9][0-9]{0,3})\t([-+]?\d*\.\d+|\d+)$/.exec(text.trim());
    if (!m) throw lineError(file, line, `expected 'line_number<TAB>score' with a plain decimal score, found '${text}'`);
    const number = Number(m[1]);
    if (number !== line) throw lineError(file, line, `line number ${number}: line numbers must be consecutive from 1`);
    out.push({ line: number, score: Number(m[2]) });
  }
  return out;
}

export async function readClefPredictions(file: string): Promise<ClefPrediction[]> {
  return parseClefPredictions(await readLabelText(file), file);
}

export interface ClefDebateScore {
  debate: string;
  averagePrecision: number;
  reciprocalRank: number;
  /** Precision at R, R being the number of check-worthy lines. */
  rPrecision: number;
  /** Precision at each of CLEF_THRESHOLDS. */
  precisionAt: Record<number, number>;
  relevant: number;
  lines: number;
}

export interface ClefScore {
  /** Mean average precision over debates: the official metric. */
  map: number;
  meanReciprocalRank: number;
  meanRPrecision: number;
  meanPrecisionAt: Record<number, number>;
  debates: ClefDebateScore[];
}

/** Ranks one debate's lines and scores the ranking as `scorer/main.py` does. */
export function scoreClefDebate(debate: ClefDebate, predictions: readonly ClefPrediction[]): ClefDebateScore {
  const gold = new Map<number, number>();
  for (const l of debate.lines) {
    if (l.label === undefined) throw new FormatError(`${debate.file}: line ${l.line} has no gold label`);
    gold.set(l.line, l.label);
  }
  const seen = new Set<number>();
  for (const p of predictions) {
    if (!gold.has(p.line)) throw new FormatError(`${debate.file}: no line ${p.line} in the gold file`);
    seen.add(p.line);
  }
  if (seen.size !== gold.size || predictions.length !== gold.size) {
    throw new FormatError(`${debate.file}: the predictions do not match the lines of the gold file (missing or extra line numbers)`);
  }
  // Array.prototype.sort is stable, as Python's sorted(reverse=True) is: ties keep the file order
  const ranked = predictions.map((p, i) => ({ ...p, i })).sort((a, b) => b.score - a.score || a.i - b.i).map((p) => gold.get(p.line)!);
  const relevant = [...gold.values()].filter((v) => v === 1).length;
  const n = ranked.length;

  let hits = 0;
  let sumPrecision = 0;
  let reciprocalRank = 0;
  const cumulative = new Float64Array(n);
  ranked.forEach((label, i) => {
    if (label === 1) {
      hits++;
      sumPrecision += hits / (i + 1);
      if (reciprocalRank === 0) reciprocalRank = 1 / (i + 1);
    }
    cumulative[i] = hits;
  });
  const precisionAtRank = (k: number) => (n === 0 ? 0 : cumulative[Math.min(k, n) - 1]! / k);
  const precisionAt: Record<number, number> = {};
  // the scorer indexes past the end (and fails) for a debate shorter than k; here the missing ranks count as misses
  for (const k of CLEF_THRESHOLDS) precisionAt[k] = precisionAtRank(k);
  // with no relevant line the scorer reads precisions[-1], the precision of the whole list
  const rPrecision = relevant > 0 ? precisionAtRank(relevant) : precisionAtRank(n);
  return {
    debate: debate.id,
    averagePrecision: relevant > 0 && hits > 0 ? sumPrecision / relevant : 0,
    reciprocalRank,
    rPrecision,
    precisionAt,
    relevant,
    lines: n,
  };
}

/** Scores several debates and averages over them (each debate counts once, whatever its length). */
export function scoreClef(runs: readonly { debate: ClefDebate; predictions: readonly ClefPrediction[] }[]): ClefScore {
  const debates = runs.map((r) => scoreClefDebate(r.debate, r.predictions));
  const mean = (f: (d: ClefDebateScore) => number) => (debates.length ? debates.reduce((s, d) => s + f(d), 0) / debates.length : 0);
  const meanPrecisionAt: Record<number, number> = {};
  for (const k of CLEF_THRESHOLDS) meanPrecisionAt[k] = mean((d) => d.precisionAt[k]!);
  return {
    map: mean((d) => d.averagePrecision),
    meanReciprocalRank: mean((d) => d.reciprocalRank),
    meanRPrecision: mean((d) => d.rPrecision),
    meanPrecisionAt,
    debates,
  };
}
