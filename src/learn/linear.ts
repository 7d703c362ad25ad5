/**
 * Linear models over sparse features: softmax for one label per example
 * (technique of a span), independent sigmoids for several (techniques of a
 * paragraph) or one yes/no decision (is this token propaganda?).
 *
 * Trained with AdaGrad and L2 on the weights an example touches, examples in
 * a seeded order, so a seed gives the same model every time. Small, fast on
 * a CPU, and every score decomposes into per-feature contributions, which is
 * what the evidence shown to users is made of.
 */
import type { SparseVector } from './features.ts';
import { seededRandom, shuffled } from './random.ts';

export interface LinearWeights {
  /** Row-major: weights[feature * classes + class]. */
  weights: Float32Array;
  bias: Float32Array;
  classes: number;
  features: number;
  /** Sigmoid per class (multi-label, binary) rather than softmax over classes. */
  multiLabel: boolean;
}

export interface Example {
  x: SparseVector;
  /** Class index (softmax), or the indices of the positive classes (sigmoid). */
  y: number | readonly number[];
  weight?: number;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Multiplies the loss of positive examples of each class (sigmoid models), for rare classes. */
  positiveWeight?: readonly number[];
}

export function trainLinear(examples: readonly Example[], features: number, classes: number, multiLabel: boolean, options: TrainOptions = {}): LinearWeights {
  const epochs = options.epochs ?? 12;
  const lr = options.learningRate ?? 0.2;
  const l2 = options.l2 ?? 1e-6;
  const random = seededRandom(options.seed ?? 1);
  const K = classes;
  const weights = new Float32Array(features * K);
  const bias = new Float32Array(K);
  const g2 = new Float32Array(features * K).fill(1e-6);
  const b2 = new Float32Array(K).fill(1e-6);
  const z = new Float64Array(K);
  const grad = new Float64Array(K);
  const target = new Float64Array(K);
  let order = examples.slice();
  for (let epoch = 0; epoch < epochs; epoch++) {
    order = shuffled(order, random);
    for (const ex of order) {
      const { idx, val } = ex.x;
      const w = ex.weight ?? 1;
      scoreInto(weights, bias, K, ex.x, z);
      target.fill(0);
      if (typeof ex.y === 'number') target[ex.y] = 1;
      else for (const c of ex.y) target[c] = 1;
      if (multiLabel) {
        for (let k = 0; k < K; k++) {
          const p = 1 / (1 + Math.exp(-z[k]!));
          const pw = target[k] === 1 ? (options.positiveWeight?.[k] ?? 1) : 1;
          grad[k] = (p - target[k]!) * w * pw;
        }
      } else {
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
        let sum = 0;
        for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k]! - max));
        for (let k = 0; k < K; k++) grad[k] = (z[k]! / sum - target[k]!) * w;
      }
      for (let k = 0; k < K; k++) {
        const g = grad[k]!;
        b2[k] = b2[k]! + g * g;
        bias[k] = bias[k]! - (lr * g) / Math.sqrt(b2[k]!);
      }
      for (let i = 0; i < idx.length; i++) {
        const base = idx[i]! * K;
        const x = val[i]!;
        for (let k = 0; k < K; k++) {
          const j = base + k;
          const g = grad[k]! * x + l2 * weights[j]!;
          if (g === 0) continue;
          g2[j] = g2[j]! + g * g;
          weights[j] = weights[j]! - (lr * g) / Math.sqrt(g2[j]!);
        }
      }
    }
  }
  return { weights, bias, classes: K, features, multiLabel };
}

function scoreInto(weights: Float32Array, bias: Float32Array, K: number, x: SparseVector, out: Float64Array): void {
  for (let k = 0; k < K; k++) out[k] = bias[k]!;
  const { idx, val } = x;
  for (let i = 0; i < idx.length; i++) {
    const base = idx[i]! * K;
    const v = val[i]!;
    for (let k = 0; k < K; k++) out[k] = out[k]! + weights[base + k]! * v;
  }
}

/** Raw scores (logits) of every class, written into `out` (reused by callers that score every token). */
export function logitsInto(model: LinearWeights, x: SparseVector, out: Float64Array): Float64Array {
  scoreInto(model.weights, model.bias, model.classes, x, out);
  return out;
}

/** Raw scores (logits) of every class. */
export function logits(model: LinearWeights, x: SparseVector): Float64Array {
  const out = new Float64Array(model.classes);
  scoreInto(model.weights, model.bias, model.classes, x, out);
  return out;
}

export function softmax(z: ArrayLike<number>, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) max = Math.max(max, z[k]! / temperature);
  const out = new Float64Array(z.length);
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += (out[k] = Math.exp(z[k]! / temperature - max));
  for (let k = 0; k < z.length; k++) out[k] = out[k]! / sum;
  return out;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The features that pushed class `k` up the most for `x`: [feature index, contribution]. */
export function topContributions(model: LinearWeights, x: SparseVector, k: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < x.idx.length; i++) {
    const c = model.weights[x.idx[i]! * model.classes + k]! * x.val[i]!;
    if (c > 0) out.push([x.idx[i]!, c]);
  }
  return out.sort((a, b) => b[1] - a[1]).slice(0, n);
}
