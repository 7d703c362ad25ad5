/**
 * GUM (Georgetown University Multilayer corpus) in its CorefUD CoNLL-U form:
 * the text of each document rebuilt from its tokens, and every entity
 * mention with its type, coreference group and head.
 *
 * Text (README §5): per sentence, tokens joined by a space unless
 * `SpaceAfter=No` (a multiword token `N-M` is emitted once, with its own
 * SpaceAfter, and its words get sub-offsets); sentences joined by one space,
 * `"\n\n"` before a sentence that has `# newpar`. The staged text has no
 * character outside the BMP, so code points and UTF-16 indices agree; the
 * reader checks that and refuses a document where they would not.
 *
 * Named entities (the metric of the entity recogniser): mentions of type
 * person, organization or place whose head word is a proper noun (xpos NNP
 * or NNPS). The head word is the word of the mention whose dependency head
 * lies outside it (the first minspan word among several). `head` is the
 * contiguous run of proper-noun minspan words around that head word (a
 * hyphen or period glued to both neighbours does not break the run), or the
 * head word alone when minspan leaves it out. A prediction is correct when it
 * has the gold type, lies inside the mention and covers `head`.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FormatError, lineError, linesOf } from './common.ts';

export { FormatError };

export interface GumWord {
  start: number;
  end: number;
  form: string;
  xpos: string;
  upos: string;
  /** 0-based index of the syntactic head in the document's words, -1 for a root. */
  head: number;
  deprel: string;
  /** 0-based index of the sentence. */
  sentence: number;
}

export interface GumMention {
  start: number;
  end: number;
  /** GUM entity type: person, organization, place, event, time, abstract, object, substance, animal, plant. */
  type: string;
  /** The proper-noun head (see the module comment); present when the head word is a proper noun. */
  head?: { start: number; end: number };
  /** The coreference chain id (`eid`), scoped to the document. */
  corefGroup?: string;
  /** Wikipedia title, where the entity has one. */
  identity?: string;
  /** Words [first, last) of the mention. */
  words: [number, number];
  /** Index of the head word in the document's words. */
  headWord: number;
  /** Document word indices of the minspan. */
  minspan: number[];
}

export interface GumDocument {
  id: string;
  genre: string;
  text: string;
  words: GumWord[];
  /** Sentences as [start, end) character ranges. */
  sentences: { start: number; end: number }[];
  mentions: GumMention[];
}

export type NamedType = 'PERSON' | 'ORG' | 'PLACE';

export const NAMED_TYPES: Readonly<Record<string, NamedType>> = { person: 'PERSON', organization: 'ORG', place: 'PLACE' };

export interface NamedEntity {
  start: number;
  end: number;
  type: NamedType;
  head: { start: number; end: number };
}

/** Gold named entities of a document: person/organization/place mentions whose head is a proper noun. */
export function namedEntities(doc: GumDocument): NamedEntity[] {
  const out: NamedEntity[] = [];
  for (const m of doc.mentions) {
    const type = NAMED_TYPES[m.type];
    if (type && m.head) out.push({ start: m.start, end: m.end, type, head: m.head });
  }
  return out;
}

const PROPER = new Set(['NNP', 'NNPS']);

interface OpenMention {
  eid: string;
  type: string;
  minspan: number[];
  identity?: string;
  first: number;
  line: number;
}

