import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedCalibrationError, fitPlatt, fitTemperature } from './calibration.ts';
import { seededRandom } from './random.ts';

test('Platt scaling recovers the slope and offset that generated the labels', () => {
  const random = seededRandom(3);
  const scores: number[] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < 20000; i++) {
    const z = random() * 8 - 4;
    scores.push(z);
    labels.push(random() < 1 / (1 + Math.exp(-(0.5 * z - 1))));
  }
  const { a, b } = fitPlatt(scores, labels);
  assert.ok(Math.abs(a - 0.5) < 0.05, `a = ${a}`);
  assert.ok(Math.abs(b + 1) < 0.08, `b = ${b}`);
});

test('Platt scaling stays finite on separable and huge scores', () => {
  const scores = [-500, -300, -200, 200, 300, 900];
  const labels = [false, false, false, true, true, true];
  const { a, b } = fitPlatt(scores, labels);
  assert.ok(Number.isFinite(a) && Number.isFinite(b));
  assert.ok(1 / (1 + Math.exp(-(a * 300 + b))) > 0.5);
});

test('temperature scaling softens an overconfident softmax', () => {
  const random = seededRandom(5);
  const logits: Float64Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const y = Math.floor(random() * 3);
    // right 60% of the time, but with logits that claim near certainty
    const predicted = random() < 0.6 ? y : (y + 1) % 3;
    const z = new Float64Array(3);
    z[predicted] = 10;
    logits.push(z);
    labels.push(y);
  }
  const t = fitTemperature(logits, labels);
  assert.ok(t > 3, `temperature ${t}`);
});

test('expected calibration error is zero when confidence matches accuracy', () => {
  assert.equal(expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [true, true, true, false]), 0);
  assert.ok(Math.abs(expectedCalibrationError([0.95, 0.95], [false, false]) - 0.95) < 1e-12);
});
