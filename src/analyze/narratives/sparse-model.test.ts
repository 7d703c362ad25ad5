import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logits, type LinearWeights } from '../../learn/linear.ts';
import { SparseLinear, packSparse, quantizeWeights } from './sparse-model.ts';

function dense(K: number, F: number, set: [number, number, number][], bias: number[]): LinearWeights {
  const weights = new Float32Array(F * K);
  for (const [f, k, w] of set) weights[f * K + k] = w;
  return { weights, bias: Float32Array.from(bias), classes: K, features: F, multiLabel: true };
}

test('packed heads score like the dense models once quantised, and keep only features with a weight', () => {
  const a = dense(3, 5, [[0, 1, 0.5], [2, 0, -1.25], [2, 2, 2], [4, 1, 0.001]], [0.1, -0.2, 0.3]);
  const b = dense(2, 5, [[3, 0, 0.75], [2, 1, -0.5]], [0, 1]);
  quantizeWeights(a);
  quantizeWeights(b);
  assert.equal(a.weights[4 * 3 + 1], 0, 'a weight under half a quantisation step is dropped');
  assert.ok(Math.abs(a.weights[0 * 3 + 1]! - 0.5) <= 0.5 / 31 / 2 + 1e-7);
  const stored = JSON.parse(JSON.stringify(packSparse([{ model: a, classes: ['x', 'y', 'z'] }, { model: b, classes: ['p', 'q'] }], ['f0', 'f1', 'f2', 'f3', 'f4'])));
  assert.deepEqual(stored.features, ['f0', 'f2', 'f3']);
  const ha = new SparseLinear(stored.features, stored.heads[0]);
  const hb = new SparseLinear(stored.features, stored.heads[1]);
  assert.equal(ha.size, 3);
  assert.equal(hb.size, 2);
  // stored feature i is dense feature [0, 2, 3][i]
  const x = { idx: Int32Array.from([0, 1, 2]), val: Float32Array.from([1, 2, 3]) };
  const dx = { idx: Int32Array.from([0, 2, 3]), val: Float32Array.from([1, 2, 3]) };
  for (const [head, model] of [[ha, a], [hb, b]] as const) {
    const got = head.logits(x);
    const want = logits(model, dx);
    for (let k = 0; k < model.classes; k++) assert.ok(Math.abs(got[k]! - want[k]!) < 1e-5, `class ${k}: ${got[k]} vs ${want[k]}`);
    assert.ok(/^[A-Za-z0-9-]*$/.test(stored.heads[0].weights));
  }
  assert.ok(Math.abs(ha.weightOf(1, 2) - 2) < 1e-6);
  assert.equal(ha.weightOf(1, 1), 0);
});

test('quantisation keeps every weight within half a step of its class scale', () => {
  const m = dense(2, 3, [[0, 0, 1], [1, 0, 0.3333], [2, 1, -4], [0, 1, 0.01]], [0, 0]);
  const before = Float32Array.from(m.weights);
  quantizeWeights(m);
  const step = [1 / 31, 4 / 31];
  for (let i = 0; i < before.length; i++) assert.ok(Math.abs(m.weights[i]! - before[i]!) <= step[i % 2]! / 2 + 1e-7, `${i}`);
});
