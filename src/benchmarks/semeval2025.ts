/**
 * SemEval-2025 Task 10 (languages BG EN HI PT RU): entity framing (subtask 1)
 * and narrative classification (subtask 2).
 *
 * Layout per language `train/<LANG>/`: `raw-documents/<ID>.txt` (title first),
 * `subtask-1-annotations.txt` (`id<TAB>entity<TAB>start<TAB>end<TAB>main<TAB>fine…`,
 * offsets in code points, END INCLUSIVE) and `subtask-2-annotations.txt`
 * (`id<TAB>narr1;narr2<TAB>sub1;sub2`, labels prefixed `URW:` or `CC:`,
 * `Other` for an article without a narrative of the taxonomy). Article ids
 * keep their `.txt`, as the annotation files write them.
 *
 * Metrics: scoreNarratives (the subtask-2 scorer's per-article F1, averaged,
 * at the narrative and sub-narrative level) and scoreEntityRoles (the
 * subtask-1 scorer: exact match ratio, fine-role micro P/R/F1, main-role
 * accuracy).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NARRATIVE_LABELS, OTHER, SUBNARRATIVE_LABELS } from '../analyze/narratives/taxonomy.ts';
import { FINE_ROLES, MAIN_ROLES } from '../analyze/narratives/roles-taxonomy.ts';
import { codePointLength, offsetMap } from '../text/offsets.ts';
import { FormatError, assertField, lineError, linesOf, readArticleText, readLabelText, rstrip } from './common.ts';

export { FormatError };

/** Language folders of the train release. */
export const LANGUAGES_2025: readonly string[] = ['BG', 'EN', 'HI', 'PT', 'RU'];

/** The coarse classes of the subtask-2 scorer: the narratives and `Other`. */
export const NARRATIVE_CLASSES_2025: readonly string[] = [...NARRATIVE_LABELS, OTHER];
/** The fine classes of the subtask-2 scorer: the sub-narratives and `Other`. */
export const SUBNARRATIVE_CLASSES_2025: readonly string[] = [...SUBNARRATIVE_LABELS, OTHER];

export interface NarrativeLabels {
  /** Document id as the files write it (`EN_UA_300009.txt`). */
  article: string;
  narratives: string[];
  subnarratives: string[];
}

export interface EntityRoles {
  article: string;
  /** The entity as the annotation file writes it. */
  entity: string;
  /** Code-point offsets as in the file: `end` is INCLUSIVE (`text[start:end+1] == entity`). */
  start: number;
  end: number;
  /** Protagonist, Antagonist or Innocent; '' when the file has no roles (mention lists of the dev/test inputs). */
  mainRole: string;
  fineRoles: string[];
}

/** Reads `raw-documents/*.txt` (or any folder of `.txt` files): id with `.txt` → exact text. */
export async function readDocuments(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt') && !n.startsWith('.')).sort();
  if (names.length === 0) throw new FormatError(`${dir}: no .txt documents in this folder`);
  const out = new Map<string, string>();
  for (const name of names) out.set(name, await readArticleText(join(dir, name)));
  return out;
}

function splitLabels(raw: string, file: string, line: number): string[] {
  const items = raw.split(';').map((s) => s.trim());
  if (items.some((s) => s === '')) throw lineError(file, line, `empty label in '${raw}'`);
  return items;
}

/** Subtask-2 labels: `id<TAB>narratives<TAB>subnarratives`, `;`-separated. */
export async function readNarrativeLabels(file: string): Promise<NarrativeLabels[]> {
  const out: NarrativeLabels[] = [];
  const seen = new Set<string>();
  for (const { line, text } of linesOf(await readLabelText(file))) {
    const t = rstrip(text);
    if (t === '') continue;
    const cols = t.split('\t');
    if (cols.length !== 3) throw lineError(file, line, `expected 3 tab-separated columns (id, narratives, subnarratives), found ${cols.length}`);
    const article = cols[0]!;
    if (seen.has(article)) throw lineError(file, line, `article ${article} is listed twice`);
    seen.add(article);
    out.push({ article, narratives: splitLabels(cols[1]!, file, line), subnarratives: splitLabels(cols[2]!, file, line) });
  }
  return out;
}

function parseInt10(raw: string, what: string, file: string, line: number): number {
  if (!/^\d+$/.test(raw)) throw lineError(file, line, `${what} '${raw}' is not a non-negative integer`);
  return Number(raw);
}

