/**
 * Finds the known cases closest to a claim: BM25 over the cases' title and
 * summary finds candidates; a logistic regression fitted on matched pairs of
 * the EUvsDisinfo data turns three scores — how much of the claim the case
 * matches, how much of the case the claim matches, and how far the case
 * stands out from the other candidates — into a similarity in [0, 1] that
 * reads as "about this likely to be the same claim", and ranks by it. (A
 * character 4-gram TF-IDF cosine was tried as a further score: it did not
 * change recall on those pairs and tripled the build time.) The index is
 * built once, in well under a second for the whole catalogue, so it is not
 * cached; a query takes well under a millisecond.
 */
import { Bm25Index } from './bm25.ts';
import type { KnownCase } from './catalogue.ts';
import { terms } from './terms.ts';

export interface CaseMatch {
  caseId: string;
  similarity: number;
  title?: string;
  summary: string;
  disproof: string;
  url?: string;
  date?: string;
}

/**
 * How scores become a similarity: σ(lexical·x₁ + coverage·x₂ + margin·x₃ +
 * bias), a logistic regression fitted by `fitCalibration` on the EUvsDisinfo
 * pairs, with and without the right case in the catalogue
 * (bench/narratives.ts prints a fresh fit). Candidates are ranked by it.
 */
export interface MatchCalibration {
  lexical: number;
  coverage: number;
  margin: number;
  bias: number;
}

/** Fitted on the EUvsDisinfo pairs of src/analyze/cases/evaluate.ts (see docs/benchmarks.md). */
export const DEFAULT_CALIBRATION: MatchCalibration = { lexical: 5.483, coverage: -2.27, margin: 4.654, bias: -3.321 };

/** BM25 candidates re-ranked per query. */
const CANDIDATES = 30;

export interface CaseIndexOptions {
  /** The text indexed for a case; default its title and summary. */
  text?: (c: KnownCase) => string;
  calibration?: MatchCalibration;
}

export function defaultCaseText(c: KnownCase): string {
  const title = c.title && !c.summary.startsWith(c.title.replace(/…$/u, '')) ? `${c.title}\n` : '';
  return `${title}${c.summary}`;
}

export interface Candidate {
  doc: number;
  /** BM25 over the query's self score, clipped to [0, 1]: how much of the claim the case matches. */
  lexical: number;
  /** How much of the case the claim matches (see Bm25Index.coverage). */
  coverage: number;
  /** `lexical` minus the best `lexical` of the other candidates: how clearly this one stands out. */
  margin: number;
}

/** The calibrated similarity of a candidate. */
export function similarityOf(c: Candidate, k: MatchCalibration): number {
  return 1 / (1 + Math.exp(-(k.lexical * c.lexical + k.coverage * c.coverage + k.margin * c.margin + k.bias)));
}

export class CaseIndex {
  readonly cases: readonly KnownCase[];
  readonly calibration: MatchCalibration;
  private readonly bm25: Bm25Index;

  constructor(cases: readonly KnownCase[], options: CaseIndexOptions = {}) {
    const text = options.text ?? defaultCaseText;
    this.cases = cases;
    this.calibration = options.calibration ?? DEFAULT_CALIBRATION;
    this.bm25 = new Bm25Index(cases.map((c) => terms(text(c))));
  }

  get size(): number {
    return this.cases.length;
  }

  /** BM25 candidates, best BM25 first, with the scores the similarity is made of (for calibration and evaluation). */
  candidates(claim: string, n = CANDIDATES): Candidate[] {
    const q = terms(claim);
    if (q.length === 0) return [];
    const self = this.bm25.selfScore(q);
    if (self <= 0) return [];
    const hits = this.bm25.search(q, n).map((h) => ({ doc: h.doc, lexical: Math.min(1, h.score / self), coverage: this.bm25.coverage(q, h.doc), margin: 0 }));
    // hits come best first: the first stands out by its lead on the second, the others trail the first
    hits.forEach((h, i) => (h.margin = h.lexical - (i === 0 ? (hits[1]?.lexical ?? 0) : hits[0]!.lexical)));
    return hits;
  }

  /** The `k` cases most similar to the claim, most similar first. */
  match(claim: string, k = 5, minSimilarity = 0): CaseMatch[] {
    return this.candidates(claim)
      .map((c) => ({ c, similarity: similarityOf(c, this.calibration) }))
      .sort((x, y) => y.similarity - x.similarity || x.c.doc - y.c.doc)
      .filter((x) => x.similarity >= minSimilarity)
      .slice(0, k)
      .map(({ c, similarity }) => {
        const kc = this.cases[c.doc]!;
        return {
          caseId: kc.id,
          similarity: Math.round(similarity * 1000) / 1000,
          ...(kc.title && { title: kc.title }),
          summary: kc.summary,
          disproof: kc.disproof,
          ...(kc.url && { url: kc.url }),
          ...(kc.date && { date: kc.date }),
        };
      });
  }
}

/** `index.match(claimText, k)`. */
export function matchCases(index: CaseIndex, claimText: string, k = 5): CaseMatch[] {
  return index.match(claimText, k);
}
