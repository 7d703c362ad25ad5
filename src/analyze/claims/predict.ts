/**
 * Predictions in the benchmarks' official formats from the claim model:
 * a ranking score for every line of a CLEF-2019 debate (the debate ranker,
 * speakers and neighbours included), and a probability and label for every
 * ClaimBuster sentence (the sentence model alone, as the data gives
 * sentences without context).
 */
import type { ClaimBusterPrediction, ClaimBusterSentence } from '../../benchmarks/claimbuster.ts';
import type { ClefDebate, ClefPrediction } from '../../benchmarks/clef2019.ts';
import type { ClaimModel } from './model.ts';
import { sentenceOf } from './sentence.ts';

export function predictClef(model: ClaimModel, debate: ClefDebate): ClefPrediction[] {
  const scores = model.scoreSentences(
    debate.lines.map((l) => l.text),
    { speakers: debate.lines.map((l) => l.speaker) },
  );
  return debate.lines.map((l, i) => ({ line: l.line, score: scores[i]! }));
}

/**
 * `calibration`: `claimbuster` (the default) for data with ClaimBuster's
 * share of check-worthy sentences (a quarter), `claimbuster-balanced` for
 * data with as many check-worthy sentences as others, such as its test split.
 */
export function predictClaimBuster(model: ClaimModel, sentences: readonly Pick<ClaimBusterSentence, 'sentence_id' | 'text'>[], calibration = 'claimbuster'): ClaimBusterPrediction[] {
  const { threshold } = model.calibration(calibration);
  return sentences.map((s) => {
    const score = model.probability(model.logit(sentenceOf(s.text)), calibration);
    return { sentence_id: s.sentence_id, score, label: score >= threshold ? 1 : 0 };
  });
}