/**
 * Subtask-1 annotations (`id, entity, start, end, main, fine…`) or mention
 * lists (`id, entity, start, end`, the dev/test inputs). A header line
 * (`article_id…`) is skipped, as the official scorer does.
 */
export async function readEntityLabels(file: string): Promise<EntityRoles[]> {
  const out: EntityRoles[] = [];
  for (const { line, text } of linesOf(await readLabelText(file))) {
    const t = rstrip(text);
    if (t === '') continue;
    const cols = t.split('\t');
    if (line === 1 && cols[0] === 'article_id') continue;
    if (cols.length < 4) throw lineError(file, line, `expected at least 4 tab-separated columns (id, entity, start, end), found ${cols.length}`);
    const start = parseInt10(cols[2]!, 'start', file, line);
    const end = parseInt10(cols[3]!, 'end', file, line);
    if (end < start) throw lineError(file, line, `end ${end} is before start ${start}`);
    out.push({ article: cols[0]!, entity: cols[1]!, start, end, mainRole: cols[4] ?? '', fineRoles: cols.slice(5).filter((r) => r !== '') });
  }
  return out;
}

export interface ResolvedMention {
  /** UTF-16 offsets into the document as read, end exclusive. */
  start: number;
  end: number;
  /** How the file's offsets were matched to the text. */
  how: 'exact' | 'crlf' | 'nearest' | 'unresolved';
}

/**
 * Where a subtask-1 mention is in the document as stored. The source repo
 * normalised CRLF to LF after the offsets were computed, so some documents'
 * offsets only fit with every `\n` counted as two characters; some (mostly
 * Bulgarian) fit neither way, and then the occurrence of the entity nearest
 * to the given start is taken.
 */
export function resolveMention(text: string, m: Pick<EntityRoles, 'entity' | 'start' | 'end'>): ResolvedMention {
  const map = offsetMap(text);
  const cpLength = map.codePointLength;
  const entity = m.entity;
  const endExclusive = m.end + 1;
  if (endExclusive <= cpLength) {
    const s = map.toUtf16(m.start);
    const e = map.toUtf16(endExclusive);
    if (text.slice(s, e) === entity) return { start: s, end: e, how: 'exact' };
  }
  // CRLF: code point c of the CRLF text is c - (LFs before it) in the LF text
  const crlf = crlfToLf(text, map, m.start, endExclusive);
  if (crlf && text.slice(crlf[0], crlf[1]) === entity) return { start: crlf[0], end: crlf[1], how: 'crlf' };
  let best = -1;
  const target = map.toUtf16(Math.min(m.start, cpLength));
  for (let i = text.indexOf(entity); i >= 0 && entity !== ''; i = text.indexOf(entity, i + 1)) {
    if (best < 0 || Math.abs(i - target) < Math.abs(best - target)) best = i;
  }
  if (best >= 0) return { start: best, end: best + entity.length, how: 'nearest' };
  return { start: 0, end: 0, how: 'unresolved' };
}

function crlfToLf(text: string, map: ReturnType<typeof offsetMap>, start: number, end: number): [number, number] | undefined {
  // walk the text once, counting code points of the CRLF form
  let crlfPos = 0;
  let s = -1;
  let e = -1;
  const n = map.codePointLength;
  for (let cp = 0; cp <= n; cp++) {
    if (crlfPos === start && s < 0) s = cp;
    if (crlfPos === end) {
      e = cp;
      break;
    }
    if (crlfPos > end || cp === n) break;
    const u = map.toUtf16(cp);
    crlfPos += text.charCodeAt(u) === 10 ? 2 : 1;
  }
  if (s < 0 || e < 0) return undefined;
  return [map.toUtf16(s), map.toUtf16(e)];
}

function checkList(items: readonly string[], what: string): string {
  if (items.length === 0) throw new RangeError(`${what}: a row needs at least one label (write '${OTHER}' for none)`);
  for (const i of items) {
    assertField(i, what);
    if (i.includes(';')) throw new RangeError(`${what} '${i}' contains a ';'`);
  }
  return items.join(';');
}

/** Subtask-2 submission: `id<TAB>narr1;narr2<TAB>sub1;sub2\n` per article. */
export function formatNarratives(rows: readonly NarrativeLabels[]): string {
  return rows
    .map((r) => {
      assertField(r.article, 'article id');
      return `${r.article}\t${checkList(r.narratives, 'narrative')}\t${checkList(r.subnarratives, 'sub-narrative')}\n`;
    })
    .join('');
}

