/**
 * Spans over an article's text: from the analysis' code-point offsets to
 * JavaScript string indices, and from overlapping spans to the flat
 * segments a renderer draws (each with every span that covers it).
 */
import { offsetMap } from '../../../src/text/offsets.ts';

export interface Range {
  start: number;
  end: number;
}

export interface Converted<T> {
  /** The spans with `start`/`end` in UTF-16 indices, sorted by start (longer first). */
  spans: (T & Range)[];
  /** Spans whose offsets were not valid for the text (left out, but counted so the page can say so). */
  dropped: number;
}

/**
 * Converts code-point spans to UTF-16 spans. Invalid spans (non-integer,
 * empty, reversed, past the end) are dropped: analysis data is untrusted
 * input, and a bad offset must not break the page.
 */
export function toUtf16<T extends Range>(text: string, spans: readonly T[]): Converted<T> {
  const map = offsetMap(text);
  const out: (T & Range)[] = [];
  let dropped = 0;
  for (const s of spans) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.start >= s.end || s.end > map.codePointLength) {
      dropped++;
      continue;
    }
    out.push({ ...s, start: map.toUtf16(s.start), end: map.toUtf16(s.end) });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return { spans: out, dropped };
}

/** The text between two code-point offsets (clamped to the text). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const map = offsetMap(text);
  const s = Math.max(0, Math.min(map.codePointLength, Math.trunc(start)));
  const e = Math.max(s, Math.min(map.codePointLength, Math.trunc(end)));
  return text.slice(map.toUtf16(s), map.toUtf16(e));
}

export interface Segment {
  start: number;
  end: number;
  /** Indices (into the span list) of the spans covering the segment, in span order. */
  active: number[];
}

/**
 * Cuts `[0, length)` at every span boundary. Consecutive segments never
 * share the same set of spans, so a highlight is one element for as long
 * as the same techniques apply. Spans must be sorted by start.
 */
export function segments(length: number, spans: readonly Range[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= length).sort((a, b) => a - b);
  const out: Segment[] = [];
  let next = 0;
  let active: number[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    active = active.filter((k) => spans[k]!.end > start);
    while (next < spans.length && spans[next]!.start <= start) {
      if (spans[next]!.end > start) active.push(next);
      next++;
    }
    active.sort((a, b) => a - b);
    out.push({ start, end, active: [...active] });
  }
  return out;
}
