/**
 * Model files: gzip'd JSON with the model's name and version, what it was
 * trained on, its metrics, its feature names, and its weights quantised to
 * 16-bit integers with one scale per class (relative error under 1e-4,
 * half the size of float32).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { LinearWeights } from './linear.ts';

export interface StoredLinear {
  classes: string[];
  features: string[];
  multiLabel: boolean;
  scale: number[];
  /** base64 of Int16Array, row-major feature × class. */
  weights: string;
  bias: number[];
}

export function packLinear(model: LinearWeights, classes: string[], features: string[]): StoredLinear {
  const K = model.classes;
  const scale = new Array<number>(K).fill(0);
  for (let i = 0; i < model.weights.length; i++) {
    const k = i % K;
    scale[k] = Math.max(scale[k]!, Math.abs(model.weights[i]!));
  }
  for (let k = 0; k < K; k++) scale[k] = scale[k]! / 32767 || 1;
  const q = new Int16Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(model.weights[i]! / scale[i % K]!);
  return {
    classes,
    features,
    multiLabel: model.multiLabel,
    scale,
    weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
    bias: Array.from(model.bias),
  };
}

export function unpackLinear(stored: StoredLinear): LinearWeights {
  const K = stored.classes.length;
  const bytes = Buffer.from(stored.weights, 'base64');
  const q = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  if (q.length !== stored.features.length * K) throw new Error(`model weights have ${q.length} entries, expected ${stored.features.length * K}`);
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i]! * stored.scale[i % K]!;
  return { weights, bias: Float32Array.from(stored.bias), classes: K, features: stored.features.length, multiLabel: stored.multiLabel };
}

/** A model over hashed features: only the columns with a weight are stored. */
export interface StoredHashedLinear {
  bits: number;
  classes: string[];
  multiLabel: boolean;
  /** base64 of Int32Array: the columns stored. */
  columns: string;
  scale: number[];
  /** base64 of Int16Array, column-major by stored column × class. */
  weights: string;
  bias: number[];
}

export function packHashed(model: LinearWeights, classes: string[], bits: number): StoredHashedLinear {
  const K = model.classes;
  const columns: number[] = [];
  for (let f = 0; f < model.features; f++) {
    for (let k = 0; k < K; k++) {
      if (model.weights[f * K + k] !== 0) {
        columns.push(f);
        break;
      }
    }
  }
  const dense = new Float32Array(columns.length * K);
  columns.forEach((f, i) => dense.set(model.weights.subarray(f * K, f * K + K), i * K));
  const packed = packLinear({ ...model, weights: dense, features: columns.length }, classes, []);
  const c = Int32Array.from(columns);
  return {
    bits,
    classes,
    multiLabel: model.multiLabel,
    columns: Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('base64'),
    scale: packed.scale,
    weights: packed.weights,
    bias: packed.bias,
  };
}

export function unpackHashed(stored: StoredHashedLinear): LinearWeights {
  const K = stored.classes.length;
  const bytes = Buffer.from(stored.columns, 'base64');
  const columns = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const rows = unpackLinear({ classes: stored.classes, features: new Array<string>(columns.length), multiLabel: stored.multiLabel, scale: stored.scale, weights: stored.weights, bias: stored.bias });
  const weights = new Float32Array((1 << stored.bits) * K);
  columns.forEach((f, i) => weights.set(rows.weights.subarray(i * K, i * K + K), f * K));
  return { weights, bias: rows.bias, classes: K, features: 1 << stored.bits, multiLabel: stored.multiLabel };
}

export interface ModelFile<T> {
  format: 'spinscope-model/1';
  name: string;
  version: string;
  created: string;
  /** Data, seed, options: enough to train it again. */
  training: Record<string, unknown>;
  metrics: Record<string, unknown>;
  model: T;
}

export function writeModelFile<T>(path: string, file: ModelFile<T>): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, gzipSync(JSON.stringify(file), { level: 9 }));
  renameSync(temp, path);
}

export function readModelFile<T>(path: string): ModelFile<T> {
  let file: ModelFile<T>;
  try {
    file = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as ModelFile<T>;
  } catch (error) {
    throw new Error(`cannot read model ${path}: ${(error as Error).message}`);
  }
  if (file.format !== 'spinscope-model/1') throw new Error(`${path}: not a spinscope model file (format ${String(file.format)})`);
  return file;
}
