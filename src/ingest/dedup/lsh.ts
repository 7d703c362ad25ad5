/**
 * Banded LSH over MinHash signatures: the first bands × rows slots of a
 * signature are cut into `bands` bands of `rows` slots and two documents become candidates when any band matches
 * exactly, which happens with probability 1 − (1 − J^rows)^bands. Buckets map
 * a 30-bit band hash (a V8 small integer, the compact kind of Map key) to one
 * document or a list.
 */
import { fmix32 } from './shingles.ts';

export class LshIndex {
  private readonly buckets: Map<number, number | number[]>[];
  private stamp = new Int32Array(1024);
  private query = 0;

  constructor(
    readonly bands: number,
    readonly rows: number,
  ) {
    this.buckets = Array.from({ length: bands }, () => new Map());
  }

  private key(sig: Uint32Array, offset: number, band: number): number {
    let h = Math.imul(band + 1, 0x9e3779b1);
    const start = offset + band * this.rows;
    for (let j = 0; j < this.rows; j++) {
      h = Math.imul(h ^ sig[start + j]!, 0x85ebca6b);
      h = (h << 13) | (h >>> 19);
    }
    return fmix32(h) >>> 2;
  }

  add(doc: number, sig: Uint32Array, offset = 0): void {
    for (let b = 0; b < this.bands; b++) {
      const bucket = this.buckets[b]!;
      const k = this.key(sig, offset, b);
      const existing = bucket.get(k);
      if (existing === undefined) bucket.set(k, doc);
      else if (typeof existing === 'number') bucket.set(k, [existing, doc]);
      else existing.push(doc);
    }
  }

  /** Documents sharing at least one band with `sig`, each once. */
  candidates(sig: Uint32Array, offset = 0): number[] {
    const out: number[] = [];
    const q = ++this.query;
    const visit = (doc: number) => {
      if (doc >= this.stamp.length) {
        const grown = new Int32Array(Math.max(doc + 1, this.stamp.length * 2));
        grown.set(this.stamp);
        this.stamp = grown;
      }
      if (this.stamp[doc] === q) return;
      this.stamp[doc] = q;
      out.push(doc);
    };
    for (let b = 0; b < this.bands; b++) {
      const found = this.buckets[b]!.get(this.key(sig, offset, b));
      if (found === undefined) continue;
      if (typeof found === 'number') visit(found);
      else for (const doc of found) visit(doc);
    }
    return out;
  }
}
