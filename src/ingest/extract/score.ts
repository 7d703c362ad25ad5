/**
 * The article-extraction-benchmark metric (ScrapingHub): texts become word
 * 4-shingles (lowercased `\w+` tokens; a text of fewer than four tokens is one
 * shingle); per page, true/false positives and false negatives are counted
 * over shingle multisets and normalised by their sum so that long pages weigh
 * no more than short ones; precision and recall are then averaged over pages
 * (a page counts for precision when it predicted anything, for recall when it
 * expected anything) and F1 is their harmonic mean.
 */

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ShingleScore {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

const WORD = /[\p{L}\p{N}_]+/gu;

export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.toLowerCase().match(WORD) ?? [];
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last && tokens.length > 0; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Normalised counts for one page (they sum to 1 unless both texts are empty). */
export function pageCounts(expected: string, extracted: string, n = 4): PageCounts {
  const want = shingles(expected, n);
  const got = shingles(extracted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, w] of want) {
    const g = got.get(key) ?? 0;
    tp += Math.min(w, g);
    fn += Math.max(0, w - g);
  }
  for (const [key, g] of got) fp += Math.max(0, g - (want.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp: 0, fp: 0, fn: 0 };
}

function precision({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recall({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Scores pairs of [expected, extracted] texts the way the benchmark's evaluate.py does. */
export function shingleScore(pairs: readonly (readonly [expected: string, extracted: string])[], n = 4): ShingleScore {
  const counts = pairs.map(([expected, extracted]) => pageCounts(expected, extracted, n));
  const p = mean(counts.filter((c) => c.tp + c.fp > 0).map(precision));
  const r = mean(counts.filter((c) => c.tp + c.fn > 0).map(recall));
  return { precision: p, recall: r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0, pages: pairs.length };
}
