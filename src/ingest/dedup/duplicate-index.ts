/**
 * Finds the copies in a stream of articles as they arrive: the same URL
 * (canonicalised), the same text (normalised hash) and near-copies by MinHash
 * with banded LSH. Near-copies are judged by estimated Jaccard similarity,
 * or for trimmed copies (syndicated wire stories cut to fit, with an outlet's
 * boilerplate added) by how much of the shorter text the longer one holds.
 * A second, small MinHash over each article's lead catches briefs cut down
 * to their top paragraphs, which hold too little of the full story for the
 * whole-text estimate to be trusted. Matches join clusters by union-find,
 * named after their first document.
 *
 * MinHash rather than SimHash: bench/dedup.ts measures both on wire-copy
 * variants; trimmed and padded copies move a SimHash by as many bits as
 * separate stories on the same topic differ by, while their Jaccard and
 * containment stay far apart.
 *
 * Memory per document: its two signatures (4 bytes a slot) in typed arrays,
 * its shingle count, a union-find slot, one LSH entry per band, and numeric
 * keys for its text hash and URL; texts are not kept.
 */
import { InputError } from '../decode-text.ts';
import { contentHash } from './content-hash.ts';
import { leadText } from './lead.ts';
import { LshIndex } from './lsh.ts';
import { estimateJaccard, minhashFromShingles } from './minhash.ts';
import { hashString, shingleHashes } from './shingles.ts';
import { UnionFind } from './union-find.ts';
import { canonicalizeUrl } from './url.ts';

export interface LeadOptions {
  /** Shingles in the lead window (default 48, about two paragraphs). */
  shingles?: number;
  /** Near-duplicate when the leads' estimated Jaccard similarity reaches this… (default 0.6) */
  jaccard?: number;
  /** …and the whole-text containment estimate this (default 0.5). */
  containment?: number;
}

export interface DuplicateIndexOptions {
  /** MinHash slots per signature (default 128). */
  numHashes?: number;
  /**
   * LSH bands and slots per band (default 32 × 2, using the first 64 slots):
   * documents become candidates with probability 1 − (1 − J^rows)^bands,
   * 0.996 at J = 0.4 (a wire story trimmed by half) and 0.03 at J = 0.03
   * (unrelated stories); candidates are then checked on all slots.
   */
  bands?: number;
  rows?: number;
  /** Words per shingle (default 3). */
  shingleSize?: number;
  /** Near-duplicate when the estimated Jaccard similarity reaches this (default 0.5). */
  jaccard?: number;
  /** …or when this share of the shorter text's shingles is in the longer one (default 0.7). */
  containment?: number;
  /** Texts with fewer distinct shingles only match exactly or by URL (default 10). */
  minShingles?: number;
  /** The lead index for briefs; false turns it off. */
  lead?: LeadOptions | false;
}

export interface DocumentInput {
  url?: string;
  text: string;
}

export interface DuplicateMatch {
  /** An earlier document with the same normalised text. */
  exactOf?: string;
  /** An earlier document with the same canonical URL. */
  urlOf?: string;
  /** The most similar earlier document over the near-duplicate thresholds. */
  nearOf?: string;
  /** Estimated Jaccard similarity to that document, or to the closest candidate when none matched (1 for an exact copy, 0 when there was no candidate). */
  similarity: number;
  /** Estimated share of the shorter text contained in the longer, for that same document. */
  containment: number;
  /** The id of the first document of this document's cluster (its own id when it is new). */
  clusterId: string;
}

const DEFAULTS = {
  numHashes: 128,
  bands: 32,
  rows: 2,
  shingleSize: 3,
  jaccard: 0.5,
  containment: 0.7,
  minShingles: 10,
};
const LEAD_DEFAULTS: Required<LeadOptions> = { shingles: 48, jaccard: 0.6, containment: 0.5 };
/** Lead signatures are short: 32 slots in 16 bands of 2. */
const LEAD_HASHES = 32;
const LEAD_BANDS = 16;

