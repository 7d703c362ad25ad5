/**
 * Hashed features for the models that score every token. Looking a name up
 * in a vocabulary of a few hundred thousand entries costs several cache
 * misses; hashing `template=key` (FNV-1a over its characters, without
 * building the string) into 2^bits columns costs one. Collisions are rare
 * at these sizes and only blur two features together. The models that
 * explain their decisions keep readable vocabularies instead.
 */
import type { FeatureBag, FeatureSink, SparseVector } from './features.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
/** A second, independent hash tells two names in one bucket apart within an example. */
const CHECK_OFFSET = 0x01000193;
const CHECK_PRIME = 0x5bd1e995;

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

function check(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), CHECK_PRIME);
  return h;
}

/** Column of a feature name `template=key` among 2^bits. */
export function hashName(name: string, bits: number): number {
  return (fnv(FNV_OFFSET, name) >>> 0) & ((1 << bits) - 1);
}

/** A training bag as a hashed vector; names that share a column add up. */
export function hashBag(bag: FeatureBag, bits: number): SparseVector {
  const columns = new Map<number, number>();
  for (const [name, value] of bag) {
    if (value === 0) continue;
    const c = hashName(name, bits);
    columns.set(c, (columns.get(c) ?? 0) + value);
  }
  const idx = Int32Array.from(columns.keys());
  const val = Float32Array.from(columns.values());
  return { idx, val };
}

/** Writes hashed vectors straight from extractor calls, matching `hashBag` of the same names. */
export class HashedSink implements FeatureSink {
  private readonly mask: number;
  private readonly prefixes = new Map<string, [number, number]>();
  // typed arrays reused across examples: allocating per token cost more than hashing its features
  private idx = new Int32Array(64);
  private val = new Float32Array(64);
  /** Name check of each entry, so that setting the same name twice keeps one value. */
  private checks = new Int32Array(64);
  private size = 0;
  private readonly stamp: Int32Array;
  private readonly pos: Int32Array;
  private current = 1;

  constructor(readonly bits: number) {
    this.mask = (1 << bits) - 1;
    this.stamp = new Int32Array(1 << bits);
    this.pos = new Int32Array(1 << bits);
  }

  reset(): void {
    this.size = 0;
    this.current++;
  }

  private prefix(template: string): [number, number] {
    let p = this.prefixes.get(template);
    if (!p) this.prefixes.set(template, (p = [fnv(FNV_OFFSET, `${template}=`), check(CHECK_OFFSET, `${template}=`)]));
    return p;
  }

  private grow(): void {
    const n = this.idx.length * 2;
    const idx = new Int32Array(n);
    idx.set(this.idx);
    const val = new Float32Array(n);
    val.set(this.val);
    const checks = new Int32Array(n);
    checks.set(this.checks);
    this.idx = idx;
    this.val = val;
    this.checks = checks;
  }

  private put(h: number, c: number, value: number, accumulate: boolean): void {
    const column = (h >>> 0) & this.mask;
    if (this.stamp[column] === this.current) {
      const p = this.pos[column]!;
      // the same name again: set keeps the last value; another name in this column adds, as hashBag does
      this.val[p] = !accumulate && this.checks[p] === c ? value : this.val[p]! + value;
      this.checks[p] = c;
      return;
    }
    if (this.size === this.idx.length) this.grow();
    this.stamp[column] = this.current;
    this.pos[column] = this.size;
    this.idx[this.size] = column;
    this.val[this.size] = value;
    this.checks[this.size] = c;
    this.size++;
  }

  set(template: string, key: string, value = 1): void {
    const [h, c] = this.prefix(template);
    this.put(fnv(h, key), check(c, key), value, false);
  }

  add(template: string, key: string, value = 1): void {
    const [h, c] = this.prefix(template);
    this.put(fnv(h, key), check(c, key), value, true);
  }

  pair(template: string, first: string, second: string, value = 1): void {
    const [h, c] = this.prefix(template);
    this.put(fnv(fnv(fnv(h, first), ' '), second), check(check(check(c, first), ' '), second), value, false);
  }

  /** The features so far, as a vector of its own (for training sets). */
  vector(): SparseVector {
    return { idx: this.idx.slice(0, this.size), val: this.val.slice(0, this.size) };
  }

  /** The features so far, as views that the next `reset` overwrites (for scoring at once). */
  view(): SparseVector {
    return { idx: this.idx.subarray(0, this.size), val: this.val.subarray(0, this.size) };
  }
}