/** Subtask-1 submission: `id<TAB>entity<TAB>start<TAB>end<TAB>main<TAB>fine1<TAB>fine2…\n` (end inclusive). */
export function formatEntityRoles(rows: readonly EntityRoles[]): string {
  const mains = new Set<string>(MAIN_ROLES);
  const fines = new Set(FINE_ROLES);
  return rows
    .map((r) => {
      assertField(r.article, 'article id');
      assertField(r.entity, 'entity');
      if (!mains.has(r.mainRole)) throw new RangeError(`main role '${r.mainRole}' is not one of ${MAIN_ROLES.join(', ')}`);
      for (const f of r.fineRoles) if (!fines.has(f)) throw new RangeError(`fine role '${f}' is not in the taxonomy`);
      if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end < r.start) throw new RangeError(`mention ${r.start}-${r.end} is not valid`);
      return [r.article, r.entity, r.start, r.end, r.mainRole, ...r.fineRoles].join('\t') + '\n';
    })
    .join('');
}

// ---------- subtask 2 ----------

export interface SamplesF1 {
  /** Mean over articles of each article's F1. */
  f1: number;
  /** Population standard deviation of the per-article F1 (numpy `std`), as the scorer prints it. */
  std: number;
}

export interface NarrativeScore {
  /** Narratives (the scorer's F1@coarse). */
  coarse: SamplesF1;
  /** Sub-narratives (the scorer's F1@fine, the official ranking metric). */
  fine: SamplesF1;
  articles: number;
}

export interface NarrativeScoreOptions {
  coarseClasses?: readonly string[];
  fineClasses?: readonly string[];
}

/**
 * Per-article F1 as the official subtask-2 scorer computes it: an article's
 * gold and predicted labels are one-hot encoded over the class list (labels
 * outside it dropped, repeats counted once), then sklearn's binary
 * `f1_score(zero_division=0)`: 2tp / (2tp + fp + fn), and 0 when both are
 * empty. `Other` is a class, so predicting `Other` for an article without a
 * narrative scores 1.
 */
export function articleF1(gold: readonly string[], predicted: readonly string[], classes: ReadonlySet<string>): number {
  const g = new Set(gold.filter((l) => classes.has(l)));
  const p = new Set(predicted.filter((l) => classes.has(l)));
  let tp = 0;
  for (const l of p) if (g.has(l)) tp++;
  const denominator = g.size + p.size;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}

