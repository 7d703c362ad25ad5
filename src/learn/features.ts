/**
 * Sparse features by name. Extractors write `name → value` into a bag; a
 * vocabulary, grown while training and frozen after, turns names into
 * column indices. Names are what evidence shows a person, so they are kept
 * readable ("w=traitor", "repeated:3+").
 */

export type FeatureBag = Map<string, number>;

export function addFeature(bag: FeatureBag, name: string, value = 1): void {
  bag.set(name, (bag.get(name) ?? 0) + value);
}

export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];

  static from(names: readonly string[]): Vocabulary {
    const v = new Vocabulary();
    for (const n of names) v.add(n);
    return v;
  }

  get size(): number {
    return this.names.length;
  }

  get(name: string): number | undefined {
    return this.ids.get(name);
  }

  add(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  /** Keeps names seen in at least `minCount` bags; rarer ones only memorise the training set. */
  static fromCounts(bags: Iterable<FeatureBag>, minCount: number): Vocabulary {
    const counts = new Map<string, number>();
    for (const bag of bags) for (const name of bag.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
    // sorted, so the column order does not depend on the order examples came in
    return Vocabulary.from([...counts].filter(([, c]) => c >= minCount).map(([n]) => n).sort());
  }

  /** The bag as a sparse vector over known names; unknown names are dropped. */
  vectorize(bag: FeatureBag): SparseVector {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [name, value] of bag) {
      const id = this.ids.get(name);
      if (id !== undefined && value !== 0) {
        idx.push(id);
        val.push(value);
      }
    }
    return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
  }
}

/**
 * Where feature extractors write. Names are `template=key`; an extractor
 * that writes through a sink serves training (a bag of names) and analysis
 * (a vector, looked up without building the name) alike.
 */
export interface FeatureSink {
  /** Sets `template=key` to `value`; setting it again keeps the last value. */
  set(template: string, key: string, value?: number): void;
  /** Adds `value` to `template=key`. */
  add(template: string, key: string, value?: number): void;
  /** Sets `template=first second`: a word pair, looked up at analysis time without joining the words. */
  pair(template: string, first: string, second: string, value?: number): void;
}

/** Collects names into a bag, for training. */
export class BagSink implements FeatureSink {
  readonly bag: FeatureBag = new Map();

  set(template: string, key: string, value = 1): void {
    this.bag.set(`${template}=${key}`, value);
  }

  add(template: string, key: string, value = 1): void {
    const name = `${template}=${key}`;
    this.bag.set(name, (this.bag.get(name) ?? 0) + value);
  }

  pair(template: string, first: string, second: string, value = 1): void {
    this.bag.set(`${template}=${first} ${second}`, value);
  }
}

/** A vocabulary split by template, so a key (a word, usually a string that already exists) finds its column directly. */
export class FeatureIndex {
  private readonly byTemplate = new Map<string, Map<string, number>>();
  private readonly pairs = new Map<string, Map<string, Map<string, number>>>();

  constructor(readonly vocab: Vocabulary) {
    vocab.names.forEach((name, id) => {
      const eq = name.indexOf('=');
      const template = eq < 0 ? name : name.slice(0, eq);
      const key = eq < 0 ? '' : name.slice(eq + 1);
      let keys = this.byTemplate.get(template);
      if (!keys) this.byTemplate.set(template, (keys = new Map()));
      keys.set(key, id);
      const space = key.indexOf(' ');
      if (space > 0) {
        let firsts = this.pairs.get(template);
        if (!firsts) this.pairs.set(template, (firsts = new Map()));
        const first = key.slice(0, space);
        let seconds = firsts.get(first);
        if (!seconds) firsts.set(first, (seconds = new Map()));
        seconds.set(key.slice(space + 1), id);
      }
    });
  }

  id(template: string, key: string): number | undefined {
    return this.byTemplate.get(template)?.get(key);
  }

  pairId(template: string, first: string, second: string): number | undefined {
    return this.pairs.get(template)?.get(first)?.get(second);
  }

  /** The keys of one template, for callers that look one template up so often that its map is worth holding. */
  keysOf(template: string): ReadonlyMap<string, number> {
    return this.byTemplate.get(template) ?? new Map();
  }

  /** The pairs of one template: first key → second key → id. */
  pairsOf(template: string): ReadonlyMap<string, ReadonlyMap<string, number>> {
    return this.pairs.get(template) ?? new Map();
  }
}

/**
 * Builds sparse vectors straight from extractor calls, for analysis: no
 * feature name is built, no map is allocated per example. Reusable: call
 * `reset` before each example.
 */
export class VectorSink implements FeatureSink {
  private idx: number[] = [];
  private val: number[] = [];
  private readonly stamp: Int32Array;
  private readonly pos: Int32Array;
  private current = 1;

  constructor(private readonly index: FeatureIndex) {
    this.stamp = new Int32Array(index.vocab.size);
    this.pos = new Int32Array(index.vocab.size);
  }

  reset(): void {
    this.idx = [];
    this.val = [];
    this.current++;
  }

  private put(id: number | undefined, value: number, accumulate: boolean): void {
    if (id === undefined) return;
    if (this.stamp[id] === this.current) {
      const p = this.pos[id]!;
      this.val[p] = accumulate ? this.val[p]! + value : value;
      return;
    }
    this.stamp[id] = this.current;
    this.pos[id] = this.idx.length;
    this.idx.push(id);
    this.val.push(value);
  }

  set(template: string, key: string, value = 1): void {
    this.put(this.index.id(template, key), value, false);
  }

  add(template: string, key: string, value = 1): void {
    this.put(this.index.id(template, key), value, true);
  }

  pair(template: string, first: string, second: string, value = 1): void {
    this.put(this.index.pairId(template, first, second), value, false);
  }

  vector(): SparseVector {
    return { idx: Int32Array.from(this.idx), val: Float32Array.from(this.val) };
  }
}
