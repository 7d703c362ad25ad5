/**
 * Rule-based quote and attribution extraction over an ArticleContext
 * (UTF-16 offsets).
 *
 * Content convention (that of PolNeAR): a direct quote's `start`/`end`
 * include its quote marks (and the punctuation inside them); `inner` is the
 * same text without the marks. A mixed or indirect quote's content runs from
 * after the cue (from the complementiser "that" when there is one) to the
 * end of the sentence, its final full stop excluded.
 *
 * Passes:
 * 1. quote marks are paired (marks.ts) into direct-quote spans;
 * 2. each span looks for an attribution after it (`…," Putin said`,
 *    `…," said Peskov`) or before it (`Putin said: "…"`); a span with a cue
 *    before it but words in between is a mixed quote (`called it a 'serious,
 *    concrete step'`); a span that opens a sentence with no cue near it is a
 *    direct quote of the last speaker (wire style);
 * 3. reporting verbs left over, and "according to", give indirect quotes
 *    whose content is their complement clause (`Rutte insisted that …`), or
 *    the clause before them (`…, Peskov said.`, `…, according to officials.`);
 *    PolNeAR also counts expectations (`X is expected to …`), nominal cues
 *    (`his claim that …`, `criticism of …`), questions (`asked whether …`)
 *    and topics (`talking about …`), each a named rule below;
 * 4. quotes with no cue take the last speaker in text order.
 */
import { tokensIn, type ArticleContext } from '../techniques/context.ts';
import { findQuoteMarks, type QuoteMarks } from './marks.ts';
import { ADDRESSEE_VERBS, CUE_VERBS, QUOTE_CUE_VERBS, THAT_ONLY_VERBS } from './verbs.ts';

export type QuoteType = 'direct' | 'mixed' | 'indirect';

export interface Offsets {
  start: number;
  end: number;
}

