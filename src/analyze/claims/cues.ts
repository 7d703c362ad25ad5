/**
 * Hand-written cues of factual, checkable statements and of their
 * opposites (opinions, promises, questions). Each cue names a feature
 * (`template=key`) and the tokens that triggered it, so the same pass
 * feeds the model and tells a reader what it saw ("states a number: 3.6%").
 *
 * The word lists are ours, short and generic on purpose: the n-gram
 * features learn the rest from the data.
 */
import type { SentenceTokens } from './sentence.ts';

/** Called per cue with the token range [k, j] (sentence-relative, inclusive) that shows it. */
export type CueSink = (template: string, key: string, k: number, j: number) => void;

/** Word classes as bits of one map, so a word costs one lookup however many lists there are. */
const LARGE = 1 << 0;
const SPELLED = 1 << 1;
const PROPORTION = 1 << 2;
const MONTH = 1 << 3;
const TIME = 1 << 4;
const COMPARE_HEAD = 1 << 5;
const SUPERLATIVE = 1 << 6;
const NOT_SUPERLATIVE = 1 << 7;
const TREND = 1 << 8;
const IRREGULAR_PAST = 1 << 9;
const HAVE = 1 << 10;
const NOT_PAST_ED = 1 << 11;
const FUTURE = 1 << 12;
const HEDGE = 1 << 13;
const OBLIGATION = 1 << 14;
const OPINION_VERB = 1 << 15;
const FIRST_PERSON = 1 << 16;
const MONEY_WORD = 1 << 17;
const PERCENT = 1 << 18;
const CURRENCY = 1 << 19;

const CLASSES = new Map<string, number>();
function define(cls: number, list: string): void {
  for (const w of list.split(' ')) CLASSES.set(w, (CLASSES.get(w) ?? 0) | cls);
}
define(CURRENCY, '$ £ € ¥');
define(MONEY_WORD, 'dollar dollars cents euro euros pounds bucks');
define(LARGE, 'hundred thousand thousands million millions billion billions trillion trillions');
define(PERCENT, '% percent percentage pct');
define(SPELLED, 'two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety dozen dozens hundreds');
define(PROPORTION, 'half twice double doubled triple tripled quadrupled third quarter majority');
define(MONTH, 'january february march april may june july august september october november december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.');
define(TIME, 'yesterday ago week month year years decade decades century');
define(COMPARE_HEAD, 'more less fewer greater higher lower larger smaller bigger better worse faster slower cheaper longer shorter');
define(SUPERLATIVE, 'most least best worst biggest largest highest lowest greatest smallest fastest slowest richest poorest strongest weakest deadliest oldest youngest');
define(NOT_SUPERLATIVE, 'interest protest honest west east rest test best-selling manifest request guest chest forest contest modest harvest suggest digest arrest invest earnest');
define(TREND, 'increased decreased doubled tripled rose risen fell fallen dropped grew grown declined soared plunged surged quadrupled raised lowered cut cuts increase decrease increases decreases rising falling growing declining');
define(IRREGULAR_PAST, 'was were did had said went made took gave came got lost won paid spent built sold left brought bought began became told knew saw found wrote ran sent led held kept fought stood met rose fell grew chose drove ate fled broke hid shot');
define(HAVE, "has have had 've 's");
define(NOT_PAST_ED, 'need feed seed speed bed red shed weed indeed proceed exceed succeed breed greed hundred');
define(FUTURE, "will 'll gonna");
define(HEDGE, 'maybe perhaps probably possibly might could may seem seems seemed apparently likely unlikely somewhat guess suppose');
define(OBLIGATION, 'should must ought');
define(OPINION_VERB, 'think believe feel hope want wish guess suppose love hate like trust');
// first-person pronouns that open an opinion ("I think", "we believe")
define(FIRST_PERSON, "i we i'm");

const classOf = (w: string | undefined): number => (w === undefined ? 0 : (CLASSES.get(w) ?? 0));

