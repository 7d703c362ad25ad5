/**
 * Linear models stored sparse: after pruning, most of a narrative or role
 * model's weights are zero, and a dense feature × class matrix would take
 * tens of megabytes. Stored are the names of the features with a weight
 * left (once, for all the heads that share them: the role models' main-role
 * softmax and fine-role sigmoids read the same features) and, per head and
 * feature, the classes it weighs on, each weight quantised to one of 63
 * levels (−31…31 times a scale per class) and written as one character, so
 * that gzip sees one symbol per weight (base64 of bytes compressed a third
 * worse). Training quantises the same way (`quantizeWeights`), so
 * cross-validation measures the model that ships; 63 levels cost no F1 there
 * against 255. In memory a head stays sparse (rows by feature), which also
 * makes scoring faster.
 */
import type { SparseVector } from '../../learn/features.ts';
import type { LinearWeights } from '../../learn/linear.ts';

export interface StoredSparseHead {
  classes: string[];
  bias: number[];
  /** Per class: weight = level × scale. */
  scale: number[];
  /** base64 of Uint8Array: how many classes each feature weighs on (features in the stored order). */
  counts: string;
  /** base64 of Uint8Array: the class of each weight, feature by feature. */
  classIndex: string;
  /** The weights in the same order, one character of SYMBOLS per weight (level + 31). */
  weights: string;
}

export interface StoredSparseLinear {
  /** Names of the features with at least one weight in some head. */
  features: string[];
  heads: StoredSparseHead[];
}

const LEVELS = 31;
const SYMBOLS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-';
const LEVEL_OF = new Map([...SYMBOLS].map((c, i) => [c, i - LEVELS]));
const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function classScales(model: LinearWeights): number[] {
  const K = model.classes;
  const scale = new Array<number>(K).fill(0);
  for (let i = 0; i < model.weights.length; i++) scale[i % K] = Math.max(scale[i % K]!, Math.abs(model.weights[i]!));
  return scale.map((s) => s / LEVELS || 1);
}

/** Rounds every weight to its class's grid of levels, in place, as packing will. */
export function quantizeWeights(model: LinearWeights): void {
  const K = model.classes;
  const scale = classScales(model);
  for (let i = 0; i < model.weights.length; i++) model.weights[i] = Math.round(model.weights[i]! / scale[i % K]!) * scale[i % K]!;
}

/** Packs heads over one feature vocabulary (`featureNames`, the models' columns). */
export function packSparse(heads: readonly { model: LinearWeights; classes: string[] }[], featureNames: readonly string[]): StoredSparseLinear {
  for (const h of heads) {
    if (h.model.classes > 255) throw new RangeError(`a sparse model holds at most 255 classes, not ${h.model.classes}`);
    if (h.model.features !== featureNames.length) throw new RangeError(`a head has ${h.model.features} features for ${featureNames.length} names`);
  }
  const scales = heads.map((h) => classScales(h.model));
  const q = (h: number, f: number, k: number) => Math.round(heads[h]!.model.weights[f * heads[h]!.model.classes + k]! / scales[h]![k]!);
  const kept: number[] = [];
  for (let f = 0; f < featureNames.length; f++) {
    let any = false;
    for (let i = 0; i < heads.length && !any; i++) for (let k = 0; k < heads[i]!.model.classes && !any; k++) any = q(i, f, k) !== 0;
    if (any) kept.push(f);
  }
  return {
    features: kept.map((f) => featureNames[f]!),
    heads: heads.map((h, i) => {
      const counts: number[] = [];
      const classIndex: number[] = [];
      const weights: number[] = [];
      for (const f of kept) {
        let n = 0;
        for (let k = 0; k < h.model.classes; k++) {
          const v = q(i, f, k);
          if (v === 0) continue;
          classIndex.push(k);
          weights.push(v);
          n++;
        }
        counts.push(n);
      }
      return {
        classes: h.classes,
        bias: Array.from(h.model.bias),
        scale: scales[i]!,
        counts: b64(Uint8Array.from(counts)),
        classIndex: b64(Uint8Array.from(classIndex)),
        weights: weights.map((v) => SYMBOLS[v + LEVELS]).join(''),
      };
    }),
  };
}

function bytesOf(s: string): Uint8Array {
  const bytes = Buffer.from(s, 'base64');
  // copied, so that views of other widths are aligned whatever Buffer's pool offset is
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** One head in memory: row `f` holds the classes feature `f` weighs on. */
export class SparseLinear {
  readonly classes: string[];
  readonly features: readonly string[];
  readonly bias: Float64Array;
  /** Row starts: the weights of feature f are at [rowStart[f], rowStart[f + 1]). */
  readonly rowStart: Int32Array;
  readonly classOf: Uint8Array;
  readonly weight: Float32Array;

  constructor(features: readonly string[], stored: StoredSparseHead) {
    this.classes = stored.classes;
    this.features = features;
    this.bias = Float64Array.from(stored.bias);
    const counts = bytesOf(stored.counts);
    if (counts.length !== features.length) throw new Error(`sparse model: ${counts.length} rows for ${features.length} features`);
    this.classOf = bytesOf(stored.classIndex);
    const q = stored.weights;
    if (q.length !== this.classOf.length) throw new Error(`sparse model: ${q.length} weights for ${this.classOf.length} class indices`);
    this.weight = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) {
      const level = LEVEL_OF.get(q[i]!);
      if (level === undefined) throw new Error(`sparse model: '${q[i]}' is not a weight symbol`);
      this.weight[i] = level * stored.scale[this.classOf[i]!]!;
    }
    this.rowStart = new Int32Array(counts.length + 1);
    for (let f = 0; f < counts.length; f++) this.rowStart[f + 1] = this.rowStart[f]! + counts[f]!;
    if (this.rowStart[counts.length] !== q.length) throw new Error('sparse model: row counts do not add up to the weights');
  }

  /** Logits of every class for `x` (indices into `features`), written into `out` when given. */
  logits(x: SparseVector, out: Float64Array = new Float64Array(this.classes.length)): Float64Array {
    out.set(this.bias);
    for (let i = 0; i < x.idx.length; i++) {
      const f = x.idx[i]!;
      const v = x.val[i]!;
      for (let j = this.rowStart[f]!, end = this.rowStart[f + 1]!; j < end; j++) out[this.classOf[j]!] = out[this.classOf[j]!]! + this.weight[j]! * v;
    }
    return out;
  }

  /** The weight of feature `f` on class `k` (0 when pruned). */
  weightOf(f: number, k: number): number {
    for (let j = this.rowStart[f]!, end = this.rowStart[f + 1]!; j < end; j++) if (this.classOf[j] === k) return this.weight[j]!;
    return 0;
  }

  /** Number of stored weights. */
  get size(): number {
    return this.weight.length;
  }
}
