/**
 * Calibration, so that a score of 0.8 means right about 80% of the time.
 * Fitted on out-of-fold scores from cross-validation, never on the examples
 * a model was trained on (those scores are overconfident).
 */
import { softmax } from './linear.ts';

/** Temperature for softmax logits, by golden-section search on the negative log-likelihood. */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  const nll = (t: number) => {
    let loss = 0;
    for (let i = 0; i < logits.length; i++) loss -= Math.log(Math.max(softmax(logits[i]!, t)[labels[i]!]!, 1e-12));
    return loss;
  };
  return goldenSection(nll, 0.05, 20);
}

/**
 * Platt scaling p = σ(a·z + b) for one sigmoid output: Newton's method on the
 * log-loss with Platt's smoothed targets, halving a step until the loss goes
 * down, so that large or separable scores cannot make it diverge.
 */
export function fitPlatt(scores: readonly number[], labels: readonly boolean[]): { a: number; b: number } {
  const pos = labels.filter(Boolean).length;
  const neg = labels.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const loss = (a: number, b: number) => {
    let l = 0;
    for (let i = 0; i < scores.length; i++) {
      const z = a * scores[i]! + b;
      const t = labels[i] ? hi : lo;
      // log(1 + e^z) - t·z, computed without overflow
      l += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    }
    return l;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0, g2 = 0, h11 = 1e-9, h12 = 0, h22 = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const z = scores[i]!;
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const d = p - (labels[i] ? hi : lo);
      const w = Math.max(p * (1 - p), 1e-12);
      g1 += d * z;
      g2 += d;
      h11 += w * z * z;
      h12 += w * z;
      h22 += w;
    }
    const det = h11 * h22 - h12 * h12;
    if (!(Math.abs(det) > 1e-15)) break;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (!(next <= current) && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (!(next <= current)) break;
    a -= step * da;
    b -= step * db;
    const improved = current - next;
    current = next;
    if (improved < 1e-10 * Math.max(1, Math.abs(current))) break;
  }
  return { a, b };
}

function goldenSection(f: (x: number) => number, lo: number, hi: number): number {
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(lo);
  let b = Math.log(hi);
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  for (let i = 0; i < 60; i++) {
    if (f(Math.exp(c)) < f(Math.exp(d))) b = d;
    else a = c;
    c = b - phi * (b - a);
    d = a + phi * (b - a);
  }
  return Math.exp((a + b) / 2);
}

/** Expected calibration error over `bins` equal-width confidence bins. */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[], bins = 10): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const acc = new Array<number>(bins).fill(0);
  confidences.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b] = count[b]! + 1;
    conf[b] = conf[b]! + c;
    acc[b] = acc[b]! + (correct[i] ? 1 : 0);
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += (count[b]! / confidences.length) * Math.abs(acc[b]! / count[b]! - conf[b]! / count[b]!);
  return ece;
}
