/**
 * Splits a text into consecutive, non-overlapping segments at every span
 * boundary, so that overlapping and nested highlights can be drawn as a flat
 * run of pieces, each knowing which spans cover it.
 *
 * Offsets are UTF-16 indices (what the renderers slice with).
 */

export interface Segment {
  start: number;
  end: number;
  /** Indices into the `spans` argument of the spans covering the whole segment, ascending. */
  active: number[];
}

interface Event {
  pos: number;
  /** +1 opens span `index`, -1 closes it. */
  delta: 1 | -1;
  index: number;
}

/**
 * Segments covering `[0, text.length)` exactly, in order, with no gaps and no
 * empty segments. Spans are clamped to the text; empty or inverted spans
 * cover nothing. O((n + k) log k) for k spans, plus the size of the output.
 */
export function segmentText(text: string, spans: readonly { start: number; end: number }[]): Segment[] {
  const n = text.length;
  if (n === 0) return [];
  const events: Event[] = [];
  spans.forEach((span, index) => {
    const start = clamp(span.start, n);
    const end = clamp(span.end, n);
    if (!(start < end)) return;
    events.push({ pos: start, delta: 1, index }, { pos: end, delta: -1, index });
  });
  events.sort((a, b) => a.pos - b.pos);

  const active = new Set<number>();
  const out: Segment[] = [];
  let e = 0;
  let pos = 0;
  while (pos < n) {
    while (e < events.length && events[e]!.pos <= pos) {
      const ev = events[e++]!;
      if (ev.delta === 1) active.add(ev.index);
      else active.delete(ev.index);
    }
    const next = e < events.length ? events[e]!.pos : n;
    out.push({ start: pos, end: next, active: [...active].sort((a, b) => a - b) });
    pos = next;
  }
  return out;
}

function clamp(offset: number, n: number): number {
  if (Number.isNaN(offset)) return 0;
  return Math.min(Math.max(Math.trunc(offset), 0), n);
}