function meanStd(values: readonly number[]): SamplesF1 {
  if (values.length === 0) return { f1: 0, std: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { f1: mean, std: Math.sqrt(variance) };
}

/**
 * The official subtask-2 metric (scorer `subtask2_scorer.py`): the mean of
 * articleF1 over the articles, at the narrative level (coarse) and the
 * sub-narrative level (fine). The scorer pairs gold and prediction rows by
 * file order; here they are paired by id, which is what it intends. As the
 * scorer does, a prediction file must hold exactly the gold articles.
 */
export function scoreNarratives(gold: readonly NarrativeLabels[], predicted: readonly NarrativeLabels[], options: NarrativeScoreOptions = {}): NarrativeScore {
  const coarseClasses = new Set(options.coarseClasses ?? NARRATIVE_CLASSES_2025);
  const fineClasses = new Set(options.fineClasses ?? SUBNARRATIVE_CLASSES_2025);
  const byId = new Map<string, NarrativeLabels>();
  for (const p of predicted) {
    if (byId.has(p.article)) throw new RangeError(`predictions: article ${p.article} appears twice`);
    byId.set(p.article, p);
  }
  const goldIds = new Set(gold.map((g) => g.article));
  const extra = [...byId.keys()].filter((id) => !goldIds.has(id));
  const missing = [...goldIds].filter((id) => !byId.has(id));
  if (extra.length || missing.length || goldIds.size !== gold.length) {
    throw new RangeError(`mismatch in ids between predictions and gold: ${missing.length} missing (${missing.slice(0, 5).join(', ')}), ${extra.length} extra (${extra.slice(0, 5).join(', ')})`);
  }
  const coarse: number[] = [];
  const fine: number[] = [];
  for (const g of gold) {
    const p = byId.get(g.article)!;
    coarse.push(articleF1(g.narratives, p.narratives, coarseClasses));
    fine.push(articleF1(g.subnarratives, p.subnarratives, fineClasses));
  }
  return { coarse: meanStd(coarse), fine: meanStd(fine), articles: gold.length };
}

// ---------- subtask 1 ----------

export interface EntityRoleScore {
  /** The official ranking metric: (main role, fine roles in order) equal to the gold. */
  exactMatchRatio: number;
  microPrecision: number;
  microRecall: number;
  microF1: number;
  /** Mean F1 over the fine roles found in the gold or the predictions. */
  macroF1: number;
  mainRoleAccuracy: number;
  mentions: number;
}

const mentionKey = (m: EntityRoles) => `${m.article}\t${m.entity.replaceAll('"', '')}\t${m.start}\t${m.end}`;

/**
 * The official subtask-1 metric (scorer `subtask1_scorer.py`). Mentions are
 * keyed by (article, entity without `"`, start, end); the prediction file
 * must hold exactly the gold keys. Exact match compares the main role and the
 * LIST of fine roles, order included, as the scorer compares Python lists.
 * Fine-role precision, recall and F1 are sklearn's micro averages over the
 * roles seen in gold or predictions, with zero_division=1; macro-F1 likewise.
 */
export function scoreEntityRoles(gold: readonly EntityRoles[], predicted: readonly EntityRoles[]): EntityRoleScore {
  const goldBy = new Map<string, EntityRoles>();
  for (const g of gold) {
    const k = mentionKey(g);
    if (goldBy.has(k)) throw new RangeError(`gold: duplicate mention ${k.replaceAll('\t', ' ')}`);
    goldBy.set(k, g);
  }
  const predBy = new Map<string, EntityRoles>();
  for (const p of predicted) {
    const k = mentionKey(p);
    if (predBy.has(k)) throw new RangeError(`predictions: duplicate mention ${k.replaceAll('\t', ' ')}`);
    if (!goldBy.has(k)) throw new RangeError(`predictions: mention not in the gold data: ${k.replaceAll('\t', ' ')}`);
    predBy.set(k, p);
  }
  if (predBy.size !== goldBy.size) throw new RangeError(`predictions cover ${predBy.size} of ${goldBy.size} gold mentions`);
  let exact = 0;
  let mainCorrect = 0;
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (l: string) => {
    let c = counts.get(l);
    if (!c) counts.set(l, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const [k, g] of goldBy) {
    const p = predBy.get(k)!;
    if (p.mainRole === g.mainRole) mainCorrect++;
    if (p.mainRole === g.mainRole && p.fineRoles.length === g.fineRoles.length && p.fineRoles.every((r, i) => r === g.fineRoles[i])) exact++;
    const gs = new Set(g.fineRoles);
    const ps = new Set(p.fineRoles);
    for (const r of ps) (gs.has(r) ? count(r).tp++ : count(r).fp++);
    for (const r of gs) if (!ps.has(r)) count(r).fn++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let macro = 0;
  for (const c of counts.values()) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    macro += 2 * c.tp + c.fp + c.fn > 0 ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 1;
  }
  const n = goldBy.size;
  return {
    exactMatchRatio: n ? exact / n : 0,
    microPrecision: tp + fp > 0 ? tp / (tp + fp) : 1,
    microRecall: tp + fn > 0 ? tp / (tp + fn) : 1,
    microF1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 1,
    macroF1: counts.size ? macro / counts.size : 1,
    mainRoleAccuracy: n ? mainCorrect / n : 0,
    mentions: n,
  };
}

/** Code-point length of a document, for checks of mention offsets. */
export { codePointLength };

export interface Language2025 {
  lang: string;
  documents: Map<string, string>;
  narratives: NarrativeLabels[];
  entities: EntityRoles[];
}

/** Reads one language folder of the train release (`train/EN`). */
export async function readLanguage(dir: string, lang: string): Promise<Language2025> {
  const documents = await readDocuments(join(dir, 'raw-documents'));
  const narratives = await readNarrativeLabels(join(dir, 'subtask-2-annotations.txt'));
  const entities = await readEntityLabels(join(dir, 'subtask-1-annotations.txt'));
  for (const r of narratives) if (!documents.has(r.article)) throw new FormatError(`${dir}: subtask-2 label for missing document ${r.article}`);
  for (const r of entities) if (!documents.has(r.article)) throw new FormatError(`${dir}: subtask-1 label for missing document ${r.article}`);
  return { lang, documents, narratives, entities };
}
