/**
 * SemEval-2023 Task 3 (languages en fr ge it po ru): genre (ST1), framing
 * (ST2) and paragraph-level persuasion techniques (ST3).
 *
 * Layout per language `data/<lang>/`: `train-articles-subtask-{1,2,3}/article<ID>.txt`,
 * `train-labels-subtask-1.txt` (`id<TAB>genre`), `train-labels-subtask-2.txt`
 * (`id<TAB>frame1,frame2`), `train-labels-subtask-3.txt` or the folder
 * `train-labels-subtask-3/` (`id<TAB>paragraph<TAB>tech1,tech2`, the official
 * ST3 gold), `*.template` (`id<TAB>paragraph<TAB>text`) and
 * `train-labels-subtask-3-spans/` (`id<TAB>technique<TAB>start<TAB>end`).
 *
 * Paragraphs: see paragraphsOf. Metrics: scoreSt1 (macro-F1, official for
 * ST1) and scoreMultiLabel (micro-F1, official for ST2 and ST3).
 */
import { FRAMES_2023 as FRAMES, GENRES_2023 as GENRES } from '../analyze/framing/labels.ts';
import { TECHNIQUE_IDS } from '../analyze/techniques/taxonomy.ts';
import {
  FormatError,
  assertField,
  filesOf,
  isArticleLabelFile,
  lineError,
  linesOf,
  multiLabelScore,
  parseArticleId,
  readArticleDir,
  readLabelText,
  rstrip,
} from './common.ts';
import type { LabelScore, MultiLabelScore, TechniqueSpan } from './common.ts';
import { readTcLabels } from './semeval2020.ts';
import { offsetMap } from '../text/offsets.ts';

export { FormatError };
export type { MultiLabelScore };

export const LANGUAGES_2023: readonly string[] = ['en', 'fr', 'ge', 'it', 'po', 'ru'];

/** ST1 classes and the 14 ST2 frames (`src/analyze/framing/labels.ts`). */
export const GENRES_2023: readonly string[] = GENRES;
export const FRAMES_2023: readonly string[] = FRAMES;

/** The 23 techniques of `scorers/techniques_subtask3.txt`: the canonical technique ids of the taxonomy. */
export const TECHNIQUES_2023: readonly string[] = TECHNIQUE_IDS;

export interface ParagraphLabels {
  article: string;
  /** Paragraph number as in the templates (the 1-based line number). */
  paragraph: number;
  techniques: string[];
}

export interface TemplateRow {
  article: string;
  paragraph: number;
  text: string;
}

export interface GenreLabel {
  article: string;
  genre: string;
}

export interface FrameLabels {
  article: string;
  frames: string[];
}

export interface Paragraph {
  /** Number as in the official templates and ST3 labels: the line number, 1-based. */
  paragraph: number;
  /** Code-point offsets of the whole line (untrimmed, without its line break). */
  start: number;
  end: number;
  /** The line exactly as the template gives it. */
  text: string;
}

/** Reads `article<ID>.txt` files: id → exact text (BOM kept as character 0). */
export function readArticles(dir: string): Promise<Map<string, string>> {
  return readArticleDir(dir);
}

// Python's str.isspace() set: the organisers' scripts are Python, and
// `line.strip() == ''` decides which lines are left out. (JavaScript's \s
// differs: it has U+FEFF and lacks U+001C-U+001F and U+0085.)
const PY_BLANK = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/**
 * The paragraphs of an article exactly as the official ST3 templates and
 * labels number them. Rule (found by comparing with the data):
 *
 *   split the raw text into lines at line breaks; paragraph k is line k
 *   (1-based, counting every line, blank ones included); lines that are
 *   empty or whitespace-only (Python `line.strip() == ''`) are left out.
 *   The paragraph text is the whole line, untrimmed.
 *
 * Checked against the per-article `*.template` files and the ST3 labels of
 * every train article of all six languages (en 371, fr 158, ge 132, it 227,
 * po 145, ru 143): numbers and texts agree for 100% of the articles. The
 * MERGED `train-labels-subtask-3.template` agrees only for English; for
 * fr/ge/it/po/ru it drops the title line of some articles and numbers others
 * from a different version of the text, while the labels (merged and
 * per-article) follow the per-article templates, i.e. this rule.
 * The data has line feeds only, whitespace-only lines being single spaces;
 * CRLF and lone CR are treated as line breaks as Python's universal-newline
 * reading would (untested against templates: no such files exist), and a
 * leading BOM belongs to line 1 as in the templates.
 */