/** Parses one CoNLL-U file holding one GUM document. */
export function parseGumConllu(content: string, file = 'input.conllu'): GumDocument {
  const lines = linesOf(content);
  let id: string | undefined;
  const words: GumWord[] = [];
  const sentences: { start: number; end: number }[] = [];
  const mentions: GumMention[] = [];
  // sentence state
  let text = '';
  let newpar = false;
  let sentWords: { cols: string[]; line: number }[] = [];
  let sentLine = 0;
  let sentText: string | undefined;
  const headsRaw: { word: number; head: number; base: number; line: number }[] = [];

  const flush = () => {
    if (sentWords.length === 0) return;
    const sIndex = sentences.length;
    if (text.length > 0) text += newpar ? '\n\n' : ' ';
    newpar = false;
    const sStart = text.length;
    const base = words.length;
    const stack: OpenMention[] = [];
    let mwtEnd = -1;
    let mwtForm = '';
    let mwtStart = 0;
    let mwtPos = 0;
    let lastEnd = sStart;
    let pendingSpace = false;
    for (let k = 0; k < sentWords.length; k++) {
      const { cols, line } = sentWords[k]!;
      const idField = cols[0]!;
      const misc = cols[9]!;
      const spaceAfter = !/(^|\|)SpaceAfter=No(\||$)/.test(misc);
      if (idField.includes('-')) {
        const [a, b] = idField.split('-').map(Number);
        if (!Number.isInteger(a) || !Number.isInteger(b) || b! < a!) throw lineError(file, line, `bad multiword token id '${idField}'`);
        if (pendingSpace) text += ' ';
        mwtEnd = b!;
        mwtForm = cols[1]!;
        mwtStart = text.length;
        mwtPos = 0;
        text += mwtForm;
        lastEnd = text.length;
        pendingSpace = spaceAfter;
        continue;
      }
      const n = Number(idField);
      if (!Number.isInteger(n) || n !== words.length - base + 1) throw lineError(file, line, `word id '${idField}' out of sequence`);
      const form = cols[1]!;
      let start: number;
      let end: number;
      if (n <= mwtEnd) {
        start = mwtStart + mwtPos;
        end = start + form.length;
        if (mwtForm.slice(mwtPos, mwtPos + form.length) !== form) throw lineError(file, line, `word '${form}' does not continue multiword token '${mwtForm}'`);
        mwtPos += form.length;
      } else {
        if (pendingSpace) text += ' ';
        start = text.length;
        text += form;
        end = text.length;
        lastEnd = end;
        pendingSpace = spaceAfter;
      }
      const headField = cols[6]!;
      const head = Number(headField);
      if (!Number.isInteger(head) || head < 0) throw lineError(file, line, `bad head '${headField}'`);
      const wIndex = words.length;
      words.push({ start, end, form, upos: cols[3]!, xpos: cols[4]!, head: -1, deprel: cols[7]!, sentence: sIndex });
      headsRaw.push({ word: wIndex, head, base, line });
      const entity = /(?:^|\|)Entity=([^|]*)/.exec(misc)?.[1];
      if (entity) parseEntity(entity, wIndex, line);
    }
    if (stack.length > 0) throw lineError(file, stack[stack.length - 1]!.line, `mention ${stack[stack.length - 1]!.eid} is not closed in its sentence`);
    if (sentText !== undefined && text.slice(sStart, lastEnd) !== sentText) throw lineError(file, sentLine, `tokens do not rebuild '# text'`);
    sentences.push({ start: sStart, end: lastEnd });
    sentWords = [];
    sentText = undefined;

    function parseEntity(value: string, w: number, line: number): void {
      let i = 0;
      while (i < value.length) {
        if (value[i] === '(') {
          let j = i + 1;
          while (j < value.length && value[j] !== '(' && value[j] !== ')') j++;
          const body = value.slice(i + 1, j);
          const fields = body.split('-');
          if (fields.length < 7) throw lineError(file, line, `mention '${body}' has ${fields.length} fields, expected at least 7`);
          const minspan = fields[5]!.split(',').map(Number);
          if (minspan.some((x) => !Number.isInteger(x) || x < 1)) throw lineError(file, line, `bad minspan '${fields[5]}' in '${body}'`);
          const open: OpenMention = { eid: fields[0]!, type: fields[1]!, minspan, first: w, line };
          if (fields[7]) open.identity = decodeURIComponent(fields.slice(7).join('-'));
          stack.push(open);
          if (value[j] === ')') {
            close(fields[0]!, w, line);
            j++;
          }
          i = j;
        } else {
          let j = i;
          while (j < value.length && value[j] !== ')' && value[j] !== '(') j++;
          if (value[j] !== ')') throw lineError(file, line, `cannot parse Entity value '${value}'`);
          close(value.slice(i, j), w, line);
          i = j + 1;
        }
      }
    }

    function close(eid: string, w: number, line: number): void {
      let k = stack.length - 1;
      while (k >= 0 && stack[k]!.eid !== eid) k--;
      if (k < 0) throw lineError(file, line, `closes mention ${eid}, which is not open`);
      const [open] = stack.splice(k, 1);
      const m: GumMention = {
        start: words[open!.first]!.start,
        end: words[w]!.end,
        type: open!.type,
        corefGroup: open!.eid,
        words: [open!.first, w + 1],
        headWord: -1,
        minspan: open!.minspan.map((p) => open!.first + p - 1),
      };
      if (m.minspan.some((x) => x > w)) throw lineError(file, line, `minspan of mention ${eid} lies outside it`);
      if (open!.identity !== undefined) m.identity = open!.identity;
      mentions.push(m);
    }
  };

  for (const { line, text: raw } of lines) {
    if (raw === '') {
      flush();
      continue;
    }
    if (raw.startsWith('#')) {
      const m = /^#\s*([^=]+?)\s*=\s?(.*)$/.exec(raw);
      if (raw.startsWith('# newpar')) newpar = true;
      if (!m) continue;
      if (m[1] === 'newdoc id') {
        if (id !== undefined) throw lineError(file, line, 'a second document in one file');
        id = m[2]!;
      } else if (m[1] === 'text') {
        sentText = m[2]!;
        sentLine = line;
      }
      continue;
    }
    const cols = raw.split('\t');
    if (cols.length !== 10) throw lineError(file, line, `expected 10 tab-separated columns, found ${cols.length}`);
    if (cols[0]!.includes('.')) continue; // empty node
    sentWords.push({ cols, line });
  }
  flush();
  if (id === undefined) throw new FormatError(`${file}: no '# newdoc id' line`);
  if (/[\uD800-\uDFFF]/.test(text)) throw new FormatError(`${file}: characters outside the BMP; code-point offsets would differ from UTF-16`);

  for (const h of headsRaw) words[h.word]!.head = h.head === 0 ? -1 : h.base + h.head - 1;
  for (const h of headsRaw) if (words[h.word]!.head >= words.length) throw lineError(file, h.line, `head ${h.head} is beyond the sentence`);

  for (const m of mentions) {
    const [a, b] = m.words;
    const outside: number[] = [];
    for (let w = a; w < b; w++) {
      const h = words[w]!.head;
      if (h < a || h >= b) outside.push(w);
    }
    const inMin = outside.filter((w) => m.minspan.includes(w));
    m.headWord = inMin[0] ?? outside[0] ?? a;
    if (PROPER.has(words[m.headWord]!.xpos)) m.head = properHead(words, m);
  }
  mentions.sort((x, y) => x.start - y.start || y.end - x.end);
  return { id, genre: id.split('_')[1] ?? '', text, words, sentences, mentions };
}