/** A 52-bit integer key from a hex digest: exact in a double, a Map key without a string per entry. */
function digestKey(hex: string): number {
  return parseInt(hex.slice(0, 13), 16);
}

function urlKey(url: string): number {
  // two independent 32-bit hashes → 52 bits
  return hashString(url, 1) * 2 ** 20 + (hashString(url, 2) >>> 12);
}

/** A growable pool of fixed-width signatures. */
class SignaturePool {
  data: Uint32Array;

  constructor(readonly width: number) {
    this.data = new Uint32Array(1024 * width);
  }

  set(n: number, sig: Uint32Array): void {
    if ((n + 1) * this.width > this.data.length) {
      let length = this.data.length * 2;
      while ((n + 1) * this.width > length) length *= 2;
      const grown = new Uint32Array(length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(sig, n * this.width);
  }

  similarity(sig: Uint32Array, n: number): number {
    return estimateJaccard(sig, this.data, 0, n * this.width, this.width);
  }
}

export class DuplicateIndex {
  private readonly options: typeof DEFAULTS;
  private readonly lead: Required<LeadOptions> | undefined;
  private readonly ids: string[] = [];
  private readonly byId = new Map<string, number>();
  private readonly byText = new Map<number, number>();
  private readonly byUrl = new Map<number, number>();
  private readonly sets = new UnionFind();
  private readonly lsh: LshIndex;
  private readonly leadLsh: LshIndex;
  private readonly signatures: SignaturePool;
  private readonly leadSignatures = new SignaturePool(LEAD_HASHES);
  private sizes = new Uint32Array(1024);
  private readonly scratch: Uint32Array;
  private readonly leadScratch = new Uint32Array(LEAD_HASHES);

  constructor(options: DuplicateIndexOptions = {}) {
    const { lead, ...rest } = options;
    this.options = { ...DEFAULTS, ...rest };
    this.lead = lead === false ? undefined : { ...LEAD_DEFAULTS, ...lead };
    const { numHashes, bands, rows } = this.options;
    if (bands * rows > numHashes) throw new InputError(`DuplicateIndex: ${bands} bands of ${rows} rows need more than ${numHashes} hashes`);
    this.lsh = new LshIndex(bands, rows);
    this.leadLsh = new LshIndex(LEAD_BANDS, LEAD_HASHES / LEAD_BANDS);
    this.signatures = new SignaturePool(numHashes);
    this.scratch = new Uint32Array(numHashes);
  }

  get size(): number {
    return this.ids.length;
  }

  add(id: string, doc: DocumentInput): DuplicateMatch {
    if (this.byId.has(id)) throw new InputError(`duplicate document id '${id}'`);
    const n = this.sets.add();
    this.ids.push(id);
    this.byId.set(id, n);
    if (n >= this.sizes.length) {
      const grown = new Uint32Array(this.sizes.length * 2);
      grown.set(this.sizes);
      this.sizes = grown;
    }
    const match: Omit<DuplicateMatch, 'clusterId'> = { similarity: 0, containment: 0 };
    const done = () => ({ ...match, clusterId: this.ids[this.sets.find(n)]! });

    const earlierUrl = this.addUrl(n, doc.url);
    if (earlierUrl !== undefined) {
      match.urlOf = this.ids[earlierUrl]!;
      this.sets.union(n, earlierUrl);
    }

    const textKey = digestKey(contentHash(doc.text));
    const same = this.byText.get(textKey);
    if (same !== undefined) {
      // an exact copy adds nothing to the LSH indexes: its twin already stands for it there
      match.exactOf = this.ids[same]!;
      match.similarity = 1;
      match.containment = 1;
      this.sets.union(n, same);
      return done();
    }
    this.byText.set(textKey, n);

    const { numHashes, shingleSize, jaccard, containment, minShingles } = this.options;
    const shingles = shingleHashes(doc.text, shingleSize);
    this.sizes[n] = shingles.length;
    if (shingles.length < minShingles) return done();
    const sig = minhashFromShingles(shingles, numHashes, this.scratch);
    this.signatures.set(n, sig);

    // the reported similarity is to the best match, or to the closest candidate when nothing matched
    let best = -1;
    let bestJ = -1;
    let bestC = 0;
    let topJ = 0;
    let topC = 0;
    const consider = (other: number, near: (j: number, raw: number, low: number) => boolean) => {
      const j = this.signatures.similarity(sig, other);
      const a = shingles.length;
      const b = this.sizes[other]!;
      const low = this.containmentOf(j, a, b, true);
      const raw = this.containmentOf(j, a, b, false);
      if (near(j, raw, low)) {
        this.sets.union(n, other);
        if (j > bestJ) (best = other), (bestJ = j), (bestC = low);
      }
      if (j > topJ) (topJ = j), (topC = low);
    };
    for (const other of this.lsh.candidates(sig)) consider(other, (j, _raw, low) => j >= jaccard || low >= containment);

    const lead = this.lead;
    if (lead) {
      const leadSig = minhashFromShingles(shingleHashes(leadText(doc.text, lead.shingles + shingleSize), shingleSize).subarray(0, lead.shingles), LEAD_HASHES, this.leadScratch);
      this.leadSignatures.set(n, leadSig);
      for (const other of this.leadLsh.candidates(leadSig)) {
        if (this.leadSignatures.similarity(leadSig, other) < lead.jaccard) continue;
        consider(other, (_j, raw) => raw >= lead.containment);
      }
      this.leadLsh.add(n, this.leadSignatures.data, n * LEAD_HASHES);
    }

    if (best >= 0) {
      match.nearOf = this.ids[best]!;
      match.similarity = bestJ;
      match.containment = bestC;
    } else {
      match.similarity = topJ;
      match.containment = topC;
    }
    this.lsh.add(n, this.signatures.data, n * numHashes);
    return done();
  }

  /** Records the document's canonical URL; returns the earlier document that had it. */
  private addUrl(n: number, url: string | undefined): number | undefined {
    if (!url) return undefined;
    let canonical: string;
    try {
      canonical = canonicalizeUrl(url);
    } catch {
      return undefined; // a malformed URL cannot match anything; the text still can
    }
    const key = urlKey(canonical);
    const earlier = this.byUrl.get(key);
    if (earlier === undefined) this.byUrl.set(key, n);
    return earlier;
  }

  /**
   * Share of the shorter set inside the longer, from the Jaccard estimate and
   * the set sizes: |A∩B| = J(|A|+|B|)/(1+J). `cautious` lowers J by one
   * standard error first: with very unequal sizes a small error in J becomes
   * a large one in containment, so the whole-text test takes the low side;
   * the lead test, which already knows the openings match, takes it as is.
   */
  private containmentOf(j: number, a: number, b: number, cautious: boolean): number {
    const k = this.options.numHashes;
    const est = cautious ? Math.max(0, j - Math.sqrt((j * (1 - j)) / k)) : j;
    const intersection = (est / (1 + est)) * (a + b);
    return Math.min(1, intersection / Math.min(a, b));
  }

  clusterOf(id: string): string | undefined {
    const n = this.byId.get(id);
    return n === undefined ? undefined : this.ids[this.sets.find(n)]!;
  }

  /** Clusters with more than one document: first document's id → member ids in order of arrival. */
  clusters(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (let n = 0; n < this.ids.length; n++) {
      const root = this.ids[this.sets.find(n)]!;
      const group = groups.get(root);
      if (group) group.push(this.ids[n]!);
      else groups.set(root, [this.ids[n]!]);
    }
    for (const [root, members] of groups) if (members.length < 2) groups.delete(root);
    return groups;
  }
}
