/**
 * A single-pass tokenizer for news text with exact UTF-16 offsets.
 *
 * A hand-written scanner over char codes: ASCII, which is most of any news
 * text, is classified by comparisons, other characters by Unicode property
 * regexes whose answers are cached per code point. Whitespace is never a
 * token. Clitics ('s, n't, 're …) are split off words so that "Putin's"
 * yields the name "Putin", and known abbreviations keep their period so that
 * the sentence splitter can tell "Mr." from a full stop. (A single regex with
 * one alternative per kind was twice as slow, mostly from allocating match
 * arrays.)
 */
import { isAbbreviation } from './abbreviations.ts';

export type TokenKind =
  | 'word'
  | 'number'
  | 'punct'
  | 'symbol'
  | 'emoji'
  | 'url'
  | 'email'
  | 'hashtag'
  | 'mention';

export interface Token {
  start: number;
  end: number;
  label: TokenKind;
}

const enum Class {
  Space = 0,
  Letter = 1, // letters and combining marks
  Digit = 2, // decimal digits
  Number = 3, // other numeric characters (Ⅻ, ½): continue words, start nothing
  Punct = 4,
  Symbol = 5,
  Emoji = 6,
}

const LETTER = /^[\p{L}\p{M}]$/u;
const DIGIT = /^\p{Nd}$/u;
const NUMBER = /^\p{N}$/u;
const PUNCT = /^\p{P}$/u;
const SPACE = /^\s$/u;
const EMOJI_START = /^[\p{Extended_Pictographic}\p{RI}]$/u;
const EMOJI_AT = /\p{RI}\p{RI}|\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})?)*/uy;

function classifyUncached(cp: number): Class {
  const ch = String.fromCodePoint(cp);
  if (SPACE.test(ch)) return Class.Space;
  if (LETTER.test(ch)) return Class.Letter;
  if (DIGIT.test(ch)) return Class.Digit;
  if (NUMBER.test(ch)) return Class.Number;
  if (EMOJI_START.test(ch)) return Class.Emoji;
  if (PUNCT.test(ch)) return Class.Punct;
  return Class.Symbol;
}

const ASCII = new Uint8Array(128).map((_, c) => classifyUncached(c));
const CACHE = new Map<number, Class>();

function classify(cp: number): Class {
  if (cp < 128) return ASCII[cp] as Class;
  let c = CACHE.get(cp);
  if (c === undefined) {
    c = classifyUncached(cp);
    CACHE.set(cp, c);
  }
  return c;
}

/** Code point at `i` (a surrogate pair read whole) and its width in UTF-16 units. */
function codeAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}
const width = (cp: number) => (cp > 0xffff ? 2 : 1);

function isWordChar(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const k = classify(codeAt(text, i));
  return k === Class.Letter || k === Class.Digit || k === Class.Number;
}

/** End of a run of letters, marks and digits starting at `i`. */
function scanAlnum(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      // a-z A-Z 0-9
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
        i++;
        continue;
      }
      return i;
    }
    const cp = codeAt(text, i);
    const k = classify(cp);
    if (k !== Class.Letter && k !== Class.Digit && k !== Class.Number) return i;
    i += width(cp);
  }
  return i;
}

/** End of a run of decimal digits. */
function scanDigits(text: string, i: number): number {
  while (i < text.length) {
    const cp = codeAt(text, i);
    if (classify(cp) !== Class.Digit) return i;
    i += width(cp);
  }
  return i;
}

function isInnerJoiner(c: number): boolean {
  return c === 45 /* - */ || c === 39 /* ' */ || c === 0x2019 /* ’ */ || c === 0x2010 /* ‐ */;
}