function isNumberToken(s: SentenceTokens, k: number): boolean {
  return s.tokens[s.from + k]!.label === 'number';
}

function isCapitalised(s: SentenceTokens, k: number): boolean {
  const t = s.tokens[s.from + k]!;
  if (t.label !== 'word') return false;
  const c = s.text.charCodeAt(t.start);
  // ASCII capitals cover names in the debates and news this model reads; others are tested once
  return (c >= 65 && c <= 90) || (c > 127 && /^\p{Lu}/u.test(s.text[t.start]!));
}

/** Two or more capital letters and nothing else but periods: NATO, U.S. */
function isAcronym(s: SentenceTokens, k: number): boolean {
  const t = s.tokens[s.from + k]!;
  if (t.label !== 'word' || t.end - t.start < 2) return false;
  let letters = 0;
  for (let i = t.start; i < t.end; i++) {
    const c = s.text.charCodeAt(i);
    if (c >= 65 && c <= 90) letters++;
    else if (c !== 46) return false;
  }
  return letters >= 2;
}

function isSuperlative(w: string, c: number): boolean {
  return (c & SUPERLATIVE) !== 0 || (w.length > 5 && w.endsWith('est') && (c & NOT_SUPERLATIVE) === 0);
}

function numberKind(s: SentenceTokens, k: number, emit: CueSink): number {
  const w = s.lower[k]!;
  const next = s.lower[k + 1];
  const prev = s.lower[k - 1];
  let j = k;
  if ((classOf(next) & LARGE) !== 0) j = k + 1;
  const after = s.lower[j + 1];
  if ((classOf(prev) & CURRENCY) !== 0) {
    emit('num', 'money', k - 1, j);
  } else if ((classOf(after) & MONEY_WORD) !== 0) {
    emit('num', 'money', k, j + 1);
    j++;
  } else if ((classOf(after) & PERCENT) !== 0) {
    emit('num', 'percent', k, j + 1);
    j++;
  } else if (after === 'per' && s.lower[j + 2] === 'cent') {
    emit('num', 'percent', k, j + 2);
    j += 2;
  } else if (/^(1[89]|20)\d\d$/.test(w)) {
    emit('num', 'year', k, k);
  } else if (/^(1[89]|20)?\d0s$/.test(w)) {
    emit('num', 'decade', k, k);
  } else if (j > k) {
    emit('num', 'large', k, j);
  } else {
    emit('num', 'number', k, k);
  }
  return j;
}

/**
 * Finds the cues of one sentence. Templates: `num` (number, percent, money,
 * year, decade, large, spelled, proportion), `date`, `cmp` (comparative,
 * superlative, change, record), `name` (capitalised words, acronyms),
 * `tense` (past, perfect, future), `stance` (first-person opinion, hedge,
 * obligation), `form` (question, exclamation, bracketed).
 */