export function paragraphsOf(text: string): Paragraph[] {
  const map = offsetMap(text);
  const out: Paragraph[] = [];
  const lineBreak = /\r\n|\n|\r/g;
  let from = 0;
  let n = 0;
  for (;;) {
    const m = lineBreak.exec(text);
    const to = m ? m.index : text.length;
    n++;
    const line = text.slice(from, to);
    if (!PY_BLANK.test(line)) out.push({ paragraph: n, start: map.toCodePoint(from), end: map.toCodePoint(to), text: line });
    if (!m) break;
    from = m.index + m[0].length;
  }
  return out;
}

function splitList(raw: string, what: string, file: string, line: number, allowed?: ReadonlySet<string>): string[] {
  if (raw === '') return [];
  const items = raw.split(',');
  for (const item of items) {
    if (item.trim() === '') throw lineError(file, line, `empty ${what} name in '${raw}'`);
    if (allowed && !allowed.has(item)) throw lineError(file, line, `unknown ${what} '${item}'`);
  }
  return items;
}

function parseParagraph(raw: string, file: string, line: number): number {
  if (!/^[1-9]\d*$/.test(raw)) throw lineError(file, line, `paragraph number '${raw}' is not a positive integer`);
  return Number(raw);
}

export interface ReadParagraphOptions {
  /** When given (e.g. TECHNIQUES_2023), a technique outside the list is an error. */
  techniques?: readonly string[];
}

/**
 * ST3 labels: `id<TAB>paragraph<TAB>tech1,tech2` (an empty third column, or
 * none, means no technique), one merged file or the folder of
 * `article<ID>-labels-subtask-3.txt` files (templates in it are skipped).
 * Note: the merged en train file has one malformed technique
 * (`Appeal_to_Fear-Prejudi-čce`, article 111111111 paragraph 17) where the
 * per-article file is right; pass `techniques` to catch such rows.
 */
export async function readParagraphLabels(pathOrDir: string, options: ReadParagraphOptions = {}): Promise<ParagraphLabels[]> {
  const allowed = options.techniques ? new Set(options.techniques) : undefined;
  const out: ParagraphLabels[] = [];
  const seen = new Map<string, string>();
  for (const file of await filesOf(pathOrDir, isArticleLabelFile)) {
    for (const { line, text } of linesOf(await readLabelText(file))) {
      const t = rstrip(text);
      if (t === '') continue;
      const cols = t.split('\t');
      if (cols.length !== 2 && cols.length !== 3) {
        throw lineError(file, line, `expected 3 tab-separated columns (article, paragraph, techniques), found ${cols.length}`);
      }
      const article = parseArticleId(cols[0]!, file, line);
      const paragraph = parseParagraph(cols[1]!, file, line);
      const key = `${article}\t${paragraph}`;
      const first = seen.get(key);
      if (first) throw lineError(file, line, `paragraph ${paragraph} of article ${article} is listed twice (first at ${first})`);
      seen.set(key, `${file}:${line}`);
      out.push({ article, paragraph, techniques: splitList(cols[2] ?? '', 'technique', file, line, allowed) });
    }
  }
  return out;
}

/**
 * ST3 templates: `id<TAB>paragraph<TAB>text`, one merged `.template` file or
 * a folder of per-article `*.template` files. Prefer the per-article files:
 * they are the ones the labels follow (see paragraphsOf).
 */
export async function readTemplate(pathOrDir: string): Promise<TemplateRow[]> {
  const out: TemplateRow[] = [];
  for (const file of await filesOf(pathOrDir, (n) => n.endsWith('.template'))) {
    for (const { line, text } of linesOf(await readLabelText(file))) {
      if (text === '') continue;
      const cols = text.split('\t');
      if (cols.length < 3) throw lineError(file, line, `expected 3 tab-separated columns (article, paragraph, text), found ${cols.length}`);
      const article = parseArticleId(cols[0]!, file, line);
      out.push({ article, paragraph: parseParagraph(cols[1]!, file, line), text: cols.slice(2).join('\t') });
    }
  }
  return out;
}