// URLs and e-mail addresses are rare, so they are tried only where a word or
// number is followed by a character that can continue one.
const URL_AT = /(?:https?:\/\/|www\.)[^\s<>"«»“”‘’]+/uy;
const EMAIL_AT = /[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+/uy;
const CLITIC = /(?:n['’]t|['’](?:s|re|ve|ll|d|m))$/iu;
const URL_TRAILING = /[.,;:!?)\]'’"”]+$/u;

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

function linkAt(text: string, start: number, end: number): Token | undefined {
  const next = text.charCodeAt(end);
  if (next === 58 /* : */ || next === 46 /* . */) {
    const head = text.slice(start, end).toLowerCase();
    if ((next === 58 && (head === 'http' || head === 'https')) || (next === 46 && head === 'www')) {
      const url = matchAt(URL_AT, text, start);
      if (url) return { start, end: start + url.replace(URL_TRAILING, '').length, label: 'url' };
    }
  }
  if (next === 64 /* @ */ || next === 46 || next === 95 /* _ */ || next === 43 /* + */ || next === 45 /* - */) {
    const email = matchAt(EMAIL_AT, text, start);
    if (email) return { start, end: start + email.length, label: 'email' };
  }
  return undefined;
}

/** "U.S.", "e.g.", "a.m.": letters each followed by a period, at least two of them. */
function dottedEnd(text: string, start: number): number {
  let i = start;
  let count = 0;
  for (;;) {
    const cp = codeAt(text, i);
    if (i >= text.length || classify(cp) !== Class.Letter) break;
    const w = width(cp);
    if (text.charCodeAt(i + w) !== 46) break;
    i += w + 1;
    count++;
  }
  return count >= 2 ? i : -1;
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const src = to === text.length ? text : text.slice(0, to);
  const n = src.length;
  const tokens: Token[] = [];
  let i = from;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      i++;
      continue;
    }
    const cp = c < 128 ? c : codeAt(src, i);
    const kind = classify(cp);
    const start = i;
    switch (kind) {
      case Class.Space:
        i += width(cp);
        continue;

      case Class.Letter: {
        const dotted = dottedEnd(src, start);
        if (dotted > 0) {
          const link = linkAt(src, start, start + 1);
          if (link && link.end > dotted) {
            tokens.push(link);
            i = link.end;
          } else {
            tokens.push({ start, end: dotted, label: 'word' });
            i = dotted;
          }
          continue;
        }
        let end = scanAlnum(src, i);
        // inner hyphens and apostrophes: well-known, O'Brien, don't
        while (end + 1 < n && isInnerJoiner(src.charCodeAt(end)) && isWordChar(src, end + 1)) end = scanAlnum(src, end + 1);
        const link = linkAt(src, start, end);
        if (link) {
          tokens.push(link);
          i = link.end;
          continue;
        }
        const word = src.slice(start, end);
        if (word.includes("'") || word.includes('’')) {
          const clitic = CLITIC.exec(word);
          if (clitic && clitic.index > 0) {
            const split = start + clitic.index;
            tokens.push({ start, end: split, label: 'word' }, { start: split, end, label: 'word' });
            i = end;
            continue;
          }
        }
        if (src.charCodeAt(end) === 46 /* . */ && isAbbreviation(word)) end++;
        tokens.push({ start, end, label: 'word' });
        i = end;
        continue;
      }

      case Class.Digit: {
        // 3.5, 1,200, 9/11, 10:30, with a unit or suffix glued on: 1990s, 5km
        let end = scanDigits(src, i);
        for (;;) {
          const sep = src.charCodeAt(end);
          if ((sep === 46 || sep === 44 || sep === 58 || sep === 47) && end + 1 < n && classify(codeAt(src, end + 1)) === Class.Digit) {
            end = scanDigits(src, end + 1);
          } else break;
        }
        if (end < n && classify(codeAt(src, end)) === Class.Letter) end = scanAlnum(src, end);
        const link = linkAt(src, start, end);
        tokens.push(link ?? { start, end, label: 'number' });
        i = link ? link.end : end;
        continue;
      }

      case Class.Emoji: {
        const emoji = matchAt(EMOJI_AT, src, i);
        const end = i + (emoji ? emoji.length : width(cp));
        tokens.push({ start, end, label: emoji ? 'emoji' : 'symbol' });
        i = end;
        continue;
      }

      default: {
        // hashtags and mentions
        if ((c === 35 /* # */ || c === 64) /* @ */ && isWordChar(src, i + 1)) {
          let end = i + 1;
          while (end < n && (isWordChar(src, end) || src.charCodeAt(end) === 95)) end = src.charCodeAt(end) === 95 ? end + 1 : scanAlnum(src, end);
          tokens.push({ start, end, label: c === 35 ? 'hashtag' : 'mention' });
          i = end;
          continue;
        }
        // runs that act as one mark: ..., ?!, --
        if (c === 46 || c === 33 || c === 63 || c === 45) {
          let end = i + 1;
          const sameClass = (d: number) => (c === 46 ? d === 46 : c === 45 ? d === 45 : d === 33 || d === 63);
          while (end < n && sameClass(src.charCodeAt(end))) end++;
          if (end - i >= 2) {
            tokens.push({ start, end, label: 'punct' });
            i = end;
            continue;
          }
        }
        const end = i + width(cp);
        tokens.push({ start, end, label: kind === Class.Punct ? 'punct' : 'symbol' });
        i = end;
      }
    }
  }
  return tokens;
}
