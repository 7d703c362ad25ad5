/**
 * PolNeAR v1.0.0 (Political News Attribution Relations, Newell et al. 2018):
 * reader for a split folder and the quote-extraction metrics.
 *
 * Layout of a split: `text/<article>.txt` and
 * `attributions/<article>_<annotator>.ann` (brat standoff). An article with
 * several `.ann` files (agreement batches) is read from the
 * lexicographically first one. Offsets are code points into the exact text,
 * [start, end); a span can have several fragments (`start end;start end`).
 *
 * `.ann` lines:
 *   T<n><TAB><Type> <frags><TAB><covered text>  Type: Source, Cue, Content,
 *       Attribution (the relation's anchor), Discard, Discuss …
 *   E<n><TAB><Attribution|Attribution-no-source>:T<a> Content:T<b> Cue:T<c> Source:T<d> [Content2:T<e>]
 *   #<n> …  annotator notes (ignored); A/R/N/M lines are ignored too.
 * The covered text of a T line can contain line breaks (the annotators'
 * spans cross lines), so a line that is none of the above and follows a T
 * line is taken as the rest of its covered text.
 *
 * Content convention (checked on train): a direct quote's Content includes
 * its quote marks and the punctuation inside them (`“… accomplishment.”`);
 * an indirect Content runs from the complementiser (`that …`) to the end of
 * the clause, the sentence's final full stop excluded.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { articleContext } from '../analyze/techniques/context.ts';
import { extractQuotes, type Quote, type QuoteType } from '../analyze/quotes/extract.ts';
import { offsetMap } from '../text/offsets.ts';
import { FormatError, codePointLength, lineError, linesOf, prf, readArticleText, readLabelText } from './common.ts';
import type { PRF } from './common.ts';

export { FormatError };

/** A [start, end) range in code points. */
export interface Fragment {
  start: number;
  end: number;
}

export interface Attribution {
  /** The E line's id (`E3`). */
  id: string;
  /** `Attribution-no-source` relations have no Source. */
  source?: Fragment[];
  cue?: Fragment[];
  /** Content and Content2 fragments in text order; empty for the few relations without one. */
  content: Fragment[];
}

export interface PolnearArticle {
  /** The file name without `.txt`. */
  id: string;
  /** Which annotator's file was read (the part after the last `_`). */
  annotator: string;
  text: string;
  attributions: Attribution[];
}

