/**
 * Paragraphs are runs of non-blank lines separated by blank lines. A text with
 * no blank line at all but several lines (feeds, SemEval articles with one
 * paragraph per line) gets one paragraph per line instead. Spans are trimmed
 * of surrounding whitespace and never empty.
 */

export interface Range {
  start: number;
  end: number;
}

const BLANK_LINE = /\r?\n[ \t\f\v\u00a0\u2000-\u200a\u3000]*\r?\n/;
const LINE_BREAK = /\r\n|\n|\r|\u2028|\u2029/g;
const PARAGRAPH_BREAK = /(?:\r?\n|\r|\u2029)[ \t\f\v\u00a0\u2000-\u200a\u3000]*(?:(?:\r?\n|\r|\u2029)[ \t\f\v\u00a0\u2000-\u200a\u3000]*)+/g;

function trimmed(text: string, start: number, end: number): Range | null {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

function splitAt(text: string, separator: RegExp): Range[] {
  const out: Range[] = [];
  let start = 0;
  separator.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = separator.exec(text)) !== null) {
    const r = trimmed(text, start, m.index);
    if (r) out.push(r);
    start = m.index + m[0].length;
  }
  const last = trimmed(text, start, text.length);
  if (last) out.push(last);
  return out;
}

export function splitParagraphs(text: string): Range[] {
  return BLANK_LINE.test(text) || text.includes('\u2029') ? splitAt(text, PARAGRAPH_BREAK) : splitAt(text, LINE_BREAK);
}