/** ST1 labels: `id<TAB>genre`, genre one of GENRES_2023. */
export async function readGenreLabels(path: string): Promise<GenreLabel[]> {
  const allowed = new Set(GENRES_2023);
  const out: GenreLabel[] = [];
  for (const file of await filesOf(path, isArticleLabelFile)) {
    for (const { line, text } of linesOf(await readLabelText(file))) {
      const t = rstrip(text);
      if (t === '') continue;
      const cols = t.split('\t');
      if (cols.length !== 2) throw lineError(file, line, `expected 2 tab-separated columns (article, genre), found ${cols.length}`);
      const genre = cols[1]!;
      if (!allowed.has(genre)) throw lineError(file, line, `unknown genre '${genre}' (expected ${GENRES_2023.join(', ')})`);
      out.push({ article: parseArticleId(cols[0]!, file, line), genre });
    }
  }
  return out;
}

/** ST2 labels: `id<TAB>frame1,frame2` (possibly empty). Pass `frames: FRAMES_2023` to refuse unknown names. */
export async function readFrameLabels(path: string, options: { frames?: readonly string[] } = {}): Promise<FrameLabels[]> {
  const allowed = options.frames ? new Set(options.frames) : undefined;
  const out: FrameLabels[] = [];
  for (const file of await filesOf(path, isArticleLabelFile)) {
    for (const { line, text } of linesOf(await readLabelText(file))) {
      const t = rstrip(text);
      if (t === '') continue;
      if (!text.includes('\t')) throw lineError(file, line, 'no tab: expected article<TAB>frames');
      const cols = t.split('\t');
      if (cols.length > 2) throw lineError(file, line, `expected 2 tab-separated columns (article, frames), found ${cols.length}`);
      out.push({ article: parseArticleId(cols[0]!, file, line), frames: splitList(cols[1] ?? '', 'frame', file, line, allowed) });
    }
  }
  return out;
}

/**
 * Span-level annotations (`train-labels-subtask-3-spans/`, not officially
 * scored). English offsets are code points into the raw article. For
 * fr/ge/it/po/ru they are APPROXIMATE: they do not reliably align with these
 * text copies (some end beyond the text, many land mid-word), so use them
 * only with checkSpans and care; the paragraph labels do not depend on them.
 */
export function readSpanLabels(pathOrDir: string, options: { techniques?: readonly string[] } = {}): Promise<TechniqueSpan[]> {
  return readTcLabels(pathOrDir, options);
}

function checkList(items: readonly string[], what: string): string {
  for (const i of items) {
    assertField(i, what);
    if (i.includes(',')) throw new RangeError(`${what} '${i}' contains a comma`);
  }
  return items.join(',');
}

/** ST1 submission: `id<TAB>genre\n` per article. */
export function formatSt1(rows: readonly GenreLabel[]): string {
  return rows
    .map((r) => {
      assertField(r.article, 'article id');
      assertField(r.genre, 'genre');
      return `${r.article}\t${r.genre}\n`;
    })
    .join('');
}

/** ST2 submission: `id<TAB>frame1,frame2\n` (empty list → `id<TAB>\n`). */
export function formatSt2(rows: readonly FrameLabels[]): string {
  return rows
    .map((r) => {
      assertField(r.article, 'article id');
      return `${r.article}\t${checkList(r.frames, 'frame')}\n`;
    })
    .join('');
}

/** ST3 submission: `id<TAB>paragraph<TAB>tech1,tech2\n` (no technique → `id<TAB>paragraph<TAB>\n`). */
export function formatSt3(rows: readonly ParagraphLabels[]): string {
  return rows
    .map((r) => {
      assertField(r.article, 'article id');
      if (!Number.isInteger(r.paragraph) || r.paragraph < 1) throw new RangeError(`paragraph number ${r.paragraph} is not a positive integer`);
      return `${r.article}\t${r.paragraph}\t${checkList(r.techniques, 'technique')}\n`;
    })
    .join('');
}

type Unit = ParagraphLabels | FrameLabels;

function unitMap(rows: readonly Unit[], what: string): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const r of rows) {
    const key = 'paragraph' in r ? `${r.article}\t${r.paragraph}` : r.article;
    if (out.has(key)) throw new RangeError(`${what}: ${describeUnit(key)} appears twice`);
    out.set(key, 'paragraph' in r ? r.techniques : r.frames);
  }
  return out;
}

function describeUnit(key: string): string {
  const [article, paragraph] = key.split('\t');
  return paragraph === undefined ? `article ${article}` : `article ${article} paragraph ${paragraph}`;
}

