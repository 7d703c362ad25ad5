/**
 * Disjoint sets over dense integer ids, in one growable Int32Array. The
 * earlier element always becomes the root, so a cluster is named after its
 * first document and cluster ids never change as documents arrive.
 */
export class UnionFind {
  private parent = new Int32Array(1024);
  private count = 0;

  /** Adds the next element (its id is the number of elements before it). */
  add(): number {
    if (this.count === this.parent.length) {
      const grown = new Int32Array(this.parent.length * 2);
      grown.set(this.parent);
      this.parent = grown;
    }
    this.parent[this.count] = this.count;
    return this.count++;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      // path halving keeps trees shallow without recursion
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }

  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return ra;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[child] = root;
    return root;
  }
}
