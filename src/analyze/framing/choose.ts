/** Decisions from probabilities, shared by training (cross-validation) and analysis. */

/** The genre with the highest log-probability plus offset. */
export function chooseGenre(probabilities: ArrayLike<number>, offsets: readonly number[]): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let k = 0; k < probabilities.length; k++) {
    const s = Math.log(probabilities[k]! + 1e-12) + (offsets[k] ?? 0);
    if (s > bestScore) {
      bestScore = s;
      best = k;
    }
  }
  return best;
}

/** Frames above the threshold, or the most probable one when none is. */
export function chooseFrames(probabilities: ArrayLike<number>, threshold: number): number[] {
  const out: number[] = [];
  let best = 0;
  for (let k = 0; k < probabilities.length; k++) {
    if (probabilities[k]! >= threshold) out.push(k);
    if (probabilities[k]! > probabilities[best]!) best = k;
  }
  return out.length ? out : [best];
}

