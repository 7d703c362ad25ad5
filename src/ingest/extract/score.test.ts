import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageCounts, shingleScore, shingles } from './score.ts';

test('shingles are lowercased 4-word windows, and a short text is one shingle', () => {
  assert.deepEqual([...shingles('The cat sat on the mat.').keys()], ['the cat sat on', 'cat sat on the', 'sat on the mat']);
  assert.deepEqual([...shingles('Only three words').entries()], [['only three words', 1]]);
  assert.equal(shingles('').size, 0);
  // words in any script count; punctuation does not
  assert.deepEqual([...shingles('Мост — через «Сиверку» закрыт').keys()], ['мост через сиверку закрыт']);
});

test('identical texts score 1, disjoint texts 0', () => {
  const text = 'one two three four five six seven';
  assert.deepEqual(shingleScore([[text, text]]), { precision: 1, recall: 1, f1: 1, pages: 1 });
  const none = shingleScore([[text, 'alpha beta gamma delta epsilon']]);
  assert.equal(none.precision, 0);
  assert.equal(none.recall, 0);
  assert.equal(none.f1, 0);
});

test('extra text lowers precision only, missing text lowers recall only', () => {
  const expected = 'a b c d e f g h';
  // 5 expected shingles; extraction adds 4 words → 9 shingles, of which 5 match
  const extra = pageCounts(expected, 'a b c d e f g h i j k l');
  assert.deepEqual(extra, { tp: 5 / 9, fp: 4 / 9, fn: 0 });
  const s = shingleScore([[expected, 'a b c d e f g h i j k l']]);
  assert.equal(s.recall, 1);
  assert.ok(Math.abs(s.precision - 5 / 9) < 1e-12);
  const missing = shingleScore([[expected, 'a b c d e']]);
  assert.equal(missing.precision, 1);
  assert.ok(Math.abs(missing.recall - 2 / 5) < 1e-12);
});

test('pages are averaged with equal weight, and F1 is the harmonic mean of mean P and mean R', () => {
  const long = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
  const s = shingleScore([
    [long, long],
    ['a b c d e f g h', 'a b c d e'],
  ]);
  const p = 1;
  const r = (1 + 2 / 5) / 2;
  assert.ok(Math.abs(s.recall - r) < 1e-12, 'a short page weighs as much as a long one');
  assert.ok(Math.abs(s.f1 - (2 * p * r) / (p + r)) < 1e-12);
});

test('an empty extraction counts for recall (0) but not for precision; empty against empty counts for neither', () => {
  const s = shingleScore([
    ['a b c d e f', ''],
    ['a b c d e f', 'a b c d e f'],
    ['', ''],
  ]);
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 0.5);
  assert.equal(s.pages, 3);
});

test('repeated shingles are counted as a multiset', () => {
  const counts = pageCounts('x y z w x y z w', 'x y z w');
  // expected: xyzw ×2, yzwx, zwxy, wxyz; extracted: xyzw ×1
  assert.deepEqual(counts, { tp: 1 / 5, fp: 0, fn: 4 / 5 });
});
