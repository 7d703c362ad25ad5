import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BagSink, FeatureIndex, VectorSink, Vocabulary, type FeatureSink } from './features.ts';

const extract = (sink: FeatureSink) => {
  sink.set('w', 'putin');
  sink.set('w', 'putin', 2); // set again: the last value wins
  sink.add('lex', 'negative (VADER)');
  sink.add('lex', 'negative (VADER)'); // add again: values sum
  sink.set('b', 'the west');
  sink.set('flag', 'inside quotes');
  sink.set('w', 'unknown-word');
};

test('a vector written through the sink equals the vectorised bag', () => {
  const bag = new BagSink();
  extract(bag);
  assert.deepEqual(Object.fromEntries(bag.bag), { 'w=putin': 2, 'lex=negative (VADER)': 2, 'b=the west': 1, 'flag=inside quotes': 1, 'w=unknown-word': 1 });
  const vocab = Vocabulary.from(['b=the west', 'flag=inside quotes', 'lex=negative (VADER)', 'w=putin', 'w=russia']);
  const fromBag = vocab.vectorize(bag.bag);
  const sink = new VectorSink(new FeatureIndex(vocab));
  sink.reset();
  extract(sink);
  const fromSink = sink.vector();
  const asMap = (v: { idx: Int32Array; val: Float32Array }) => new Map(Array.from(v.idx, (id, i) => [id, v.val[i]]));
  assert.deepEqual(asMap(fromSink), asMap(fromBag));
  assert.equal(fromSink.idx.length, 4, 'unknown names are dropped');
  sink.reset();
  sink.set('w', 'russia');
  assert.deepEqual(Array.from(sink.vector().idx), [vocab.get('w=russia')]);
});

test('vocabulary from counts keeps names seen often enough, in sorted order', () => {
  const bags = [new Map([['b', 1], ['a', 1]]), new Map([['a', 1], ['c', 1]])];
  assert.deepEqual(Vocabulary.fromCounts(bags, 2).names, ['a']);
  assert.deepEqual(Vocabulary.fromCounts(bags, 1).names, ['a', 'b', 'c']);
});
