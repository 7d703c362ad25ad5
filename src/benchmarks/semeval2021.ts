/**
 * SemEval-2021 Task 6 (persuasion techniques in memes), text subtasks 1 and 2.
 *
 * Files are JSON arrays despite the `.txt` extension:
 *   task 1 (`training_set_task1.txt`, `dev_set_task1.txt`): `{ id, labels: string[], text }`
 *   task 2 (`training_set_task2.txt`, `dev_set_task2.txt`):
 *     `{ id, text, labels: [{ start, end, technique, text_fragment }] }`
 * `id` is a string. `start`/`end` are [start, end) code-point offsets into
 * `text` (newlines counted); `text[start:end] === text_fragment` for every
 * train and dev span. No text has astral characters, so code points and
 * UTF-16 agree on this data, but the code converts anyway.
 * Submissions have the same format; only `id` and `labels` (and for task 2
 * `start`, `end`, `technique`) are required.
 */
import { FormatError, macroOver, multiLabelScore, overlapScore, readLabelText, sliceCodePoints, codePointLength } from './common.ts';
import type { MultiLabelScore, OverlapScore, TechniqueOverlapScore } from './common.ts';

export { FormatError };
export type { MultiLabelScore };

/** The 20 techniques of subtasks 1 and 2 (`techniques_list_task1-2.txt`). */
export const TECHNIQUES_2021: readonly string[] = [
  'Appeal to authority',
  'Appeal to fear/prejudice',
  'Black-and-white Fallacy/Dictatorship',
  'Causal Oversimplification',
  'Doubt',
  'Exaggeration/Minimisation',
  'Flag-waving',
  'Glittering generalities (Virtue)',
  'Loaded Language',
  "Misrepresentation of Someone's Position (Straw Man)",
  'Name calling/Labeling',
  'Obfuscation, Intentional vagueness, Confusion',
  'Presenting Irrelevant Data (Red Herring)',
  'Reductio ad hitlerum',
  'Repetition',
  'Slogans',
  'Smears',
  'Thought-terminating cliché',
  'Whataboutism',
  'Bandwagon',
];

export interface MemeLabels {
  id: string;
  /** Absent in prediction files. */
  text?: string;
  labels: string[];
}

export interface MemeSpan {
  start: number;
  end: number;
  technique: string;
  text_fragment?: string;
}

export interface MemeSpans {
  id: string;
  text?: string;
  labels: MemeSpan[];
}

export interface ReadOptions {
  /** A prediction file: `text` may be missing. Default false (gold files must have it). */
  predictions?: boolean;
}

function fail(file: string, index: number, id: unknown, what: string): FormatError {
  const which = typeof id === 'string' ? ` (id ${id})` : '';
  return new FormatError(`${file}: item ${index}${which}: ${what}`);
}

async function readItems(file: string): Promise<unknown[]> {
  let data: unknown;
  try {
    data = JSON.parse(await readLabelText(file));
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(data)) throw new FormatError(`${file}: expected a JSON array of memes`);
  return data;
}

function base(file: string, item: unknown, i: number, options: ReadOptions, seen: Set<string>): { id: string; text?: string; labels: unknown[] } {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw fail(file, i, undefined, 'not an object');
  const o = item as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id === '') throw fail(file, i, undefined, `'id' must be a non-empty string`);
  if (seen.has(o.id)) throw fail(file, i, o.id, 'duplicate id');
  seen.add(o.id);
  if (o.text !== undefined && typeof o.text !== 'string') throw fail(file, i, o.id, `'text' must be a string`);
  if (o.text === undefined && !options.predictions) throw fail(file, i, o.id, `missing 'text'`);
  if (!Array.isArray(o.labels)) throw fail(file, i, o.id, `'labels' must be an array`);
  return o.text === undefined ? { id: o.id, labels: o.labels } : { id: o.id, text: o.text, labels: o.labels };
}

