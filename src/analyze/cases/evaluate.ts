/**
 * How well claims find their case, measured on the EUvsDisinfo data without
 * letting a query see its answer. Many 2015–2017 cases have a short title
 * that rewrites the claim (the 2021 scrape's title, joined by date, keywords
 * and outlet — never by the texts compared here — or the 2015–2017 scrape's
 * own) and a longer claim summary. The query is the title; the case is
 * indexed by its summary alone, among every other case of the catalogue.
 * Titles that are just the summary cut short are left out: they would test
 * prefix matching.
 *
 * A claim in the news usually has no case at all, so each query is also run
 * against the catalogue without its case (and without any case of the same
 * summary): every candidate is then wrong, and the similarity should say so.
 * Odd-numbered queries fit the calibration (a logistic regression on the
 * candidates' scores); even-numbered ones measure it.
 */
import { expectedCalibrationError, fitPlatt } from '../../learn/calibration.ts';
import type { KnownCase } from './catalogue.ts';
import { CaseIndex, similarityOf, type Candidate, type MatchCalibration } from './matcher.ts';

export interface RetrievalPair {
  query: string;
  caseIndex: number;
}

export interface RetrievalScore {
  queries: number;
  /** The right case first. */
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  /** Counting as right any case with the same summary (EUvsDisinfo lists some claims many times). */
  lenientRecallAt1: number;
  lenientRecallAt5: number;
}

export interface RetrievalEvaluation {
  /** Measured on the held-out (even) queries. */
  test: RetrievalScore;
  /** Ranked by BM25 alone, same queries, for comparison. */
  bm25Only: RetrievalScore;
  calibration: MatchCalibration;
  /** Expected calibration error of the top-1 similarity, held-out queries with and without their case. */
  ece: number;
  /** Per threshold: share of held-out queries whose right case is shown first with a similarity ≥ it, and share of case-less queries that show a case anyway. */
  atThreshold: { threshold: number; recall: number; falseAlarms: number }[];
  catalogue: number;
  buildMs: number;
  /** Mean time of one `match` call. */
  queryMs: number;
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Pairs of (title that rewrites the claim, case) among cases that have both and a disproof. */
export function retrievalPairs(cases: readonly KnownCase[]): RetrievalPair[] {
  const out: RetrievalPair[] = [];
  cases.forEach((c, i) => {
    const title = c.title;
    if (!title || c.disproof === '' || /(…|\.\.\.)$/u.test(title)) return;
    const t = norm(title);
    const s = norm(c.summary);
    if (t.length < 15 || s.startsWith(t) || t.startsWith(s)) return;
    out.push({ query: title, caseIndex: i });
  });
  return out;
}

type Ranker = (c: Candidate) => number;
const byBm25: Ranker = (c) => c.lexical;

function rank(cands: readonly Candidate[], by: Ranker): Candidate[] {
  return [...cands].sort((x, y) => by(y) - by(x) || x.doc - y.doc);
}

function isRight(index: CaseIndex, doc: number, target: number): boolean {
  return doc === target || norm(index.cases[doc]!.summary) === norm(index.cases[target]!.summary);
}

function score(index: CaseIndex, pairs: readonly RetrievalPair[], cands: readonly Candidate[][], by: Ranker): RetrievalScore {
  let r1 = 0;
  let r5 = 0;
  let rr = 0;
  let l1 = 0;
  let l5 = 0;
  pairs.forEach((p, i) => {
    const ranked = rank(cands[i]!, by);
    const pos = ranked.findIndex((c) => c.doc === p.caseIndex);
    if (pos === 0) r1++;
    if (pos >= 0 && pos < 5) r5++;
    if (pos >= 0) rr += 1 / (pos + 1);
    const lenient = ranked.findIndex((c) => isRight(index, c.doc, p.caseIndex));
    if (lenient === 0) l1++;
    if (lenient >= 0 && lenient < 5) l5++;
  });
  const n = Math.max(1, pairs.length);
  return { queries: pairs.length, recallAt1: r1 / n, recallAt5: r5 / n, mrr: rr / n, lenientRecallAt1: l1 / n, lenientRecallAt5: l5 / n };
}

const FEATURES = (c: Candidate) => [c.lexical, c.coverage, c.margin];

/**
 * Logistic regression of "this candidate is the claim's case" on the top-3
 * candidates of each query, with its case in the index and without: plain
 * gradient descent on the mean log-loss (three features, a few hundred
 * examples), with a little L2 so that separable data cannot run off.
 */
export function fitCalibration(index: CaseIndex, pairs: readonly RetrievalPair[], cands: readonly Candidate[][], without: readonly Candidate[][]): MatchCalibration {
  const xs: number[][] = [];
  const ys: number[] = [];
  pairs.forEach((p, i) => {
    for (const c of cands[i]!.slice(0, 3)) {
      xs.push(FEATURES(c));
      ys.push(isRight(index, c.doc, p.caseIndex) ? 1 : 0);
    }
    for (const c of without[i]!.slice(0, 3)) {
      xs.push(FEATURES(c));
      ys.push(0);
    }
  });
  const w = [0, 0, 0];
  let b = 0;
  const l2 = 1e-3;
  for (let iter = 0; iter < 5000; iter++) {
    const g = [0, 0, 0];
    let gb = 0;
    xs.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-(w[0]! * x[0]! + w[1]! * x[1]! + w[2]! * x[2]! + b)));
      const d = p - ys[n]!;
      for (let j = 0; j < 3; j++) g[j] = g[j]! + d * x[j]!;
      gb += d;
    });
    const m = Math.max(1, xs.length);
    for (let j = 0; j < 3; j++) w[j] = w[j]! - 2 * (g[j]! / m + l2 * w[j]!);
    b -= 2 * (gb / m);
  }
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { lexical: r(w[0]!), coverage: r(w[1]!), margin: r(w[2]!), bias: r(b) };
}

