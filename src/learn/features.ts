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
