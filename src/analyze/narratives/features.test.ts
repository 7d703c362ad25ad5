import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BagSink } from '../../learn/features.ts';
import { tokenize } from '../../text/tokenize.ts';
import { emitArticleFeatures, finishVector } from './features.ts';

function bag(text: string, language: string) {
  const sink = new BagSink();
  emitArticleFeatures(text, tokenize(text), language, sink);
  return sink.bag;
}

test('words, word pairs within a sentence, title words and the language', () => {
  const b = bag('Sanctions backfire\nThe sanctions hurt Europe. Europe pays 100 euros.', 'en');
  assert.equal(b.get('w=sanctions'), 2);
  assert.equal(b.get('t=sanctions'), 1);
  assert.equal(b.get('t=europe'), undefined);
  assert.equal(b.get('b=sanctions hurt'), 1);
  assert.equal(b.get('b=europe europe'), undefined, 'no pair across a full stop');
  assert.equal(b.get('w=<num>'), 1);
  assert.equal(b.get('lang=en'), 1);
  assert.equal([...b.keys()].some((k) => k.startsWith('c=') || k.startsWith('st=')), false, 'no sub-word features for English');
});

test('inflecting languages also get word beginnings and character 4-grams', () => {
  const b = bag('Санкциями Запада', 'ru');
  assert.equal(b.get('st=санкц'), 1);
  assert.equal(b.get('c=<сан'), 1);
  assert.equal(b.get('c=ями>'), 1);
});

test('finishVector: log counts, unit length, the language feature left at 1', () => {
  const x = finishVector({ idx: Int32Array.from([0, 1, 2]), val: Float32Array.from([3, 1, 1]) }, 2);
  assert.ok(Math.abs(x.val[0]! ** 2 + x.val[1]! ** 2 - 1) < 1e-6);
  assert.ok(x.val[0]! > x.val[1]!);
  assert.equal(x.val[2], 1);
});