/** The whole evaluation: pairs, held-out scores, calibration, speed; `thresholds` are candidates for the layer's. */
export function evaluateRetrieval(all: readonly KnownCase[], thresholds: readonly number[] = [0.5]): RetrievalEvaluation {
  // each case is indexed by its summary only, so the title that is the query is not in the index;
  // nor is a listing of the same case known by that title alone (a twin the scrapes' join missed)
  const allPairs = retrievalPairs(all);
  const titles = new Set(allPairs.map((p) => norm(p.query)));
  const targets = new Set(allPairs.map((p) => p.caseIndex));
  const position = new Map<number, number>();
  const cases: KnownCase[] = [];
  all.forEach((c, i) => {
    if (!targets.has(i) && titles.has(norm(c.summary))) return;
    position.set(i, cases.length);
    cases.push(c);
  });
  const pairs = allPairs.map((p) => ({ query: p.query, caseIndex: position.get(p.caseIndex)! }));
  const summaryOnly = { text: (c: KnownCase) => c.summary };
  const started = performance.now();
  const index = new CaseIndex(cases, summaryOnly);
  const buildMs = performance.now() - started;
  // the same catalogue without the queried cases (and their duplicates), for queries that have no case
  const queried = new Set(pairs.map((p) => norm(cases[p.caseIndex]!.summary)));
  const kept = cases.filter((c) => !queried.has(norm(c.summary)) && !titles.has(norm(c.summary)));
  const bare = new CaseIndex(kept, summaryOnly);
  const cands = pairs.map((p) => index.candidates(p.query));
  const without = pairs.map((p) => bare.candidates(p.query));
  const fit = pairs.map((_, i) => i).filter((i) => i % 2 === 1);
  const held = pairs.map((_, i) => i).filter((i) => i % 2 === 0);
  const calibration = fitCalibration(index, fit.map((i) => pairs[i]!), fit.map((i) => cands[i]!), fit.map((i) => without[i]!));
  const heldPairs = held.map((i) => pairs[i]!);
  const heldCands = held.map((i) => cands[i]!);
  const test = score(index, heldPairs, heldCands, (c) => similarityOf(c, calibration));
  const bm25Only = score(index, heldPairs, heldCands, byBm25);

  const calibrated = new CaseIndex(cases, { ...summaryOnly, calibration });
  const calibratedBare = new CaseIndex(kept, { ...summaryOnly, calibration });
  const confidences: number[] = [];
  const correct: boolean[] = [];
  const hits = thresholds.map(() => 0);
  const falseAlarms = thresholds.map(() => 0);
  const t0 = performance.now();
  for (const p of heldPairs) {
    const top = calibrated.match(p.query, 1)[0];
    if (!top) continue;
    const target = cases[p.caseIndex]!;
    const right = top.caseId === target.id || norm(top.summary) === norm(target.summary);
    confidences.push(top.similarity);
    correct.push(right);
    thresholds.forEach((t, j) => {
      if (right && top.similarity >= t) hits[j]!++;
    });
  }
  const queryMs = (performance.now() - t0) / Math.max(1, heldPairs.length);
  for (const p of heldPairs) {
    const top = calibratedBare.match(p.query, 1)[0];
    if (!top) continue;
    confidences.push(top.similarity);
    correct.push(false);
    thresholds.forEach((t, j) => {
      if (top.similarity >= t) falseAlarms[j]!++;
    });
  }
  const n = Math.max(1, heldPairs.length);
  return {
    test,
    bm25Only,
    calibration,
    ece: expectedCalibrationError(confidences, correct),
    atThreshold: thresholds.map((threshold, j) => ({ threshold, recall: hits[j]! / n, falseAlarms: falseAlarms[j]! / n })),
    catalogue: cases.length,
    buildMs,
    queryMs,
  };
}
