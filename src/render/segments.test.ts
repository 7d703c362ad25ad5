import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentText, type Segment } from './segments.ts';

/** The spans covering each UTF-16 index, computed the slow way. */
function bruteForce(n: number, spans: { start: number; end: number }[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    out.push(spans.flatMap((s, k) => (Math.max(0, s.start) <= i && i < Math.min(n, s.end) ? [k] : [])));
  }
  return out;
}

function assertCovers(text: string, segments: Segment[], spans: { start: number; end: number }[]): void {
  let pos = 0;
  for (const seg of segments) {
    assert.equal(seg.start, pos, 'segments are consecutive');
    assert.ok(seg.end > seg.start, 'no empty segment');
    pos = seg.end;
  }
  assert.equal(pos, text.length, 'segments reach the end of the text');
  assert.equal(segments.map((s) => text.slice(s.start, s.end)).join(''), text);
  const expected = bruteForce(text.length, spans);
  for (const seg of segments) {
    for (let i = seg.start; i < seg.end; i++) assert.deepEqual(seg.active, expected[i], `active spans at ${i}`);
  }
}

test('an empty text has no segments', () => {
  assert.deepEqual(segmentText('', [{ start: 0, end: 3 }]), []);
});

test('a text without spans is one segment', () => {
  assert.deepEqual(segmentText('hello', []), [{ start: 0, end: 5, active: [] }]);
});

test('overlapping and nested spans split the text at every boundary', () => {
  const text = 'abcdefghij';
  const spans = [
    { start: 0, end: 5 }, // a..e
    { start: 3, end: 8 }, // d..h, overlaps the first
    { start: 4, end: 6 }, // e..f, nested in both
    { start: 9, end: 20 }, // runs past the end: clamped
    { start: 2, end: 2 }, // empty: covers nothing
    { start: 3, end: 8 }, // the same as the second
  ];
  const segments = segmentText(text, spans);
  assert.deepEqual(segments, [
    { start: 0, end: 3, active: [0] },
    { start: 3, end: 4, active: [0, 1, 5] },
    { start: 4, end: 5, active: [0, 1, 2, 5] },
    { start: 5, end: 6, active: [1, 2, 5] },
    { start: 6, end: 8, active: [1, 5] },
    { start: 8, end: 9, active: [] },
    { start: 9, end: 10, active: [3] },
  ]);
  assertCovers(text, segments, spans);
});

test('spans given in any order still cover the text exactly', () => {
  const text = 'The quick brown 🦊 jumps over the lazy dog.';
  const spans = [
    { start: 20, end: 30 },
    { start: 0, end: text.length },
    { start: 4, end: 9 },
    { start: 16, end: 18 }, // the fox, a surrogate pair
    { start: 4, end: 15 },
    { start: 25, end: 26 },
  ];
  assertCovers(text, segmentText(text, spans), spans);
});

test('random overlapping spans agree with a brute-force cover', () => {
  let seed = 42;
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const n = 1 + random(40);
    const text = 'x'.repeat(n);
    const spans = Array.from({ length: random(12) }, () => {
      const a = random(n + 4) - 2;
      const b = random(n + 4) - 2;
      return { start: Math.min(a, b), end: Math.max(a, b) };
    });
    assertCovers(text, segmentText(text, spans), spans);
  }
});