/** Task 1 (or a task 1 submission): `[{ id, labels: string[], text }]`. */
export async function readTask1(file: string, options: ReadOptions = {}): Promise<MemeLabels[]> {
  const seen = new Set<string>();
  return (await readItems(file)).map((item, i) => {
    const b = base(file, item, i, options, seen);
    for (const l of b.labels) if (typeof l !== 'string' || l === '') throw fail(file, i, b.id, `labels must be non-empty strings`);
    return { ...b, labels: b.labels as string[] };
  });
}

/** Task 2 (or a task 2 submission): `[{ id, text, labels: [{ start, end, technique, text_fragment }] }]`. */
export async function readTask2(file: string, options: ReadOptions = {}): Promise<MemeSpans[]> {
  const seen = new Set<string>();
  return (await readItems(file)).map((item, i) => {
    const b = base(file, item, i, options, seen);
    const labels = b.labels.map((l, j): MemeSpan => {
      if (typeof l !== 'object' || l === null) throw fail(file, i, b.id, `label ${j} is not an object`);
      const o = l as Record<string, unknown>;
      for (const k of ['start', 'end'] as const) {
        const v = o[k];
        if (typeof v !== 'number' || !Number.isInteger(v)) throw fail(file, i, b.id, `label ${j}: '${k}' must be an integer`);
        if (v < 0) throw fail(file, i, b.id, `label ${j}: '${k}' ${v} is negative`);
      }
      const start = o.start as number;
      const end = o.end as number;
      if (start >= end) throw fail(file, i, b.id, `label ${j}: start ${start} is not before end ${end}`);
      if (typeof o.technique !== 'string' || o.technique === '') throw fail(file, i, b.id, `label ${j}: 'technique' must be a non-empty string`);
      if (o.text_fragment !== undefined && typeof o.text_fragment !== 'string') throw fail(file, i, b.id, `label ${j}: 'text_fragment' must be a string`);
      const span: MemeSpan = { start, end, technique: o.technique };
      if (typeof o.text_fragment === 'string') span.text_fragment = o.text_fragment;
      return span;
    });
    return { ...b, labels };
  });
}

/**
 * Checks task 2 spans against their meme text: one problem per span that
 * ends beyond the text or whose `text_fragment` differs from the text at
 * its code-point offsets (the holdout test set has 5 such off-by-one spans).
 */
export function checkTask2Spans(items: readonly MemeSpans[]): string[] {
  const problems: string[] = [];
  for (const m of items) {
    if (m.text === undefined) continue;
    const length = codePointLength(m.text);
    for (const l of m.labels) {
      if (l.end > length) {
        problems.push(`meme ${m.id}: span ${l.start}-${l.end} ends beyond the text (length ${length})`);
        continue;
      }
      if (l.text_fragment !== undefined) {
        const actual = sliceCodePoints(m.text, l.start, l.end);
        if (actual !== l.text_fragment) {
          problems.push(`meme ${m.id}: span ${l.start}-${l.end} is ${JSON.stringify(actual)}, text_fragment says ${JSON.stringify(l.text_fragment)}`);
        }
      }
    }
  }
  return problems;
}

/** Task 1 submission JSON: `[{ "id": …, "labels": […] }]`. */
export function formatTask1(items: readonly { id: string; labels: readonly string[] }[]): string {
  return `${JSON.stringify(items.map((m) => ({ id: m.id, labels: [...m.labels] })), null, 2)}\n`;
}

/** Task 2 submission JSON: `[{ "id": …, "labels": [{ "start", "end", "technique"[, "text_fragment"] }] }]`. */
export function formatTask2(items: readonly { id: string; labels: readonly MemeSpan[] }[]): string {
  const out = items.map((m) => ({
    id: m.id,
    labels: m.labels.map((l) => {
      if (!Number.isInteger(l.start) || !Number.isInteger(l.end) || l.start < 0 || l.start >= l.end) {
        throw new RangeError(`meme ${m.id}: span ${l.start}-${l.end} is not a valid span`);
      }
      return l.text_fragment === undefined
        ? { start: l.start, end: l.end, technique: l.technique }
        : { start: l.start, end: l.end, technique: l.technique, text_fragment: l.text_fragment };
    }),
  }));
  return `${JSON.stringify(out, null, 2)}\n`;
}

