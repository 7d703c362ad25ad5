/**
 * Rule-based sentence boundaries over tokens, tuned for news copy: quotes that
 * close after the full stop stay with their sentence ('… targets."'), a
 * question inside a quote followed by "he said" does not end the sentence,
 * titles ("Gen.", "Mr.") and initials never end one, other abbreviations
 * ("U.S.", "Inc.") end one only when a sentence-initial word follows, and a
 * line break inside a paragraph ends a sentence unless the next line goes on
 * in lower case (hard-wrapped text).
 */
import { SENTENCE_STARTERS, isTitleAbbreviation } from './abbreviations.ts';
import { splitParagraphs, type Range } from './paragraphs.ts';
/** A token as the tokens layer stores it: its label is the token kind. */
interface Token {
  start: number;
  end: number;
  label: string;
}

const TERMINAL = /^(?:[.!?…。！？‼⁇⁈⁉]|\.{2,}|[!?]{2,})$/u;
const CLOSING = new Set(['"', '”', '’', "'", ')', ']', '»', '›', '」', '』', '）']);
const OPENING = /^["“‘'«‹(\[„¿¡「『（—–-]$/u;
const UPPER_OR_DIGIT = /^[\p{Lu}\p{Lt}\p{Nd}]/u;
const LOWER = /^\p{Ll}/u;
const ELLIPSIS = /^(?:\.{2,}|…)$/u;

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028) return true;
  }
  return false;
}

/** Whether `next` can open a new sentence after a full stop. */
function opensSentence(text: string, next: Token, afterEllipsis: boolean): boolean {
  const value = text.slice(next.start, next.end);
  if (afterEllipsis) return UPPER_OR_DIGIT.test(value) && !LOWER.test(value);
  if (LOWER.test(value)) return false;
  if (next.label === 'punct') return OPENING.test(value);
  return true;
}

/**
 * Splits `tokens` (one paragraph's, in order) into sentences.
 * Returns ranges from the first to the last token of each sentence.
 */
export function splitSentences(text: string, tokens: readonly Token[]): Range[] {
  const out: Range[] = [];
  if (tokens.length === 0) return out;
  let first = 0;
  const close = (last: number) => {
    out.push({ start: tokens[first]!.start, end: tokens[last]!.end });
    first = last + 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const value = text.slice(t.start, t.end);
    let last = i;
    let boundary = false;

    if (t.label === 'punct' && TERMINAL.test(value)) {
      // closing quotes and brackets glued to the stop belong to this sentence
      while (last + 1 < tokens.length) {
        const n = tokens[last + 1]!;
        if (n.start !== tokens[last]!.end || !CLOSING.has(text.slice(n.start, n.end))) break;
        last++;
      }
      const next = tokens[last + 1];
      boundary = next === undefined || opensSentence(text, next, ELLIPSIS.test(value));
    } else if (t.label === 'word' && value.length > 1 && value.endsWith('.') && !isTitleAbbreviation(value)) {
      // "U.S.", "Inc.", "Jan." end a sentence only before a word that is capitalised because it starts one
      const next = tokens[i + 1];
      if (next === undefined) boundary = true;
      else {
        const nextValue = text.slice(next.start, next.end);
        boundary = SENTENCE_STARTERS.has(nextValue.toLowerCase()) && UPPER_OR_DIGIT.test(nextValue);
      }
    }

    if (!boundary && last + 1 < tokens.length) {
      const next = tokens[last + 1]!;
      if (hasLineBreak(text, tokens[last]!.end, next.start)) {
        boundary = !LOWER.test(text.slice(next.start, next.end));
      }
    }

    if (boundary) {
      close(last);
      i = last;
    }
  }
  if (first < tokens.length) close(tokens.length - 1);
  return out;
}

/** Sentences of a whole text: `tokens` (all of the text's, in order) split paragraph by paragraph. */
export function sentencesOf(text: string, tokens: readonly Token[], paragraphs: readonly Range[] = splitParagraphs(text)): Range[] {
  const out: Range[] = [];
  let t = 0;
  for (const p of paragraphs) {
    while (t < tokens.length && tokens[t]!.start < p.start) t++;
    const from = t;
    while (t < tokens.length && tokens[t]!.end <= p.end) t++;
    out.push(...splitSentences(text, tokens.slice(from, t)));
  }
  return out;
}