const T_LINE = /^(T\d+)\t([A-Za-z][A-Za-z0-9_-]*) ([^\t]*)(?:\t(.*))?$/;
const E_LINE = /^(E\d+)\t(.*)$/;
const FRAGMENT = /^(\d+) (\d+)$/;
const IGNORED = /^[#ARNM]\d*\t/;

interface TSpan {
  type: string;
  fragments: Fragment[];
}

/**
 * Parses one `.ann` file. `length` (code points of the article) checks that
 * every span lies inside the text. Throws `<file>:<line>: <what>` errors.
 */
export function parseAnn(content: string, file: string, length = Infinity): Attribution[] {
  const spans = new Map<string, TSpan>();
  const relations: { id: string; roles: [string, string][]; line: number }[] = [];
  let afterT = false;
  for (const { line, text } of linesOf(content)) {
    const t = T_LINE.exec(text);
    if (t) {
      const [, id, type, raw] = t as unknown as [string, string, string, string];
      if (spans.has(id)) throw lineError(file, line, `span ${id} is defined twice`);
      const fragments: Fragment[] = [];
      for (const part of raw.split(';')) {
        const m = FRAGMENT.exec(part);
        if (!m) throw lineError(file, line, `fragment '${part}' of ${id} is not '<start> <end>'`);
        const start = Number(m[1]);
        const end = Number(m[2]);
        if (!(start < end)) throw lineError(file, line, `fragment ${start}-${end} of ${id} is empty or reversed`);
        if (end > length) throw lineError(file, line, `fragment ${start}-${end} of ${id} ends beyond the text (length ${length})`);
        fragments.push({ start, end });
      }
      spans.set(id, { type, fragments });
      afterT = true;
      continue;
    }
    const e = E_LINE.exec(text);
    if (e) {
      const roles: [string, string][] = [];
      for (const part of e[2]!.trim().split(/\s+/)) {
        const m = /^([A-Za-z][A-Za-z0-9-]*):(T\d+)$/.exec(part);
        if (!m) throw lineError(file, line, `role '${part}' of ${e[1]} is not '<Role>:T<n>'`);
        roles.push([m[1]!, m[2]!]);
      }
      const kind = roles[0]?.[0];
      if (kind !== 'Attribution' && kind !== 'Attribution-no-source') {
        throw lineError(file, line, `relation ${e[1]} is '${kind ?? ''}', expected Attribution or Attribution-no-source`);
      }
      relations.push({ id: e[1]!, roles, line });
      afterT = false;
      continue;
    }
    if (IGNORED.test(text)) {
      afterT = false;
      continue;
    }
    if (afterT || text.trim() === '') continue; // covered text that crossed a line break
    throw lineError(file, line, `unrecognised line '${text.slice(0, 40)}'`);
  }
  const out: Attribution[] = [];
  for (const r of relations) {
    const a: Attribution = { id: r.id, content: [] };
    for (const [role, ref] of r.roles.slice(1)) {
      const span = spans.get(ref);
      if (!span) throw lineError(file, r.line, `relation ${r.id} refers to ${ref}, which is not defined`);
      const base = role.replace(/\d+$/, '');
      if (base === 'Content') a.content.push(...span.fragments);
      else if (base === 'Source') (a.source ??= []).push(...span.fragments);
      else if (base === 'Cue') (a.cue ??= []).push(...span.fragments);
      else throw lineError(file, r.line, `relation ${r.id} has an unknown role '${role}'`);
    }
    a.content.sort((x, y) => x.start - y.start);
    out.push(a);
  }
  return out;
}

/** Reads a PolNeAR split folder (`…/polnear/dev`), articles in name order. */
export async function readPolnearSplit(dir: string): Promise<PolnearArticle[]> {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  const texts = (await readdir(textDir)).filter((n) => n.endsWith('.txt') && !n.startsWith('.')).sort();
  if (texts.length === 0) throw new FormatError(`${textDir}: no .txt files in this folder`);
  const anns = (await readdir(annDir)).filter((n) => n.endsWith('.ann') && !n.startsWith('.')).sort();
  const byArticle = new Map<string, string>();
  for (const name of anns) {
    const cut = name.lastIndexOf('_');
    if (cut <= 0) throw new FormatError(`${join(annDir, name)}: name is not <article>_<annotator>.ann`);
    const article = name.slice(0, cut);
    if (!byArticle.has(article)) byArticle.set(article, name); // sorted, so the first annotator wins
  }
  const out: PolnearArticle[] = [];
  for (const name of texts) {
    const id = name.slice(0, -4);
    const ann = byArticle.get(id);
    if (!ann) throw new FormatError(`${join(annDir, id)}_*.ann: no attribution file for ${name}`);
    const text = await readArticleText(join(textDir, name));
    const file = join(annDir, ann);
    const attributions = parseAnn(await readLabelText(file), file, codePointLength(text));
    out.push({ id, annotator: ann.slice(id.length + 1, -4), text, attributions });
  }
  return out;
}

// ---------- metrics ----------

export type { QuoteType };

/** A predicted quote in code points. */
export interface PredictedQuote {
  start: number;
  end: number;
  type: QuoteType;
  speaker: Fragment | null;
}

const OPEN_MARK = /^[\s]*["“‘'«„‚‹]/u;
const CLOSE_MARK = /["”’'»“‹›][\s.,;:!?]*$/u;
const ANY_MARK = /["“”«»„]|(?<![\p{L}\p{N}])[‘'](?=\p{L})/u;

/**
 * The type of a gold Content, from its text: `direct` when it opens with a
 * quote mark and ends with one (trailing punctuation allowed); `mixed` when
 * it contains a double quote mark (or a single opening one) elsewhere;
 * `indirect` otherwise.
 */
export function goldQuoteType(text: string, content: readonly Fragment[]): QuoteType {
  if (content.length === 0) return 'indirect';
  const first = content[0]!;
  const last = content[content.length - 1]!;
  const head = sliceCp(text, first.start, first.end);
  const tail = sliceCp(text, last.start, last.end);
  if (OPEN_MARK.test(head) && CLOSE_MARK.test(tail)) return 'direct';
  return content.some((f) => ANY_MARK.test(sliceCp(text, f.start, f.end))) ? 'mixed' : 'indirect';
}

function sliceCp(text: string, start: number, end: number): string {
  const map = offsetMap(text);
  return text.slice(map.toUtf16(start), map.toUtf16(end));
}

function mergeFragments(fs: readonly Fragment[]): [number, number][] {
  const sorted = fs.map((f) => [f.start, f.end] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** |A∩B| / |A∪B| over the characters of two fragment sets. */
export function jaccard(a: readonly Fragment[], b: readonly Fragment[]): number {
  const x = mergeFragments(a);
  const y = mergeFragments(b);
  let inter = 0;
  for (const [s1, e1] of x) for (const [s2, e2] of y) inter += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  const size = (r: [number, number][]) => r.reduce((n, [s, e]) => n + e - s, 0);
  const union = size(x) + size(y) - inter;
  return union > 0 ? inter / union : 0;
}

function overlaps(a: Fragment, bs: readonly Fragment[]): boolean {
  return bs.some((b) => Math.min(a.end, b.end) > Math.max(a.start, b.start));
}

export interface TypeScore extends PRF {
  gold: number;
  predicted: number;
  /** Gold quotes of this type that were matched. */
  matchedGold: number;
  /** Predicted quotes of this type that were matched. */
  matchedPredicted: number;
}

export interface QuoteScore extends PRF {
  gold: number;
  predicted: number;
  matched: number;
  /**
   * Speaker accuracy: among matched pairs whose gold attribution has a
   * Source, the share whose predicted speaker shares at least one character
   * with the Source (all fragments); a null speaker counts as wrong.
   */
  speakerAccuracy: number;
  speakerCorrect: number;
  speakerTotal: number;
  /** Precision/recall per type: gold typed by goldQuoteType, predictions by their own type. */
  byType: Record<QuoteType, TypeScore>;
}

export interface ArticleQuotes {
  text: string;
  attributions: readonly Attribution[];
  predicted: readonly PredictedQuote[];
}

/**
 * Quote content scores. A gold quote is an attribution with a Content (the
 * union of its Content fragments). A predicted quote and a gold one can
 * match when their character sets have Jaccard ≥ `threshold` (0.5); pairs
 * are matched one-to-one, greedily by decreasing Jaccard (ties: gold order,
 * then prediction order), within each article. P = matched / predicted,
 * R = matched / gold. Speaker accuracy: see QuoteScore.
 */
export function scoreQuotes(articles: Iterable<ArticleQuotes>, threshold = 0.5): QuoteScore {
  const types: QuoteType[] = ['direct', 'mixed', 'indirect'];
  const t = Object.fromEntries(types.map((k) => [k, { gold: 0, predicted: 0, matchedGold: 0, matchedPredicted: 0 }])) as Record<
    QuoteType,
    { gold: number; predicted: number; matchedGold: number; matchedPredicted: number }
  >;
  let gold = 0;
  let predicted = 0;
  let matched = 0;
  let speakerCorrect = 0;
  let speakerTotal = 0;
  for (const art of articles) {
    const golds = art.attributions.filter((a) => a.content.length > 0);
    const goldTypes = golds.map((g) => goldQuoteType(art.text, g.content));
    gold += golds.length;
    predicted += art.predicted.length;
    for (const k of goldTypes) t[k].gold++;
    for (const p of art.predicted) t[p.type].predicted++;
    const pairs: [number, number, number][] = [];
    for (let gi = 0; gi < golds.length; gi++) {
      for (let pi = 0; pi < art.predicted.length; pi++) {
        const p = art.predicted[pi]!;
        const j = jaccard(golds[gi]!.content, [p]);
        if (j >= threshold) pairs.push([j, gi, pi]);
      }
    }
    pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
    const usedG = new Set<number>();
    const usedP = new Set<number>();
    for (const [, gi, pi] of pairs) {
      if (usedG.has(gi) || usedP.has(pi)) continue;
      usedG.add(gi);
      usedP.add(pi);
      matched++;
      const g = golds[gi]!;
      const p = art.predicted[pi]!;
      t[goldTypes[gi]!].matchedGold++;
      t[p.type].matchedPredicted++;
      if (g.source && g.source.length > 0) {
        speakerTotal++;
        if (p.speaker && overlaps(p.speaker, g.source)) speakerCorrect++;
      }
    }
  }
  const byType = Object.fromEntries(
    types.map((k) => {
      const c = t[k];
      return [k, { ...c, ...prf(c.matchedPredicted, c.predicted, c.matchedGold, c.gold) }];
    }),
  ) as Record<QuoteType, TypeScore>;
  return {
    ...prf(matched, predicted, matched, gold),
    gold,
    predicted,
    matched,
    speakerAccuracy: speakerTotal > 0 ? speakerCorrect / speakerTotal : 0,
    speakerCorrect,
    speakerTotal,
    byType,
  };
}

/** The extractor's quotes of a text, converted to code points. */
export function predictQuotes(text: string): PredictedQuote[] {
  const map = offsetMap(text);
  const quotes: Quote[] = extractQuotes(articleContext(text));
  return quotes.map((q) => ({
    start: map.toCodePoint(q.start),
    end: map.toCodePoint(q.end),
    type: q.type,
    speaker: q.speaker ? { start: map.toCodePoint(q.speaker.start), end: map.toCodePoint(q.speaker.end) } : null,
  }));
}

export interface PolnearEvaluation {
  articles: number;
  score: QuoteScore;
  /** Articles per second of the extractor alone (reading and scoring excluded), one thread. */
  articlesPerSecond: number;
}

/** Runs the quote extractor over a split folder and scores it. */
export async function evaluatePolnear(dir: string): Promise<PolnearEvaluation> {
  const articles = await readPolnearSplit(dir);
  const started = performance.now();
  const predicted = articles.map((a) => predictQuotes(a.text));
  const seconds = (performance.now() - started) / 1000;
  const score = scoreQuotes(articles.map((a, i) => ({ text: a.text, attributions: a.attributions, predicted: predicted[i]! })));
  return { articles: articles.length, score, articlesPerSecond: seconds > 0 ? articles.length / seconds : Infinity };
}
