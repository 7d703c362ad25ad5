/**
 * From label probabilities to the labels of an article, as the task wants
 * them: narratives of one domain (an article is about the war or about the
 * climate, almost never both), each with at least one of its own
 * sub-narratives, or `Other` alone when no narrative is likely enough.
 * Shared by cross-validation and analysis, so the thresholds tuned on one
 * mean the same on the other.
 */
import { NARRATIVES, type Domain } from './taxonomy.ts';

export interface LabelProbabilities {
  /** Probability of each narrative, in NARRATIVES order. */
  coarse: ArrayLike<number>;
  /** Probability of each sub-narrative, in SUBNARRATIVE_LABELS order. */
  fine: ArrayLike<number>;
  /** Probability that the article carries no narrative of the taxonomy. */
  other: number;
}

export interface DecodeThresholds {
  /** A narrative is kept from this probability. */
  coarse: number;
  /** A sub-narrative of a kept narrative is kept from this probability (its best one always is). */
  fine: number;
  /** `Other` wins from this probability when it is also above every narrative's. */
  other: number;
  /** At most this many narratives. */
  max: number;
}

export interface DecodedNarrative {
  /** Index into NARRATIVES. */
  narrative: number;
  score: number;
  /** Indices into SUBNARRATIVE_LABELS with their probabilities, most probable first. */
  sub: { index: number; score: number }[];
}

/** Where each narrative's sub-narratives sit in SUBNARRATIVE_LABELS. */
const SUB_RANGES: readonly [number, number][] = (() => {
  const out: [number, number][] = [];
  let at = 0;
  for (const n of NARRATIVES) {
    out.push([at, at + n.sub.length]);
    at += n.sub.length;
  }
  return out;
})();

/** The domain whose most probable narrative is the most probable of all. */
export function likelyDomain(coarse: ArrayLike<number>): Domain {
  let best = 0;
  for (let i = 1; i < NARRATIVES.length; i++) if (coarse[i]! > coarse[best]!) best = i;
  return NARRATIVES[best]!.domain;
}

/** The narratives of an article; an empty list means `Other`. */
export function decodeNarratives(p: LabelProbabilities, t: DecodeThresholds): DecodedNarrative[] {
  const domain = likelyDomain(p.coarse);
  let top = 0;
  const kept: DecodedNarrative[] = [];
  NARRATIVES.forEach((n, i) => {
    if (n.domain !== domain) return;
    const score = p.coarse[i]!;
    top = Math.max(top, score);
    if (score < t.coarse) return;
    const [from, to] = SUB_RANGES[i]!;
    const subs: { index: number; score: number }[] = [];
    for (let j = from; j < to; j++) subs.push({ index: j, score: p.fine[j]! });
    subs.sort((a, b) => b.score - a.score);
    kept.push({ narrative: i, score, sub: subs.filter((s, r) => r === 0 || s.score >= t.fine) });
  });
  if (p.other >= t.other && p.other >= top) return [];
  return kept.sort((a, b) => b.score - a.score).slice(0, t.max);
}