/**
 * The official ST3 (units = paragraphs) and ST2 (units = articles) metric of
 * scorer-subtask-{2,3}.py: label sets binarised over `labels`
 * (TECHNIQUES_2023 or FRAMES_2023), then sklearn
 * `f1_score(average='micro'|'macro', zero_division=1)`. microF1 is the
 * ranking metric:
 *   micro: tp, fp, fn summed over all units and labels; F1 = 2tp / (2tp + fp + fn)
 *   macro: mean over ALL labels of the list of 2tp_l / (2tp_l + fp_l + fn_l),
 *          a label absent from both gold and predictions scoring 1.
 * Gold units without a prediction count as empty predictions; a prediction
 * for a unit not in the gold, or with a label outside the list, is an error.
 * Gold labels outside the list are ignored, as the binariser does (reported
 * in ignoredGoldLabels).
 */
export function scoreMultiLabel(gold: readonly ParagraphLabels[], predicted: readonly ParagraphLabels[], labels: readonly string[]): MultiLabelScore;
export function scoreMultiLabel(gold: readonly FrameLabels[], predicted: readonly FrameLabels[], labels: readonly string[]): MultiLabelScore;
export function scoreMultiLabel(gold: readonly Unit[], predicted: readonly Unit[], labels: readonly string[]): MultiLabelScore {
  return multiLabelScore(unitMap(gold, 'gold'), unitMap(predicted, 'predictions'), labels, describeUnit);
}

export type GenreClassScore = LabelScore;

export interface St1Score {
  /** The official ST1 metric. */
  macroF1: number;
  microF1: number;
  /** Correct / gold articles. Equals microF1 when every article has a prediction. */
  accuracy: number;
  perClass: Map<string, GenreClassScore>;
  articles: number;
}

/**
 * The official ST1 metric of scorer-subtask-1.py: sklearn
 * `f1_score(gold, pred, average='macro', zero_division=0)` on the genre
 * strings, so the mean of per-class F1 over the classes that occur in the
 * gold OR the predictions (not a fixed list): F1_c = 2tp_c / (2tp_c + fp_c + fn_c).
 * microF1 = 2tp / (2tp + fp + fn) over all classes, which is accuracy.
 * A gold article without a prediction counts as a miss (fn of its class, no
 * fp) — the official scorer refuses such files; predictions for articles not
 * in the gold, or with a genre outside GENRES_2023, are errors.
 */
export function scoreSt1(gold: readonly GenreLabel[], predicted: readonly GenreLabel[]): St1Score {
  const allowed = new Set(GENRES_2023);
  const goldBy = new Map<string, string>();
  for (const g of gold) {
    if (goldBy.has(g.article)) throw new RangeError(`gold: article ${g.article} appears twice`);
    goldBy.set(g.article, g.genre);
  }
  const predBy = new Map<string, string>();
  for (const p of predicted) {
    if (predBy.has(p.article)) throw new RangeError(`predictions: article ${p.article} appears twice`);
    if (!allowed.has(p.genre)) throw new RangeError(`predictions: article ${p.article} has unknown genre '${p.genre}'`);
    predBy.set(p.article, p.genre);
  }
  const unknown = [...predBy.keys()].filter((a) => !goldBy.has(a));
  if (unknown.length > 0) throw new RangeError(`predictions for articles not in the gold data: ${unknown.slice(0, 10).join(', ')}`);
  const perClass = new Map<string, GenreClassScore>();
  const cls = (c: string): GenreClassScore => {
    let s = perClass.get(c);
    if (!s) perClass.set(c, (s = { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 }));
    return s;
  };
  let correct = 0;
  for (const [article, g] of goldBy) {
    const p = predBy.get(article);
    if (p === g) {
      cls(g).tp++;
      correct++;
      continue;
    }
    cls(g).fn++;
    if (p !== undefined) cls(p).fp++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of perClass.values()) {
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
    s.precision = s.tp + s.fp > 0 ? s.tp / (s.tp + s.fp) : 0;
    s.recall = s.tp + s.fn > 0 ? s.tp / (s.tp + s.fn) : 0;
    s.f1 = 2 * s.tp + s.fp + s.fn > 0 ? (2 * s.tp) / (2 * s.tp + s.fp + s.fn) : 0;
  }
  const classes = [...perClass.keys()];
  return {
    macroF1: classes.length > 0 ? classes.reduce((sum, c) => sum + perClass.get(c)!.f1, 0) / classes.length : 0,
    microF1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0,
    accuracy: goldBy.size > 0 ? correct / goldBy.size : 0,
    perClass,
    articles: goldBy.size,
  };
}