function properHead(words: readonly GumWord[], m: GumMention): { start: number; end: number } {
  const inRun = (w: number) => m.minspan.includes(w) && PROPER.has(words[w]!.xpos);
  const h = m.headWord;
  if (!m.minspan.includes(h)) return { start: words[h]!.start, end: words[h]!.end };
  const glued = (w: number) => words[w]!.upos === 'PUNCT' && words[w - 1]?.end === words[w]!.start && words[w + 1]?.start === words[w]!.end;
  let first = h;
  for (;;) {
    if (first - 1 >= m.words[0] && inRun(first - 1)) first--;
    else if (first - 2 >= m.words[0] && glued(first - 1) && inRun(first - 2)) first -= 2;
    else break;
  }
  let last = h;
  for (;;) {
    if (last + 1 < m.words[1] && inRun(last + 1)) last++;
    else if (last + 2 < m.words[1] && glued(last + 1) && inRun(last + 2)) last += 2;
    else break;
  }
  return { start: words[first]!.start, end: words[last]!.end };
}

export async function readGumFile(path: string): Promise<GumDocument> {
  return parseGumConllu(await readFile(path, 'utf8'), path);
}

/** Document ids of a split in `splits.md` ('train' is every document not listed in dev, test or test2). */
export function parseSplits(content: string, file = 'splits.md'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string | undefined;
  for (const { line, text } of linesOf(content)) {
    const h = /^##\s+(\S+)/.exec(text);
    if (h) {
      current = h[1]!;
      out.set(current, []);
      continue;
    }
    const item = /^\s*\*\s+(\S+)\s*$/.exec(text);
    if (item) {
      if (!current) throw lineError(file, line, 'a document listed before any split heading');
      out.get(current)!.push(item[1]!);
    }
  }
  return out;
}

