/**
 * Features of a sentence for check-worthiness: its words and word pairs,
 * its length, and the cues of `cues.ts`. Everything is written through a
 * FeatureSink, so the same code builds training bags and analysis vectors.
 *
 * The sentence alone, on purpose: ClaimBuster, the corpus the sentence
 * model learns from, gives sentences without their neighbours, and debates
 * get their context from a second, small model (`debate.ts`).
 */
import type { FeatureSink } from '../../learn/features.ts';
import { findCues } from './cues.ts';
import type { SentenceTokens } from './sentence.ts';

export interface FeatureOptions {
  /** Word pairs as well as words. */
  bigrams: boolean;
  /** The hand-written cues (off only to measure what they add). */
  cues: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = { bigrams: true, cues: true };

export function lengthBucket(words: number): string {
  if (words <= 3) return '1-3 words';
  if (words <= 7) return '4-7 words';
  if (words <= 12) return '8-12 words';
  if (words <= 20) return '13-20 words';
  if (words <= 30) return '21-30 words';
  return 'over 30 words';
}

export function emitClaimFeatures(s: SentenceTokens, sink: FeatureSink, options: FeatureOptions = DEFAULT_FEATURES): void {
  let previous = '<s>';
  let words = 0;
  for (let k = 0; k < s.lower.length; k++) {
    const label = s.tokens[s.from + k]!.label;
    if (label === 'punct') continue;
    // the cues say what kind of number it is; as a word, any number is the same
    const w = label === 'number' ? '<num>' : s.lower[k]!;
    if (label === 'word') words++;
    if (label !== 'number') sink.set('w', w);
    if (options.bigrams) sink.pair('b', previous, w);
    previous = w;
  }
  sink.set('len', lengthBucket(words));
  if (options.cues) findCues(s, (template, key) => sink.set(template, key));
}
