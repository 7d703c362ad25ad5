/** Seeded randomness, so that training, folds and generated corpora repeat exactly for a seed. */

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Splits `ids` into `k` folds of near-equal size after a seeded shuffle; fold i is the test part of round i. */
export function kFolds<T>(ids: readonly T[], k: number, seed: number): T[][] {
  if (k < 2) throw new Error(`cross-validation needs at least 2 folds, not ${k}`);
  const order = shuffled(ids, seededRandom(seed));
  const folds: T[][] = Array.from({ length: k }, () => []);
  order.forEach((id, i) => folds[i % k]!.push(id));
  return folds;
}