export interface Quote {
  /** The quoted content (direct quotes: with their marks). */
  start: number;
  end: number;
  type: QuoteType;
  /** The reporting verb or "according to". */
  cue: Offsets | null;
  /** The local mention the attribution rests on: "Kremlin spokesman Dmitry Peskov", "he", "the Kremlin". */
  speaker: Offsets | null;
  /** Direct quotes: the content without its quote marks. */
  inner?: Offsets;
  /** Which rule fired, for people reading the output. */
  rule: string;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'you']);
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'this', 'these', 'those', 'some', 'many', 'most', 'several', 'both', 'another', 'other', 'two', 'three', 'four', 'all', 'one', 'no', 'each', 'every']);
/** Lower-case heads of speaker noun phrases. */
const TITLES = new Set(
  `spokesman spokeswoman spokesperson spokesmen minister president secretary official officials senator sen. rep. gov.
governor mayor chairman chairwoman chair director adviser advisers advisor advisors aide aides leader leaders lawmaker
lawmakers analyst analysts expert experts critic critics supporter supporters voter voters source sources people report
reports poll polls statement ministry researchers researcher campaign candidate nominee chief head general commander
ambassador envoy diplomat diplomats representative representatives member members democrats republicans officer officers
agency police prosecutors prosecutor attorney lawyer lawyers economist economists strategist strategists manager professor
author writer editor reporter reporters pollster pundits pundit observers residents resident witnesses witness organizers
activists activist group company government administration committee court judge study survey data document documents
memo website article press office department spokespeople staff staffer staffers team operatives operative insiders
figures correspondent columnist host anchor commentator chairman secretary-general prime premier vice-president
speaker whip nominees candidates governors senators congressman congresswoman delegates delegate donors donor clerk
founder ceo executive executives board council union unions party campaigns women men man woman mother father son
daughter wife husband friend friends broker brokers trader traders exporter exporters farmer farmers
respondents participants students`.split(/\s+/),
);
/** Lower-case modifiers allowed inside a speaker noun phrase. */
const MODIFIERS = new Set(
  `senior top former presidential press foreign defense defence deputy chief vice state federal local military
intelligence administration government campaign white house republican democratic independent national international
longtime new many other some unnamed anonymous senior-level high-ranking spokesman presumptive likely`.split(/\s+/),
);
const CONNECTORS = new Set(['of', 'for', 'at', "'s", '’s', '-', '&', 'de', 'von', 'van', 'al', 'bin', 'the']);
const SKIPPED = new Set(
  `also repeatedly later previously has have had would will could may might did does do not n't never again then
reportedly recently once often already publicly privately flatly just even still ever first initially last later long
's ’s 've ’ve 'd ’d 'll ’ll n’t only simply quickly subsequently earlier further separately now yet twice always
soon thrice also`.split(/\s+/),
);
const BE = new Set(['was', 'were', 'been', 'being', 'be', 'is', 'are', 'am', 'get', 'got', 'gets']);
const CAP_STOP = new Set(
  `but and yet so then however now still also in on at when if as after before while because although since though
meanwhile later earlier last this that there here what why how where who which asked instead indeed moreover
thus still even or nor for with from by to of about over under into during without today yesterday monday tuesday
wednesday thursday friday saturday sunday`.split(/\s+/),
);
const NOT_SUBJECT = new Set(['off', 'without', 'receive', 'written', 'had', 'has', 'have', 'and', 'or', 'but', 'which', 'that', 'to', 'also', 'then', 'as', 'if', 'when', 'because', 'so', 'not', 'what', 'how', 'why', 'where', 'of', 'in', 'on', 'for', 'with', 'by', 'from', 'at']);
const ANONYMITY = /^to be (?:named|identified|quoted)$/;
const SUBJECT_PREPOSITIONS = new Set(['at', 'of', 'from', 'in', 'with', 'for', 'on', 'inside', 'within']);
const PREPOSITIONS = new Set(['by', 'with', 'in', 'on', 'for', 'up', 'at', 'to', 'into', 'from', 'off', 'out', 'over', 'after', 'before', 'during', 'since', 'through']);
const CUE_PREPOSITIONS = new Set(['to', 'for', 'of', 'about', 'on', 'with', 'against', 'over']);
const TO_VERBS = new Set(`want wants wanted seem seems seemed appear appears appeared decline declines declined refuse refuses refused
plan plans planned seek seeks sought hope hoped hopes promise promised promises vow vowed vows pledge pledged pledges threaten
threatened threatens urge urged urges ask asked asks told tell tells said say says decided decide decides expect expected
expects continue continued continues`.split(/\s+/));
const TIME_WORDS = new Set(`monday tuesday wednesday thursday friday saturday sunday today yesterday tonight night morning
afternoon evening week weekend month year ago earlier later last this recently january february march april may june july
august september october november december jan. feb. aug. sept. oct. nov. dec. published released issued posted`.split(/\s+/));
/** Participles that report speech even with no comma before them: "a statement saying …". */
const SPEECH_PARTICIPLES = new Set(['saying', 'arguing', 'claiming', 'noting', 'warning', 'insisting', 'asserting', 'declaring', 'stating', 'suggesting', 'adding', 'explaining']);
/** Cues that count capitalised, in title-case headlines. */
const HEADLINE_CUES = new Set(['says', 'say', 'said', 'warns', 'claims', 'urges', 'wants', 'vows', 'tells', 'admits', 'predicts', 'insists', 'argues', 'suggests', 'thinks', 'believes', 'fears', 'hopes', 'denies', 'confirms']);
/** Words that open a time phrase between a subject and its cue: "on Thursday", "late Monday". */
const TIME_LEADS = new Set(['on', 'in', 'at', 'early', 'late', 'earlier', 'during', 'over']);
/** Things a speaker issues; they are not the speaker of a participle after them. */
const DOCUMENT_NOUNS = new Set(['statement', 'letter', 'tweet', 'release', 'memo', 'email', 'post', 'video', 'ad', 'message', 'note', 'report']);
/** After a comma, words that open a clause outside the content (measured on PolNeAR train). */
const HARD_BREAK = new Set(['which', 'who', 'where', 'when', 'despite', 'amid', 'even', 'but', 'however', 'while', 'whereas', 'compared', 'although', 'though', 'unlike']);
const CUE_JOINERS = new Set(['and', 'but']);
const CLAUSE_BREAK = new Set(['and', 'but', 'while', 'whereas', 'however', 'although', 'though']);
const TERMINAL = /^(?:[.!?…]+|\.{2,})$/u;
const QUOTE_CHARS = /^["“”‘’'«»„‚‹›]$/u;
const CAP = /^\p{Lu}/u;

interface Np {
  a: number;
  b: number;
}

class Extractor {
  readonly text: string;
  readonly n: number;
  readonly sentFirst: Int32Array;
  readonly sentLast: Int32Array;
  /** Token → index of the outermost quote span covering it, or -1. */
  readonly quoteOf: Int32Array;
  /** Tokens inside emitted content, cues and speakers. */
  readonly taken: Uint8Array;
  readonly marks: QuoteMarks[];
  readonly markTokens: [number, number][];

  constructor(readonly ctx: ArticleContext) {
    this.text = ctx.text;
    const n = (this.n = ctx.tokens.length);
    const sentences = ctx.sentences.length;
    this.sentFirst = new Int32Array(Math.max(sentences, 1)).fill(-1);
    this.sentLast = new Int32Array(Math.max(sentences, 1)).fill(-1);
    for (let i = 0; i < n; i++) {
      const s = ctx.sentenceOf[i]!;
      if (this.sentFirst[s] === -1) this.sentFirst[s] = i;
      this.sentLast[s] = i;
    }
    this.marks = findQuoteMarks(ctx.text);
    this.quoteOf = new Int32Array(n).fill(-1);
    this.markTokens = this.marks.map((m, k) => {
      const [a, b] = tokensIn(ctx, m.start, m.end);
      for (let i = a; i < b; i++) this.quoteOf[i] = k;
      return [a, b];
    });
    this.taken = new Uint8Array(n);
  }

  raw(i: number): string {
    const t = this.ctx.tokens[i];
    return t ? this.text.slice(t.start, t.end) : '';
  }
  low(i: number): string {
    return this.ctx.lower[i] ?? '';
  }
  isWord(i: number): boolean {
    return i >= 0 && i < this.n && this.ctx.tokens[i]!.label === 'word';
  }
  first(i: number): number {
    return this.sentFirst[this.ctx.sentenceOf[i]!]!;
  }
  last(i: number): number {
    return this.sentLast[this.ctx.sentenceOf[i]!]!;
  }
  isCap(i: number): boolean {
    return this.isWord(i) && CAP.test(this.raw(i)) && !CAP_STOP.has(this.low(i)) && !DETERMINERS.has(this.low(i));
  }
  /** A reporting verb at `i`; `nearQuote` admits the verbs that are cues only next to a quote. */
  isCue(i: number, nearQuote = false): boolean {
    if (!this.isWord(i) || this.taken[i]) return false;
    const w = this.low(i);
    if (!(CUE_VERBS.has(w) || (nearQuote && QUOTE_CUE_VERBS.has(w)))) return false;
    if (this.raw(i) !== w && !this.headlineCue(i)) return false;
    const prev = this.low(i - 1);
    if (DETERMINERS.has(prev) && prev !== 'that') return false; // "the report", "his claims"
    let j = i - 1;
    while (j >= 0 && SKIPPED.has(this.low(j))) j--;
    if (BE.has(this.low(j)) && !w.endsWith('ing')) return false; // passive: "was told"
    return true;
  }
  /** A capitalised cue inside a title-case headline: "Bellwether County Says Trump Should Win". */
  headlineCue(i: number): boolean {
    if (!HEADLINE_CUES.has(this.low(i)) || i === this.first(i)) return false;
    const prev = this.raw(i - 1);
    const next = this.raw(i + 1);
    return CAP.test(prev) && CAP.test(next) && this.isWord(i - 1) && this.isWord(i + 1);
  }
  /** First token before `i` that is not an adverb or auxiliary. */
  skipBack(i: number, lo: number): number {
    while (i >= lo && (SKIPPED.has(this.low(i)) || (this.isWord(i) && /ly$/.test(this.raw(i)) && !CAP.test(this.raw(i))))) i--;
    return i;
  }
  skipForward(i: number, hi: number): number {
    while (i <= hi && (SKIPPED.has(this.low(i)) || (this.isWord(i) && /ly$/.test(this.raw(i)) && !CAP.test(this.raw(i))))) i++;
    return i;
  }

  /** A speaker noun phrase ending at token `j`. */
  npBackward(j: number, lo: number): Np | null {
    if (j < lo || this.quoteOf[j]! >= 0) return null;
    const w = this.low(j);
    if (PRONOUNS.has(w) && this.isWord(j)) return { a: j, b: j };
    if (!(this.isCap(j) || TITLES.has(w))) return null;
    let a = j;
    for (let k = j - 1; k >= lo; k--) {
      const t = this.low(k);
      if (this.quoteOf[k]! >= 0) break;
      if (DETERMINERS.has(t) && this.isWord(k)) {
        a = k;
        break;
      }
      if (this.isCap(k) || TITLES.has(t) || MODIFIERS.has(t) || CONNECTORS.has(t)) a = k;
      else break;
    }
    while (a < j && CONNECTORS.has(this.low(a)) && this.low(a) !== 'the') a++;
    // apposition: "Dmitry Peskov, the Kremlin spokesman, said"
    if (this.low(a - 1) === ',' && a - 2 >= lo) {
      const head = this.npBackward(a - 2, lo);
      if (head && this.isCap(head.b)) return { a: head.a, b: j };
    }
    return { a, b: j };
  }

  /** A speaker noun phrase starting at token `k`. */
  npForward(k: number, hi: number): Np | null {
    if (k > hi || this.quoteOf[k]! >= 0) return null;
    if (PRONOUNS.has(this.low(k)) && this.isWord(k)) return { a: k, b: k };
    let b = k - 1;
    let i = k;
    if (DETERMINERS.has(this.low(i)) && this.isWord(i)) i++;
    let head = false;
    for (; i <= hi; i++) {
      const t = this.low(i);
      if (this.quoteOf[i]! >= 0) break;
      if (this.isCap(i) || TITLES.has(t)) {
        head = true;
        b = i;
      } else if (MODIFIERS.has(t) || (CONNECTORS.has(t) && b >= k)) continue;
      else break;
    }
    return head ? { a: k, b } : null;
  }

  /** A subject the noun-phrase rule does not know ("58 percent said", "Anderson, 21, a junior, said"). */
  subjectFallback(i: number, sFirst: number): Np | null {
    let j = this.skipBack(i - 1, sFirst);
    // "A news report published Wednesday said": time words are not the subject
    // nor a time phrase ("Spicer on Thursday evening said")
    while (j > sFirst && (TIME_WORDS.has(this.low(j)) || this.ctx.tokens[j]!.label === 'number' || (TIME_LEADS.has(this.low(j)) && TIME_WORDS.has(this.low(j + 1))))) j--;
    if (j < i - 1) {
      const np = this.npBackward(j, sFirst);
      if (np) return np;
    }
    if (j >= sFirst && this.isWord(j) && !NOT_SUBJECT.has(this.low(j)) && !DETERMINERS.has(this.low(j)) && !BE.has(this.low(j))) {
      // "Scientists at the summit said": the noun before the preposition heads the subject
      let k = j - 1;
      if (DETERMINERS.has(this.low(k))) k--;
      if (k - 1 >= sFirst && SUBJECT_PREPOSITIONS.has(this.low(k)) && this.isWord(k - 1) && !NOT_SUBJECT.has(this.low(k - 1)) && !BE.has(this.low(k - 1)) && !this.isCue(k - 1)) {
        let a = k - 1;
        if (a - 1 >= sFirst && DETERMINERS.has(this.low(a - 1))) a--;
        return { a, b: j };
      }
      return { a: j, b: j };
    }
    if (this.raw(j) === ',') {
      // "Daniel Traynor, said" / "Sen. Jack Reed (D-R.I.), said"
      let k = j - 1;
      if (this.raw(k) === ')') {
        while (k > sFirst && this.raw(k) !== '(') k--;
        k--;
      }
      const direct = this.npBackward(k, sFirst);
      // "Rutte, speaking at a press conference in Brussels, insisted": a noun after a preposition
      // ends a parenthetical, not the subject; the comma scan below finds the subject
      if (direct && this.isCap(direct.b) && !PREPOSITIONS.has(this.low(direct.a - 1))) return direct;
      for (let c = j - 1; c >= Math.max(sFirst, j - 25); c--) {
        if (this.raw(c) !== ',') continue;
        const np = this.npBackward(c - 1, sFirst);
        if (np && (np.a === sFirst || this.raw(np.a - 1) === ',' || CAP_STOP.has(this.low(np.a - 1)))) return np;
      }
    }
    return null;
  }

  offsets(a: number, b: number): Offsets {
    return { start: this.ctx.tokens[a]!.start, end: this.ctx.tokens[b]!.end };
  }

  /** Content from token a to b, the sentence's final stop excluded. */
  contentEnd(b: number): number {
    while (b >= 0 && this.ctx.tokens[b]!.label === 'punct' && (TERMINAL.test(this.raw(b)) || this.raw(b) === ',' || this.raw(b) === ';')) b--;
    return b;
  }

  /** End of a complement from `a`: the sentence end, or before "; " or ", and|but|while …" followed by another cue. */
  clauseEnd(a: number, last: number): number {
    for (let i = a + 1; i < last; i++) {
      const t = this.raw(i);
      if (t === ';' && this.quoteOf[i]! < 0) return this.contentEnd(i - 1);
      if (t === ',' && this.quoteOf[i]! < 0 && this.isCue(this.skipForward(i + 1, last))) return this.contentEnd(i - 1); // "who said …, said …"
      if (t === ',' && this.quoteOf[i]! < 0 && HARD_BREAK.has(this.low(i + 1))) return this.contentEnd(i - 1);
      // "…, Ortega said …": a new speaker and cue after a comma open another attribution
      // (also after a quote that closes on a comma: … "a disaster," Ortega said …)
      const closesOnComma = QUOTE_CHARS.test(t) && this.quoteOf[i]! >= 0 && this.raw(i - 1) === ',' && this.quoteOf[i + 1] !== this.quoteOf[i];
      if (((t === ',' && this.quoteOf[i]! < 0) || closesOnComma) && this.quoteOf[i + 1]! < 0) {
        const np = this.npForward(i + 1, last);
        if (np && np.b + 1 <= last && this.isCue(this.skipForward(np.b + 1, last))) return closesOnComma ? i : this.contentEnd(i - 1);
      }
      if ((t === '—' || t === '–' || t === '--') && this.quoteOf[i]! < 0 && i > a + 2) return this.contentEnd(i - 1);
      if (t === ',' && this.quoteOf[i]! < 0 && CLAUSE_BREAK.has(this.low(i + 1))) {
        for (let c = i + 2; c <= last && c < i + 14; c++) if (this.isCue(c) && this.quoteOf[c]! < 0) return this.contentEnd(i - 1);
      }
      // "… and said that …": a second cue of the same subject
      if (CUE_JOINERS.has(this.low(i)) && this.quoteOf[i]! < 0 && this.isCue(this.skipForward(i + 1, last))) return this.contentEnd(i - 1);
    }
    return this.contentEnd(last);
  }

  words(a: number, b: number): number {
    let c = 0;
    for (let i = a; i <= b; i++) if (this.isWord(i)) c++;
    return c;
  }

  take(a: number, b: number): void {
    for (let i = Math.max(0, a); i <= b && i < this.n; i++) this.taken[i] = 1;
  }
}

/** Extracts direct, mixed and indirect quotes, in text order. */
export function extractQuotes(ctx: ArticleContext): Quote[] {
  const x = new Extractor(ctx);
  const out: Quote[] = [];
  let lastSpeaker: Offsets | null = null;
  const consumed = new Set<number>();
  const emit = (q: Quote, a: number, b: number) => {
    out.push(q);
    x.take(a, b);
    if (q.speaker) lastSpeaker = q.speaker;
  };

  // ---- direct and mixed quotes, from the quote marks ----
  for (let k = 0; k < x.marks.length; k++) {
    if (consumed.has(k)) continue;
    const m = x.marks[k]!;
    const [qa, qbEx] = x.markTokens[k]!;
    const qb = qbEx - 1;
    if (qb < qa) continue;
    const words = x.words(qa, qb);
    if (words === 0) continue;
    const sFirst = x.first(qa);
    const sLast = x.last(qb);
    const inner: Offsets = { start: m.innerStart, end: m.innerEnd };
    let end = m.end;
    let endTok = qb;

    // continuation in the same sentence: "We warned," he said, "and will again."
    const goOn = (after: number) => {
      let t = after + 1;
      if (x.raw(t) === ',' || x.raw(t) === ':' || x.raw(t) === '—') t++;
      const next = k + 1 < x.marks.length ? k + 1 : -1;
      if (next >= 0 && x.markTokens[next]![0] === t && t <= x.last(after)) {
        consumed.add(next);
        end = x.marks[next]!.end;
        endTok = x.markTokens[next]![1] - 1;
      }
    };

    // "A," Barkley said. "B." — PolNeAR makes one attribution of both quotes, even when the
    // attribution runs on ("…," said Amidror, a former adviser to Mr. Netanyahu. "B.")
    const chain = (after: number) => {
      let s = x.last(after);
      if (s - after > 40) return;
      while (k + 1 < x.marks.length && !consumed.has(k + 1)) {
        const [na, nbEx] = x.markTokens[k + 1]!;
        const nb = nbEx - 1;
        if (na !== s + 1 || na !== x.first(na) || x.contentEnd(x.last(nb)) > nb) return;
        if (/\n\s*\n/.test(x.text.slice(ctx.tokens[s]!.end, ctx.tokens[na]!.start))) return;
        consumed.add(k + 1);
        end = x.marks[k + 1]!.end;
        endTok = nb;
        s = x.last(nb);
        k++;
      }
    };

    // 1. attribution after the quote: …," Putin said / …," said Peskov
    let t = qb + 1;
    if (x.raw(t) === ',' || x.raw(t) === '—' || x.raw(t) === '–') t++;
    // the quote's last inner token (a closing '' is two tokens); a quote ending in "?" or "!" can take
    // its attribution from the next "sentence": '"Why now?" Hannity asked.'
    let lastInner = qb;
    while (lastInner > qa && QUOTE_CHARS.test(x.raw(lastInner))) lastInner--;
    if (t <= sLast || (t < x.n && x.ctx.sentenceOf[t] === x.ctx.sentenceOf[qb]! + 1 && t === x.first(t) && (!TERMINAL.test(x.raw(lastInner)) || /^[?!]/.test(x.raw(lastInner))))) {
      const hi = x.last(t);
      let cue = -1;
      let sp: Np | null = null;
      const t2 = x.skipForward(t, hi);
      if (x.isCue(t2, true)) {
        cue = t2;
        sp = x.npForward(x.skipForward(t2 + 1, hi), hi);
      } else {
        const np = x.npForward(t, hi);
        if (np) {
          const c = x.skipForward(np.b + 1, hi);
          if (x.isCue(c, true)) {
            cue = c;
            sp = np;
          } else if (!x.taken[c] && /^[a-z]+(?:ed|s)$/.test(x.raw(c)) && (TERMINAL.test(x.raw(c + 1)) || x.raw(c + 1) === ',') && (np.a !== np.b || CAP.test(x.raw(np.a)) || PRONOUNS.has(x.low(np.a)))) {
            // '"…?" Hannity pressed.': any verb that ends the attribution right after the speaker is its cue
            cue = c;
            sp = np;
          }
        }
        if (cue < 0 && /,\s*$/.test(x.text.slice(m.innerStart, m.innerEnd)) && x.isWord(t)) {
          // '"…," Brent Bozell III, founder of the Media Research Center, told …': the subject is all up to the cue
          for (let c = t + 1; c <= Math.min(hi, t + 25); c++) {
            if (x.quoteOf[c]! >= 0) break;
            if (x.isCue(c, true)) {
              const e = x.skipBack(c - 1, t);
              if (e >= t) {
                cue = c;
                sp = { a: t, b: x.raw(e) === ',' ? e - 1 : e };
              }
              break;
            }
          }
        }
      }
      // words before the quote in its sentence (not just a lead-in ending in ':' or ','): a mixed quote
      const embedded = qa > sFirst && x.words(sFirst, qa - 1) > 0 && !(x.raw(qa - 1) === ':' || x.raw(qa - 1) === ',');
      // "After Scalia said that … 'less advanced schools,' Trump said: …": a cue before an embedded
      // quote owns it; rule 2 below takes it
      let cueBefore = false;
      for (let c = sFirst; embedded && c < qa && !cueBefore; c++) cueBefore = x.quoteOf[c]! < 0 && x.isCue(c);
      if (cue >= 0 && (t <= sLast || qa === sFirst) && !cueBefore) {
        const attrEnd = Math.max(cue, sp ? sp.b : cue);
        goOn(attrEnd);
        if (endTok === qb) chain(attrEnd);
        const start = embedded ? ctx.tokens[sFirst]!.start : m.start;
        emit(
          {
            start,
            end,
            type: embedded ? 'mixed' : 'direct',
            cue: x.offsets(cue, cue),
            speaker: sp ? x.offsets(sp.a, sp.b) : null,
            ...(embedded ? {} : { inner }),
            rule: 'quote-then-cue',
          },
          embedded ? sFirst : qa,
          Math.max(endTok, attrEnd),
        );
        continue;
      }
    }

    // 2. attribution before the quote: Putin said: "…" / called it a 'serious step'
    if (qa > sFirst) {
      let b = qa - 1;
      const colon = x.raw(b) === ':' || x.raw(b) === ',';
      if (colon) b--;
      let cue = -1;
      for (let c = b; c >= Math.max(sFirst, b - 7); c--) {
        if (x.quoteOf[c]! >= 0 && x.quoteOf[c] !== k) break;
        // quote-only verbs ("chanted", "yelled") count when the quote follows at once
        if (x.isCue(c, colon || c === b)) {
          cue = c;
          break;
        }
        if (x.low(c) === 'according' && x.low(c + 1) === 'to') {
          cue = c;
          break;
        }
      }
      if (cue >= 0) {
        const lo = sFirst;
        let sp = x.low(cue) === 'according' ? x.npForward(cue + 2, b) : x.npBackward(x.skipBack(cue - 1, lo), lo);
        // "…, adding: '…'" and "issued a statement saying '…'": a participle's speaker is the sentence's subject
        if (x.low(cue).endsWith('ing') && (!sp || DOCUMENT_NOUNS.has(x.low(sp.b)))) sp = sentenceSubject(x, lo, cue - 1) ?? sp;
        if (!sp && x.low(cue) !== 'according') {
          const inverted = x.npForward(cue + 1, b); // "said Peskov:" — only when the name runs up to the quote
          sp = inverted && inverted.b === b ? inverted : x.subjectFallback(cue, lo);
        }
        if (sp || colon) {
          const gap = qa - cue - 1 - (colon ? 1 : 0);
          const tail = x.contentEnd(x.last(qb));
          const adjacent = gap === 0 || (gap === 1 && x.low(cue + 1) === 'that');
          const direct = (colon && (x.low(cue) === 'according' || b - cue <= 4)) || adjacent;
          if (direct && (tail <= qb || colon)) {
            goOn(qb);
            emit(
              { start: m.start, end, type: 'direct', cue: x.offsets(cue, cue), speaker: sp ? x.offsets(sp.a, sp.b) : null, inner, rule: 'cue-then-quote' },
              sp ? Math.min(sp.a, cue) : cue,
              endTok,
            );
            continue;
          }
          // mixed: the content is the cue's whole complement
          let from = cue + 1;
          if (sp && sp.a > cue) from = sp.b + 1;
          const thatAt = findThat(x, from, qa);
          if (thatAt >= 0) from = thatAt;
          // the clause ends after the quote as an indirect one does ("…, and criticized him …" is another cue's)
          let to = Math.max(x.clauseEnd(qb - 1, x.last(qb)), qb);
          // later quotes that open inside the content run it on to their sentence's end
          for (let n = k + 1; n < x.marks.length && x.markTokens[n]![0] <= to; n++) {
            consumed.add(n);
            to = Math.max(to, x.contentEnd(x.last(x.markTokens[n]![1] - 1)));
          }
          if (to >= from) {
            emit(
              { start: ctx.tokens[from]!.start, end: ctx.tokens[to]!.end, type: 'mixed', cue: x.offsets(cue, cue), speaker: sp ? x.offsets(sp.a, sp.b) : null, rule: 'cue-then-partial-quote' },
              sp ? Math.min(sp.a, cue) : cue,
              to,
            );
            continue;
          }
        }
      }
    }

    // 2a. "Republican pollster Daron Shaw: “…”"
    if (qa > sFirst + 1 && x.raw(qa - 1) === ':') {
      const np = x.npForward(sFirst, qa - 2);
      if (np && np.b === qa - 2 && np.a === sFirst) {
        emit({ start: m.start, end: m.end, type: 'direct', cue: x.offsets(qa - 1, qa - 1), speaker: x.offsets(np.a, np.b), inner, rule: 'speaker-colon-quote' }, sFirst, qb);
        continue;
      }
    }

    // 2b. "Cruz retorted:" at the end of the previous sentence or paragraph
    if (qa === sFirst && qa >= 2 && x.raw(qa - 1) === ':' && x.quoteOf[qa - 1]! < 0) {
      const lo = x.first(qa - 1);
      let cue = -1;
      for (let c = qa - 2; c >= Math.max(lo, qa - 9); c--) {
        if (x.isCue(c, true)) {
          cue = c;
          break;
        }
      }
      if (cue >= 0) {
        const sp = x.npBackward(x.skipBack(cue - 1, lo), lo) ?? x.npForward(cue + 1, qa - 2) ?? x.subjectFallback(cue, lo);
        emit({ start: m.start, end: m.end, type: 'direct', cue: x.offsets(cue, cue), speaker: sp ? x.offsets(sp.a, sp.b) : null, inner, rule: 'cue-colon-quote' }, sp ? Math.min(sp.a, cue) : cue, qb);
        continue;
      }
    }

    // 3. a quote that opens a sentence, with no cue near it: the last speaker's (wire style)
    if (qa === sFirst && words >= 4) {
      emit({ start: m.start, end: m.end, type: 'direct', cue: null, speaker: lastSpeaker, inner, rule: 'standalone-quote' }, qa, qb);
    }
  }

  // ---- headlines and captions: "Graham: Trump's rhetoric destroying GOP's chance" ----
  for (let si = 0; si < ctx.sentences.length; si++) {
    const a = x.sentFirst[si]!;
    const last = x.sentLast[si]!;
    if (a < 0 || x.taken[a]) continue;
    let c = a;
    while (c <= last && c < a + 6 && x.raw(c) !== ':') c++;
    if (x.raw(c) !== ':' || c === a || c >= last) continue;
    const np = x.npForward(a, c - 1);
    if (!np || np.b !== c - 1 || (x.quoteOf[c + 1]! >= 0 && x.taken[c + 1]) || np.a === np.b && x.raw(np.a).length < 2) continue;
    const before = ctx.tokens[a]!.start;
    if (before > 0 && !/[\n\r]/.test(x.text.slice(Math.max(0, before - 2), before))) continue; // only at a paragraph or line start
    const b = x.contentEnd(last);
    if (b - c < 3 || overlapsTaken(x, c + 1, b)) continue;
    emit({ start: ctx.tokens[c + 1]!.start, end: ctx.tokens[b]!.end, type: mixedOrIndirect(x, c + 1, b), cue: x.offsets(c, c), speaker: x.offsets(np.a, np.b), rule: 'headline-colon' }, a, b);
  }

  // ---- indirect quotes, from the cues left over ----
  for (let i = 0; i < x.n; i++) {
    if (x.taken[i] || x.quoteOf[i]! >= 0) continue;
    const sFirst = x.first(i);
    const sLast = x.last(i);
    const according = x.low(i) === 'according' && x.low(i + 1) === 'to' && x.raw(i) === 'according' || (x.raw(i) === 'According' && x.low(i + 1) === 'to');
    if (according) {
      let sp = x.npForward(i + 2, sLast);
      // the source runs to the comma ("According to early results of exit polls conducted for …, Clinton led")
      // or to the sentence end ("…, according to a new poll by the Harvard Institute.")
      let comma = i + 2;
      while (comma <= sLast && x.raw(comma) !== ',' && comma < i + 40) comma++;
      if (i === sFirst && x.raw(comma) === ',' && comma > i + 2) sp = { a: i + 2, b: comma - 1 };
      else if (x.raw(i - 1) === ',' && comma > sLast) sp = { a: i + 2, b: x.contentEnd(sLast) };
      if (!sp || sp.b < sp.a) continue;
      let a: number;
      let b: number;
      if (x.raw(sp.b + 1) === ',' && sp.b + 2 <= sLast) {
        a = sp.b + 2;
        b = x.contentEnd(sLast);
      } else {
        a = sFirst;
        b = x.contentEnd(i - 1);
      }
      if (b - a >= 2 && !overlapsTaken(x, a, b)) {
        emit(
          { start: ctx.tokens[a]!.start, end: ctx.tokens[b]!.end, type: mixedOrIndirect(x, a, b), cue: x.offsets(i, i + 1), speaker: x.offsets(sp.a, sp.b), rule: 'according-to' },
          Math.min(a, i),
          Math.max(b, sp.b),
        );
      }
      continue;
    }
    if (expectedTo(x, i, sFirst, sLast, emit)) continue;
    if (nounThat(x, i, sFirst, sLast, emit)) continue;
    if (askedWhether(x, i, sFirst, sLast, emit)) continue;
    if (cueWithObject(x, i, sFirst, sLast, out, emit)) continue;
    if (!x.isCue(i)) continue;
    const w = x.low(i);
    let sp = x.npBackward(x.skipBack(i - 1, sFirst), sFirst);
    // "…, saying that …", and without the comma for plain speech verbs ("issued a statement saying …")
    const bareParticiple = SPEECH_PARTICIPLES.has(w) && x.raw(i - 1) !== ',' && !BE.has(x.low(x.skipBack(i - 1, sFirst)));
    if ((!sp && w.endsWith('ing') && x.raw(i - 1) === ',') || bareParticiple) {
      // the subject of the sentence speaks
      let head = sFirst;
      if (!x.npForward(head, i - 2)) {
        // "On Monday, Trump tweeted …, saying …": skip an opening adverbial up to its comma
        for (let c = sFirst; c < i - 2; c++) {
          if (x.raw(c) === ',') {
            head = c + 1;
            break;
          }
        }
      }
      const previous = out[out.length - 1];
      const sameSentence = previous?.speaker && previous.speaker.start >= ctx.tokens[sFirst]!.start ? previous.speaker : null;
      const subjectNp = x.npForward(head, i - 2);
      const subject = sameSentence ? null : subjectNp;
      const from0 = findThat(x, i + 1, Math.min(sLast + 1, i + 8));
      const from = from0 >= 0 ? from0 : i + 1;
      const b = x.contentEnd(sLast);
      if (x.isWord(from) && b - from >= 2 && !overlapsTaken(x, from, b) && !THAT_ONLY_VERBS.has(w)) {
        emit(
          { start: ctx.tokens[from]!.start, end: ctx.tokens[b]!.end, type: mixedOrIndirect(x, from, b), cue: x.offsets(i, i), speaker: sameSentence ?? (subject ? x.offsets(subject.a, subject.b) : lastSpeaker), rule: 'participle-clause' },
          i,
          b,
        );
      }
      continue;
    }
    // progressive: "Sanders is seeking to …", "who has been criticizing …": the subject before the auxiliary
    let progressive = false;
    if (!sp && w.endsWith('ing')) {
      const aux = x.skipBack(i - 1, sFirst);
      if (aux > sFirst && BE.has(x.low(aux)) && !/^get/.test(x.low(aux))) {
        const s = x.skipBack(aux - 1, sFirst);
        sp = x.npBackward(s, sFirst) ?? (x.low(s) === 'who' ? { a: s, b: s } : null);
        progressive = sp !== null;
      }
    }
    if (!sp && (x.low(x.skipBack(i - 1, sFirst)) === 'and' || x.low(x.skipBack(i - 1, sFirst)) === 'but')) {
      // "Rubio thanked Miami and said …": the subject of the previous cue in the sentence
      const prev = out[out.length - 1];
      if (prev?.speaker && prev.speaker.start >= ctx.tokens[sFirst]!.start) {
        const [a, bEx] = tokensIn(ctx, prev.speaker.start, prev.speaker.end);
        sp = { a, b: bEx - 1 };
      }
    }
    if (!sp && !w.endsWith('ing')) sp = x.subjectFallback(i, sFirst);
    // a subject the rules above cannot reach ("Mayor Lund toured the plant and said …"): the noun phrase that opens the sentence
    if (!sp && !w.endsWith('ing') && x.raw(i - 1) !== ',') sp = sentenceSubject(x, sFirst, i - 1);
    if (sp) {
      // complement after the cue
      let from = i + 1;
      let thatAt = -1;
      if (ADDRESSEE_VERBS.has(w) && from <= sLast && x.isWord(from) && x.low(from) !== 'that') {
        thatAt = findThat(x, from, Math.min(sLast + 1, from + 14), true);
        const obj = x.npForward(from, sLast);
        from = obj ? obj.b + 1 : from + 1;
      }
      if (thatAt < 0) thatAt = findThat(x, from, Math.min(sLast + 1, from + 7));
      if (thatAt >= 0) from = thatAt;
      else if (THAT_ONLY_VERBS.has(w)) continue;
      const prep = x.low(from);
      if (prep === 'by') continue; // passive: "backed by"
      let cueEnd = i;
      if (PREPOSITIONS.has(prep) && !CUE_PREPOSITIONS.has(prep) && thatAt < 0) continue; // "said in a statement.", "spoke at a rally"
      if (PREPOSITIONS.has(prep) && !(prep === 'to' && TO_VERBS.has(w)) && !/^(?:least|most|all|first|once)$/.test(x.low(from + 1))) {
        cueEnd = from; // "called for", "referring to": the preposition belongs to the cue
        from++;
      }
      let b = x.clauseEnd(from, sLast);
      // "Sanders, who wants to raise taxes, spoke …": a relative clause set off by commas ends at its comma
      if ((x.low(sp.a) === 'who' || x.low(sp.a) === 'which') && x.raw(sp.a - 1) === ',') {
        for (let c = from + 1; c < b; c++) {
          if (x.raw(c) === ',' && x.quoteOf[c]! < 0) {
            b = x.contentEnd(c - 1);
            break;
          }
        }
      }
      // the content may open with a number: "The party says 34,570 citizens voted"
      if (from <= sLast && (x.isWord(from) || x.ctx.tokens[from]!.label === 'number') && b - from >= 0 && !overlapsTaken(x, from, b) && (!w.endsWith('ing') || progressive)) {
        emit(
          { start: ctx.tokens[from]!.start, end: ctx.tokens[b]!.end, type: mixedOrIndirect(x, from, b), cue: x.offsets(i, cueEnd), speaker: x.offsets(sp.a, sp.b), rule: 'cue-then-clause' },
          Math.min(sp.a, i),
          b,
        );
        continue;
      }
      // the clause before: "The plan is dangerous, Peskov said." / "…, the Times said, including …"
      const rest = x.skipForward(i + 1, sLast);
      if (x.raw(sp.a - 1) === ',' && (sp.a - 2 > sFirst || (sp.a - 2 === sFirst && x.raw(rest) === ',')) && (x.contentEnd(sLast) <= rest + 3 || x.raw(rest) === ',')) {
        const a = sFirst;
        const e = x.contentEnd(sLast) <= rest + 3 ? sp.a - 2 : x.contentEnd(sLast);
        if (!overlapsTaken(x, a, e) && x.words(a, e) >= 3) {
          emit(
            { start: ctx.tokens[a]!.start, end: ctx.tokens[e]!.end, type: mixedOrIndirect(x, a, e), cue: x.offsets(i, i), speaker: x.offsets(sp.a, sp.b), rule: 'clause-then-cue' },
            a,
            i,
          );
        }
      }
      continue;
    }
    // inverted: "The plan is dangerous, said Peskov."
    if (x.raw(i - 1) === ',' && i - 2 > sFirst) {
      const np = x.npForward(i + 1, sLast);
      // the speaker ends the sentence, maybe with an apposition: "…, said Grant Green, a former official."
      if (np && (x.contentEnd(sLast) <= np.b + 3 || x.raw(np.b + 1) === ',')) {
        const a = sFirst;
        const e = i - 2;
        if (!overlapsTaken(x, a, e) && x.words(a, e) >= 3) {
          emit(
            { start: ctx.tokens[a]!.start, end: ctx.tokens[e]!.end, type: mixedOrIndirect(x, a, e), cue: x.offsets(i, i), speaker: x.offsets(np.a, np.b), rule: 'clause-then-inverted-cue' },
            a,
            np.b,
          );
        }
      }
    }
  }
  // "an official, who declined to be named, said": anonymity, not a statement
  const said = out.filter((q) => !(q.type === 'indirect' && ANONYMITY.test(ctx.text.slice(q.start, q.end))));
  return resolveStandaloneSpeakers(said.sort((p, q) => p.start - q.start));
}

/**
 * A quote with no cue is the last speaker's in text order — including the
 * speakers of indirect quotes, which are found after the direct ones
 * ('Lund said the toll was too high. "Nobody can pay it."').
 */
function resolveStandaloneSpeakers(quotes: Quote[]): Quote[] {
  let last: Offsets | null = null;
  for (const q of quotes) {
    if (q.rule === 'standalone-quote') q.speaker = last ?? q.speaker;
    else if (q.speaker) last = q.speaker;
  }
  return quotes;
}


/**
 * "The company is expected to post a loss": PolNeAR takes an expectation
 * with no source as an attribution whose content is the subject and the
 * infinitive. The content runs from the subject (the sentence start, or the
 * word after an opening adverbial's comma) to the clause end, the cue inside.
 */
function expectedTo(x: Extractor, i: number, sFirst: number, sLast: number, emit: (q: Quote, a: number, b: number) => void): boolean {
  if (x.raw(i) !== 'expected' || x.low(i + 1) !== 'to' || x.taken[i]) return false;
  let be = i - 1;
  while (be > sFirst && (x.low(be) === 'not' || x.low(be) === "n't" || x.low(be) === 'widely' || x.low(be) === 'also' || x.low(be) === 'still')) be--;
  if (!BE.has(x.low(be)) || be <= sFirst) return false;
  let a = sFirst;
  for (let c = be - 1; c > sFirst; c--) {
    if (x.raw(c) === ',') {
      a = c + 1;
      break;
    }
  }
  if (x.low(a) === 'which' || x.low(a) === 'who' || x.quoteOf[a]! >= 0) return false;
  const b = x.clauseEnd(i + 1, sLast);
  if (b - i < 3 || overlapsTaken(x, a, b)) return false;
  emit({ start: x.ctx.tokens[a]!.start, end: x.ctx.tokens[b]!.end, type: mixedOrIndirect(x, a, b), cue: x.offsets(be, i), speaker: null, rule: 'expected-to' }, a, b);
  return true;
}

const ASK_VERBS = new Set(['ask', 'asks', 'asked', 'asking', 'wondered', 'wonders', 'wondering', 'questioned']);
const QUESTION_WORDS = new Set(['whether', 'if', 'why', 'how', 'what', 'when', 'where', 'who', 'about']);

/**
 * Questions: "Reporters asked him whether he would run", "Trump was asked about
 * the wall". The content runs from the question word (PolNeAR keeps it) to the
 * clause end; a passive question has no speaker.
 */
function askedWhether(x: Extractor, i: number, sFirst: number, sLast: number, emit: (q: Quote, a: number, b: number) => void): boolean {
  if (!ASK_VERBS.has(x.raw(i)) || x.taken[i] || x.quoteOf[i]! >= 0) return false;
  let from = i + 1;
  if (!QUESTION_WORDS.has(x.low(from))) {
    const obj = x.npForward(from, Math.min(sLast, from + 5));
    if (!obj) return false;
    from = obj.b + 1;
  }
  if (!QUESTION_WORDS.has(x.low(from)) || !x.isWord(from)) return false;
  const b = x.clauseEnd(from, sLast);
  if (b - from < 1 || overlapsTaken(x, from, b)) return false;
  const before = x.skipBack(i - 1, sFirst);
  const passive = BE.has(x.low(before));
  let sp: Np | null = null;
  if (!passive) {
    if (x.raw(i - 1) === ',' || i === sFirst) return false; // "Asked whether …, Trump said": the main clause's cue speaks
    sp = x.npBackward(before, sFirst) ?? x.subjectFallback(i, sFirst);
  }
  emit(
    { start: x.ctx.tokens[from]!.start, end: x.ctx.tokens[b]!.end, type: mixedOrIndirect(x, from, b), cue: x.offsets(i, i), speaker: sp ? x.offsets(sp.a, sp.b) : null, rule: 'asked-whether' },
    sp ? Math.min(sp.a, i) : i,
    b,
  );
  return true;
}

/**
 * The subject that opens a sentence ("He avoided criticism of …"), after an
 * opening adverbial's comma if there is one; null when the sentence opens otherwise.
 */
function sentenceSubject(x: Extractor, sFirst: number, before: number): Np | null {
  let head = sFirst;
  if (!x.npForward(head, before)) {
    for (let c = sFirst; c < before && c < sFirst + 12; c++) {
      if (x.raw(c) === ',') {
        head = c + 1;
        break;
      }
    }
  }
  return x.npForward(head, before);
}

/** Nominal cues and their preposition: "support for X", "criticism of X". */
const NOUN_PREP_CUES = new Map<string, string>([
  ['criticism', 'of'], ['criticisms', 'of'], ['attacks', 'on'], ['concerns', 'about'], ['concern', 'about'], ['praise', 'for'],
  ['comments', 'about'], ['remarks', 'about'],
]);
/** Verbal cues whose content is the object of a preposition: "talking about X", "referring to X". */
const VERB_PREP_CUES = new Map<string, string>([
  ['talking', 'about'], ['talked', 'about'], ['talks', 'about'], ['talk', 'about'], ['referring', 'to'], ['spoke', 'about'],
  ['speaking', 'about'], ['speaks', 'about'], ['complained', 'about'], ['complaining', 'about'],
]);
// Measured on PolNeAR train and left out (under 45% precise): support for, opposition to, attack on, endorsement of,
// questions about, doubts about, focused on, pointed to, referred to.
/** Words that end a noun-phrase content: verbs, auxiliaries, clause openers. */
const NP_STOP = new Set(
  `is was are were be been has have had will would could should can may might must do does did that which who whom whose
because after before when while as since during but so if than though although until unless where ;`.split(/\s+/),
);

/**
 * Cues whose content is a noun phrase after a preposition: "his support for
 * Sanders", "criticism of the plan", "Trump, referring to Clinton, …". The
 * content ends at the first comma, dash, verb-like word or clause opener.
 * The speaker is the possessor of a nominal cue, or the subject of a verbal one.
 */
function cueWithObject(x: Extractor, i: number, sFirst: number, sLast: number, out: Quote[], emit: (q: Quote, a: number, b: number) => void): boolean {
  if (x.taken[i] || x.quoteOf[i]! >= 0 || !x.isWord(i)) return false;
  const w = x.raw(i);
  const nounPrep = NOUN_PREP_CUES.get(w);
  const verbPrep = VERB_PREP_CUES.get(w);
  const prep = nounPrep ?? verbPrep;
  if (!prep || x.low(i + 1) !== prep) return false;
  const from = i + 2;
  let b = from - 1;
  for (let k = from; k <= sLast; k++) {
    const t = x.low(k);
    if (x.quoteOf[k]! >= 0 && !x.isWord(k)) break;
    if (!x.isWord(k) && t !== "'s" && t !== '’s' && t !== '-' && x.ctx.tokens[k]!.label !== 'number') break;
    if (NP_STOP.has(t)) break;
    if (k > from && /^[a-z]+ed$/.test(x.raw(k))) break; // a past-tense verb: "criticism of the plan surprised …"
    b = k;
  }
  if (b < from || overlapsTaken(x, from, b) || b - from > 20) return false;
  let sp: Np | null = null;
  const prev = x.low(i - 1);
  if (prev === 'his' || prev === 'her' || prev === 'their' || prev === 'its' || prev === 'my' || prev === 'our') sp = { a: i - 1, b: i - 1 };
  else if ((prev === "'s" || prev === '’s') && i - 2 >= sFirst) sp = x.npBackward(i - 2, sFirst);
  else if (verbPrep && x.raw(i - 1) !== ',') sp = x.npBackward(x.skipBack(i - 1, sFirst), sFirst) ?? x.subjectFallback(i, sFirst);
  sp ??= sentenceSubject(x, sFirst, i - 1);
  if (nounPrep && !sp && DETERMINERS.has(prev) === false && x.isWord(i - 1) && !CAP.test(x.raw(i - 1)) && !PREPOSITIONS.has(prev) && !VOICING_VERBS.has(prev)) {
    // "Clinton support for …" is fine; "voters support for" is a verb: "support" after a plural subject
    if (/s$/.test(prev)) return false;
  }
  void out;
  emit(
    { start: x.ctx.tokens[from]!.start, end: x.ctx.tokens[b]!.end, type: mixedOrIndirect(x, from, b), cue: x.offsets(i, i + 1), speaker: sp ? x.offsets(sp.a, sp.b) : null, rule: 'cue-with-object' },
    from,
    b,
  );
  return true;
}

/** Nouns whose "that" clause is an attributed content: "his claim that …", "fears that …". */
const CUE_NOUNS = new Set(
  `claim claims statement statements assertion assertions argument belief beliefs view warning warnings promise promises
pledge assurance assurances insistence accusation accusations allegation allegations charge contention notion idea fear
fears hope hopes concern concerns suggestion prediction predictions admission announcement message suspicion suspicions
worry worries complaint complaints theory sense impression expectation expectations conviction doubts doubt report reports
rumor rumors speculation recognition acknowledgment confidence`.split(/\s+/),
);

const VOICING_VERBS = new Set(`expressed expresses voiced voices raised raises made makes issued issues sent repeated repeats
shared offered gave give gives reiterated`.split(/\s+/));

/**
 * Nominal cues: "Trump's claim that the race was rigged", "fears that the deal
 * will collapse". The content is the "that" clause; the speaker is the
 * possessor when there is one ("Trump's", "his"), else nobody.
 */
function nounThat(x: Extractor, i: number, sFirst: number, sLast: number, emit: (q: Quote, a: number, b: number) => void): boolean {
  if (!CUE_NOUNS.has(x.low(i)) || x.low(i + 1) !== 'that' || x.taken[i] || x.quoteOf[i]! >= 0) return false;
  // "the report that he wrote": a relative clause, not a content; its verb follows a bare subject at once
  const after = x.low(i + 3);
  if (x.isWord(i + 2) && (after === 'said' || after === 'wrote' || after === 'made' || after === 'had' || after === 'gave')) return false;
  // "her allies fear that …", "the company, warning that …": a verb, left to the verb rules
  // a noun follows a determiner, a possessive, a preposition or a verb of voicing, maybe over one adjective
  if (CUE_VERBS.has(x.low(i))) {
    const nounBefore = (t: string) => DETERMINERS.has(t) || t === "'s" || t === '’s' || PREPOSITIONS.has(t) || VOICING_VERBS.has(t) || t === 'of';
    const p1 = x.low(i - 1);
    // an adjective, not a plural subject: "a false claim", but "her allies fear"
    const adjective = x.isWord(i - 1) && !CAP.test(x.raw(i - 1)) && !/s$/.test(p1) && nounBefore(x.low(i - 2));
    if (!(nounBefore(p1) || adjective)) return false;
  }
  const from = i + 1;
  const b = x.clauseEnd(from, sLast);
  if (b - from < 3 || overlapsTaken(x, from, b)) return false;
  let sp: Np | null = null;
  const prev = x.low(i - 1);
  if (prev === 'his' || prev === 'her' || prev === 'their' || prev === 'its' || prev === 'my' || prev === 'our') sp = { a: i - 1, b: i - 1 };
  else if ((prev === "'s" || prev === '’s') && i - 2 >= sFirst) sp = x.npBackward(i - 2, sFirst);
  else {
    // "Officials expressed concern that …": the subject of a verb of voicing owns the noun
    let v = i - 1;
    while (v > sFirst && (DETERMINERS.has(x.low(v)) || /^(?:new|growing|serious|deep|repeated|public|private|strong|renewed)$/.test(x.low(v)))) v--;
    if (VOICING_VERBS.has(x.low(v))) sp = x.npBackward(x.skipBack(v - 1, sFirst), sFirst);
    sp ??= sentenceSubject(x, sFirst, i - 1);
  }
  emit(
    { start: x.ctx.tokens[from]!.start, end: x.ctx.tokens[b]!.end, type: mixedOrIndirect(x, from, b), cue: x.offsets(i, i), speaker: sp ? x.offsets(sp.a, sp.b) : null, rule: 'noun-that' },
    from,
    b,
  );
  return true;
}

/** The token "that" (complementiser) between from and to, reached over words and commas only. */
function findThat(x: Extractor, from: number, to: number, overObject = false): number {
  if (!overObject && DETERMINERS.has(x.low(from)) && x.low(from) !== 'that') return -1; // "rejected the idea that …": the object is the content
  for (let i = from; i < to && i < x.n; i++) {
    const t = x.low(i);
    if (t === 'that' && x.isWord(i)) return i;
    // an addressee can be a quoted title: told ABC's "Good Morning America" that …
    if (overObject && x.quoteOf[i]! >= 0 && (x.isWord(i) || QUOTE_CHARS.test(x.raw(i)))) continue;
    if (!x.isWord(i) && t !== ',' && x.ctx.tokens[i]!.label !== 'number') return -1;
    if (x.quoteOf[i]! >= 0) return -1;
  }
  return -1;
}

function overlapsTaken(x: Extractor, a: number, b: number): boolean {
  for (let i = a; i <= b; i++) if (x.taken[i]) return true;
  return false;
}

function mixedOrIndirect(x: Extractor, a: number, b: number): QuoteType {
  for (let i = a; i <= b; i++) if (x.quoteOf[i]! >= 0 && QUOTE_CHARS.test(x.raw(i))) return 'mixed';
  return 'indirect';
}
