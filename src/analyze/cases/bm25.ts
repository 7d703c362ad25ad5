/**
 * Okapi BM25 over an inverted index: for each term the documents holding
 * it and how often. Scores accumulate in one reused array, touching only
 * documents that share a term with the query, so a query over tens of
 * thousands of short cases costs well under a millisecond.
 *
 *   score(q, d) = Σ_{t ∈ q} idf(t) · tf(t, d)·(k1 + 1) / (tf(t, d) + k1·(1 − b + b·|d|/avgdl))
 *   idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
 */

export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Hit {
  doc: number;
  score: number;
}

/** Smallest collection size idf assumes (see `collection`). */
export const MIN_COLLECTION = 1000;

export class Bm25Index {
  readonly k1: number;
  readonly b: number;
  private readonly termIds = new Map<string, number>();
  private readonly postingsDoc: Int32Array[] = [];
  private readonly postingsTf: Float32Array[] = [];
  private readonly idf: Float64Array;
  /**
   * The collection size idf counts with: at least MIN_COLLECTION. In a small
   * catalogue (a user's own dozen cases) every word that occurs is "rare" and
   * a word of the query that occurs nowhere weighs far more, so a claim that
   * states a case word for word would score low against it; counting as if
   * the catalogue were larger keeps the scale of a real one.
   */
  private readonly collection: number;
  private readonly docLength: Float32Array;
  readonly avgLength: number;
  readonly size: number;
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;
  /** Distinct term ids of each document, and the sum of their idf. */
  private readonly docTerms: Int32Array[] = [];
  private readonly docWeight: Float64Array;

  /** Builds the index of documents given as term lists. */
  constructor(docs: readonly (readonly string[])[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.size = docs.length;
    this.collection = Math.max(docs.length, MIN_COLLECTION);
    this.docLength = Float32Array.from(docs, (d) => d.length);
    this.avgLength = docs.length ? docs.reduce((n, d) => n + d.length, 0) / docs.length || 1 : 1;
    const lists: { docs: number[]; tfs: number[] }[] = [];
    docs.forEach((terms, d) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      const ids: number[] = [];
      for (const [t, n] of tf) {
        let id = this.termIds.get(t);
        if (id === undefined) {
          id = lists.length;
          this.termIds.set(t, id);
          lists.push({ docs: [], tfs: [] });
        }
        lists[id]!.docs.push(d);
        lists[id]!.tfs.push(n);
        ids.push(id);
      }
      this.docTerms.push(Int32Array.from(ids));
    });
    this.idf = new Float64Array(lists.length);
    lists.forEach((l, id) => {
      this.postingsDoc.push(Int32Array.from(l.docs));
      this.postingsTf.push(Float32Array.from(l.tfs));
      const df = l.docs.length;
      this.idf[id] = Math.log(1 + (this.collection - df + 0.5) / (df + 0.5));
    });
    this.docWeight = Float64Array.from(this.docTerms, (ids) => ids.reduce((sum, id) => sum + this.idf[id]!, 0));
    this.acc = new Float64Array(this.size);
    this.touched = new Int32Array(this.size);
  }

  /** idf of a term; an unseen term gets the idf of a term in no document. */
  idfOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? Math.log(1 + (this.collection + 0.5) / 0.5) : this.idf[id]!;
  }

  /**
   * The score the query would get against a document that is exactly the
   * query: the most it can score, so score / selfScore says how much of the
   * query a document matched.
   */
  selfScore(query: readonly string[]): number {
    const tf = new Map<string, number>();
    for (const t of query) tf.set(t, (tf.get(t) ?? 0) + 1);
    const norm = this.k1 * (1 - this.b + (this.b * query.length) / this.avgLength);
    let s = 0;
    // terms no document has count too, at the idf of the rarest: a claim about something the catalogue never mentions is not matched
    for (const [t, n] of tf) s += (this.idfOf(t) * n * (this.k1 + 1)) / (n + norm);
    return s;
  }

  /**
   * How much of document `doc` the query covers: the idf of the document's
   * terms found in the query over the idf of all its terms. BM25 measures
   * the query's side; this the case's, so that a short case fully restated
   * by a long claim is told from one that shares a word or two.
   */
  coverage(query: readonly string[], doc: number): number {
    const q = new Set<number>();
    for (const t of query) {
      const id = this.termIds.get(t);
      if (id !== undefined) q.add(id);
    }
    let found = 0;
    for (const id of this.docTerms[doc]!) if (q.has(id)) found += this.idf[id]!;
    const all = this.docWeight[doc]!;
    return all > 0 ? found / all : 0;
  }

  /** The `k` best documents for the query terms, best first; ties go to the earlier document. */
  search(query: readonly string[], k: number): Hit[] {
    const unique = [...new Set(query)];
    let touched = 0;
    for (const t of unique) {
      const id = this.termIds.get(t);
      if (id === undefined) continue;
      const docs = this.postingsDoc[id]!;
      const tfs = this.postingsTf[id]!;
      const idf = this.idf[id]!;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        const tf = tfs[i]!;
        if (this.acc[d] === 0) this.touched[touched++] = d;
        this.acc[d] = this.acc[d]! + (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * this.docLength[d]!) / this.avgLength));
      }
    }
    const hits: Hit[] = [];
    for (let i = 0; i < touched; i++) {
      const d = this.touched[i]!;
      insertTop(hits, { doc: d, score: this.acc[d]! }, k);
      this.acc[d] = 0;
    }
    return hits;
  }
}

/** Keeps `hits` the k best, sorted; cheap for small k. */
function insertTop(hits: Hit[], h: Hit, k: number): void {
  if (k <= 0) return;
  if (hits.length === k && !better(h, hits[k - 1]!)) return;
  let i = hits.length === k ? k - 1 : hits.length;
  while (i > 0 && better(h, hits[i - 1]!)) {
    hits[i] = hits[i - 1]!;
    i--;
  }
  hits[i] = h;
}

const better = (a: Hit, b: Hit) => a.score > b.score || (a.score === b.score && a.doc < b.doc);