function byId<T extends { id: string }>(items: readonly T[], what: string): Map<string, T> {
  const out = new Map<string, T>();
  for (const m of items) {
    if (out.has(m.id)) throw new RangeError(`${what}: meme ${m.id} appears twice`);
    out.set(m.id, m);
  }
  return out;
}

/**
 * The official task 1 metric (scorer/task1_3.py): label sets binarised over
 * `classes` (default TECHNIQUES_2021), sklearn f1_score with
 * zero_division=1; microF1 (the official ranking metric) = 2tp/(2tp+fp+fn)
 * summed over memes and labels, macroF1 = mean over all classes of the
 * per-class F1 (a class absent from gold and predictions scores 1).
 * Memes without a prediction count as predicted with no label (the official
 * scorer refuses such files); predictions for unknown memes or with labels
 * outside the list are errors.
 */
export function scoreTask1(
  gold: readonly { id: string; labels: readonly string[] }[],
  predicted: readonly { id: string; labels: readonly string[] }[],
  classes: readonly string[] = TECHNIQUES_2021,
): MultiLabelScore {
  const g = new Map([...byId(gold, 'gold')].map(([k, v]) => [k, v.labels]));
  const p = new Map([...byId(predicted, 'predictions')].map(([k, v]) => [k, v.labels]));
  return multiLabelScore(g, p, classes, (k) => `meme ${k}`);
}

export interface Task2Score extends OverlapScore {
  perTechnique: Map<string, TechniqueOverlapScore>;
  /** Mean per-technique F1 over the technique list. */
  macroF1: number;
}

export interface Task2Options {
  /** Techniques for per-technique scores and macro-F1 (the scorer's -p list); default: those in gold or predictions. */
  techniques?: readonly string[];
  /** Merge overlapping predicted spans of the same technique instead of refusing them. */
  mergePredicted?: boolean;
}

/**
 * The task 2 metric ("standard micro-averaged F1 modified to account for
 * partial matching between the spans", ORIGINAL_README; the FLC measure of
 * Da San Martino et al. 2019), per meme:
 *   P = (1/|S|) Σ_s Σ_{t: tech(t)=tech(s)} |s∩t|/|s|,   R = (1/|T|) Σ_s Σ_{t: tech(t)=tech(s)} |s∩t|/|t|
 * S = all predicted spans, T = all gold spans of all memes (memes without
 * predictions add to |T| only); F1 = 2PR/(P+R), 0 if P or R is 0, 1 if
 * |S| = |T| = 0. Gold spans of one meme and technique that overlap are merged
 * first (13 such pairs in the train gold), overlapping predictions of one
 * technique are refused unless mergePredicted. Per technique the same
 * formula on that technique alone (F1 1 when it is in neither gold nor
 * predictions, the scorer's convention); macroF1 averages them over the list.
 * Predictions for memes not in the gold are an error.
 */
export function scoreTask2(
  gold: readonly { id: string; labels: readonly MemeSpan[] }[],
  predicted: readonly { id: string; labels: readonly MemeSpan[] }[],
  options: Task2Options = {},
): Task2Score {
  const flat = (items: readonly { id: string; labels: readonly MemeSpan[] }[], what: string) => {
    byId(items, what);
    return items.flatMap((m) => m.labels.map((l) => ({ article: m.id, start: l.start, end: l.end, technique: l.technique })));
  };
  const result = overlapScore(flat(gold, 'gold'), flat(predicted, 'predictions'), {
    byTechnique: true,
    mergeGold: true,
    mergePredicted: options.mergePredicted ?? false,
    units: gold.map((m) => m.id),
    unitName: 'meme',
  });
  const labels = options.techniques ?? [...result.perTechnique.keys()].sort();
  return { ...result, macroF1: macroOver(labels, (t) => result.perTechnique.get(t)?.f1 ?? 1) };
}
