import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BagSink, type FeatureSink } from './features.ts';
import { HashedSink, hashBag, hashName } from './hashing.ts';

const extract = (sink: FeatureSink) => {
  sink.set('w', 'putin');
  sink.set('w', 'putin', 3); // the same name again: last value wins
  sink.add('lex', 'negative');
  sink.add('lex', 'negative'); // added twice: 2
  sink.pair('bigram', 'the', 'west');
  sink.set('flag', 'inside quotes');
};

const asMap = (v: { idx: Int32Array; val: Float32Array }) => new Map(Array.from(v.idx, (c, i) => [c, v.val[i]]));

test('a hashed sink writes the vector that hashing the training bag gives', () => {
  for (const bits of [4, 20]) {
    const bag = new BagSink();
    extract(bag);
    const sink = new HashedSink(bits);
    sink.reset();
    extract(sink);
    assert.deepEqual(asMap(sink.vector()), asMap(hashBag(bag.bag, bits)), `bits ${bits}`);
  }
});

test('names hash into the column range, pairs as their joined name', () => {
  const sink = new HashedSink(20);
  sink.reset();
  sink.pair('b', 'the', 'west');
  assert.deepEqual(Array.from(sink.vector().idx), [hashName('b=the west', 20)]);
  for (const name of ['w=a', 'w=b', 'lex=very long class name (VADER)']) {
    const c = hashName(name, 8);
    assert.ok(c >= 0 && c < 256);
  }
  assert.notEqual(hashName('w=a', 20), hashName('w=b', 20));
});

test('two names in one column add up, as in training', () => {
  // with 1 bit there are two columns, so 3 names must share one
  const bag = new BagSink();
  for (const w of ['a', 'b', 'c']) bag.set('w', w);
  const sink = new HashedSink(1);
  sink.reset();
  for (const w of ['a', 'b', 'c']) sink.set('w', w);
  const total = Array.from(sink.vector().val).reduce((x, y) => x + y, 0);
  assert.equal(total, 3);
  assert.deepEqual(asMap(sink.vector()), asMap(hashBag(bag.bag, 1)));
});