/**
 * Reads the documents of a split from `<gum>/conllu/<split>/`, checking them
 * against splits.md where the split is listed there (reddit documents are
 * listed but not staged, so a listed document may be missing).
 */
export async function readGumSplit(gumDir: string, split: 'train' | 'dev'): Promise<GumDocument[]> {
  const dir = join(gumDir, 'conllu', split);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.conllu')).sort();
  if (names.length === 0) throw new FormatError(`${dir}: no .conllu files`);
  let listed: Map<string, string[]> | undefined;
  try {
    listed = parseSplits(await readFile(join(gumDir, 'splits.md'), 'utf8'), join(gumDir, 'splits.md'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const docs: GumDocument[] = [];
  for (const name of names) {
    const doc = await readGumFile(join(dir, name));
    if (doc.id !== basename(name, '.conllu')) throw new FormatError(`${join(dir, name)}: document id ${doc.id} does not match the file name`);
    if (listed) {
      const inDev = listed.get('dev')?.includes(doc.id) ?? false;
      const other = ['test', 'test2'].some((s) => listed!.get(s)?.includes(doc.id));
      if (other || (split === 'dev') !== inDev) throw new FormatError(`${join(dir, name)}: splits.md does not list ${doc.id} in ${split}`);
    }
    docs.push(doc);
  }
  return docs;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  predicted: number;
  gold: number;
}

export interface Predicted {
  start: number;
  end: number;
  type: string;
}

function prf(tp: number, predicted: number, gold: number): PRF {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, tp, predicted, gold };
}

/**
 * Named-entity P/R/F1 over PERSON, ORG and PLACE: a prediction matches a
 * gold named entity of the same type when it lies inside the mention and
 * covers its proper-noun head; each gold entity and each prediction is
 * matched at most once (greedy, by document order). Predictions of other
 * types are ignored.
 */
export function scoreNamedEntities(docs: readonly { gold: readonly NamedEntity[]; predicted: readonly Predicted[] }[]): { all: PRF; byType: Record<NamedType, PRF> } {
  const types: NamedType[] = ['PERSON', 'ORG', 'PLACE'];
  const c = Object.fromEntries(types.map((t) => [t, { tp: 0, p: 0, g: 0 }])) as Record<NamedType, { tp: number; p: number; g: number }>;
  for (const { gold, predicted } of docs) {
    const used = new Set<number>();
    const preds = predicted.filter((p): p is Predicted & { type: NamedType } => types.includes(p.type as NamedType));
    for (const g of gold) c[g.type].g++;
    for (const p of preds) {
      c[p.type].p++;
      // the tightest gold mention the prediction fits, so nested mentions each find their own
      let best = -1;
      gold.forEach((g, i) => {
        if (used.has(i) || g.type !== p.type) return;
        if (g.start <= p.start && p.end <= g.end && p.start <= g.head.start && g.head.end <= p.end) {
          if (best < 0 || g.end - g.start < gold[best]!.end - gold[best]!.start) best = i;
        }
      });
      if (best >= 0) {
        used.add(best);
        c[p.type].tp++;
      }
    }
  }
  const byType = Object.fromEntries(types.map((t) => [t, prf(c[t].tp, c[t].p, c[t].g)])) as Record<NamedType, PRF>;
  const all = prf(
    types.reduce((s, t) => s + c[t].tp, 0),
    types.reduce((s, t) => s + c[t].p, 0),
    types.reduce((s, t) => s + c[t].g, 0),
  );
  return { all, byType };
}
