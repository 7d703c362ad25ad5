import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codePointLength, offsetMap } from './offsets.ts';

test('text without astral characters maps offsets to themselves', () => {
  const map = offsetMap('plain text, café — “quotes”');
  assert.equal(map.identity, true);
  assert.equal(map.toCodePoint(5), 5);
  assert.equal(map.toUtf16(27), 27);
  assert.equal(map.codePointLength, 27);
});

test('emoji count as one code point but two UTF-16 units', () => {
  const text = 'a😀b🇺🇦c';
  const map = offsetMap(text);
  assert.equal(map.identity, false);
  assert.equal(map.codePointLength, Array.from(text).length);
  assert.equal(map.toCodePoint(text.indexOf('b')), 2);
  assert.equal(map.toCodePoint(text.indexOf('c')), 5);
  assert.equal(map.toUtf16(2), text.indexOf('b'));
  assert.equal(map.toUtf16(map.codePointLength), text.length);
});

test('every code point offset round-trips, and agrees with Array.from', () => {
  const text = '\uFEFFHead 𝒳 line\r\nnext 👩‍👩‍👧 end\u{10FFFF}';
  const map = offsetMap(text);
  const points = Array.from(text);
  let u = 0;
  for (let cp = 0; cp <= points.length; cp++) {
    assert.equal(map.toUtf16(cp), u, `code point ${cp}`);
    assert.equal(map.toCodePoint(u), cp);
    u += points[cp]?.length ?? 0;
  }
});

test('a leading BOM is character 0', () => {
  const map = offsetMap('\uFEFF😀x');
  assert.equal(map.toCodePoint(3), 2);
  assert.equal(map.toUtf16(1), 1);
});

test('an offset inside a surrogate pair or outside the text is refused', () => {
  const map = offsetMap('😀');
  assert.throws(() => map.toCodePoint(1), /inside a surrogate pair/);
  assert.throws(() => map.toCodePoint(3), RangeError);
  assert.throws(() => map.toUtf16(2), RangeError);
  assert.throws(() => offsetMap('abc').toUtf16(-1), RangeError);
});

test('a lone surrogate counts as one code point', () => {
  assert.equal(codePointLength('a\uD800b'), 3);
  assert.equal(codePointLength('a\uDC00\uD83D\uDE00'), 3);
});