export function findCues(s: SentenceTokens, emit: CueSink): void {
  const n = s.lower.length;
  let names = 0;
  let firstName = -1;
  /** The first word is capitalised because it starts the sentence, after any opening quote or bracket. */
  let firstWord = -1;
  /** The last superlative, for "the biggest drop ever". */
  let superlative = -1;
  for (let k = 0; k < n; k++) {
    const w = s.lower[k]!;
    if (isNumberToken(s, k)) {
      k = numberKind(s, k, emit);
      continue;
    }
    if (s.tokens[s.from + k]!.label !== 'word') continue;
    if (firstWord < 0) firstWord = k;
    const next = s.lower[k + 1];
    const c = classOf(w);

    if ((c & LARGE) !== 0 && !(k > 0 && isNumberToken(s, k - 1))) emit('num', 'large', k, k);
    else if ((c & SPELLED) !== 0) emit('num', 'spelled', k, k);
    else if ((c & PROPORTION) !== 0) emit('num', 'proportion', k, k);

    if ((c & MONTH) !== 0) {
      // "may" and "march" are months only when capitalised inside a sentence
      if ((w !== 'may' && w !== 'march') || (k > 0 && isCapitalised(s, k))) emit('date', 'month', k, k);
    } else if ((c & TIME) !== 0) {
      if (w === 'yesterday' || w === 'ago') emit('date', 'time', k, k);
      else if (k > 0 && (s.lower[k - 1] === 'last' || s.lower[k - 1] === 'past')) emit('date', 'time', k - 1, k);
    }

    if (next === 'than' && ((c & COMPARE_HEAD) !== 0 || (w.length > 4 && w.endsWith('er')))) emit('cmp', 'comparative', k, k + 1);
    else if (isSuperlative(w, c)) {
      emit('cmp', 'superlative', k, k);
      superlative = k;
    }
    if ((c & TREND) !== 0) emit('cmp', 'change', k, k);
    if (w === 'record') emit('cmp', 'record', k, k);
    else if (w === 'ever' && superlative >= 0 && k - superlative <= 3) emit('cmp', 'record', superlative, k);
    else if (w === 'never' && next === 'before') emit('cmp', 'record', k, k + 1);

    if (k > firstWord && isCapitalised(s, k) && w !== 'i' && !w.startsWith("i'")) {
      names++;
      if (firstName < 0) firstName = k;
    }
    if (isAcronym(s, k)) emit('name', 'acronym', k, k);

    if ((c & IRREGULAR_PAST) !== 0 || (w.length > 4 && w.endsWith('ed') && (c & NOT_PAST_ED) === 0)) emit('tense', 'past', k, k);
    if ((c & HAVE) !== 0 && next !== undefined) {
      const after = s.lower[k + 2];
      if (next === 'been' || next.endsWith('ed') || (next === 'not' && after !== undefined && (after === 'been' || after.endsWith('ed')))) {
        // "'s" is "is" as often as "has": only "'s been" is the perfect
        if (w !== "'s" || next === 'been') emit('tense', 'perfect', k, next === 'not' ? k + 2 : k + 1);
      }
    }
    if ((c & FUTURE) !== 0) emit('tense', 'future', k, k);
    else if (w === 'going' && next === 'to' && k > 0 && /^(am|are|is|'re|'m|'s)$/.test(s.lower[k - 1]!)) emit('tense', 'future', k, k + 1);

    if ((c & FIRST_PERSON) !== 0 && next !== undefined) {
      // "I think", "I do think", "we don't believe" (the tokenizer splits "do" and "n't")
      let v = k + 1;
      if (next === 'do') v = s.lower[k + 2] === "n't" ? k + 3 : k + 2;
      if ((classOf(s.lower[v]) & OPINION_VERB) !== 0) emit('stance', 'opinion', k, v);
    }
    if (w === 'opinion' && k > 0 && s.lower[k - 1] === 'my') emit('stance', 'opinion', k - 1, k);
    if ((c & HEDGE) !== 0 && !(w === 'may' && k > 0 && isCapitalised(s, k))) emit('stance', 'hedge', k, k);
    if ((c & OBLIGATION) !== 0) emit('stance', 'obligation', k, k);
    else if ((w === 'need' || w === 'have' || w === 'has') && next === 'to') emit('stance', 'obligation', k, k + 1);
  }
  if (names > 0) emit('name', names >= 3 ? '3+' : String(names), firstName, firstName);

  // the form of the whole sentence: its last mark, brackets around all of it
  let last = n - 1;
  while (last > 0 && /^["'”’»)\]]$/.test(s.lower[last]!)) last--;
  if (last >= 0) {
    const mark = s.lower[last]!;
    if (mark.includes('?')) emit('form', 'question', last, last);
    else if (mark === '!') emit('form', 'exclamation', last, last);
  }
  if (n >= 2 && (s.lower[0] === '(' || s.lower[0] === '[') && (s.lower[n - 1] === ')' || s.lower[n - 1] === ']')) emit('form', 'bracketed', 0, n - 1);
}
