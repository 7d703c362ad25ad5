/**
 * The debate ranker: a small second model over the sentence model's scores
 * of a line and of the lines around it, the speaker's role and the turn.
 * A check-worthy claim in a debate often runs over two or three lines, and
 * a candidate's answer is checked more often than a moderator's question;
 * CLEF's best systems used such context too. Measured by MAP, leaving
 * one debate out (0.214 for the sentence model alone, 0.224 with all of
 * these): the length adds 0.009 and the role 0.003; the neighbours' scores
 * and the turn moved MAP by under 0.002 either way on these 19 debates;
 * they are kept, a few weights only, because the task's leading systems
 * gained from context on the test debates.
 */
import type { FeatureSink } from '../../learn/features.ts';
import type { DebateContext } from './context.ts';
import { lengthBucket } from './features.ts';
import type { SentenceTokens } from './sentence.ts';

/** Features of line i given the sentence model's logits `z` of every line of the debate. */
export function emitDebateFeatures(z: ArrayLike<number>, i: number, context: DebateContext, sentences: readonly SentenceTokens[], sink: FeatureSink): void {
  const self = z[i]!;
  sink.set('z', 'line', self);
  for (const [offset, name] of [[-1, 'line before'], [1, 'line after'], [-2, 'two lines before'], [2, 'two lines after']] as const) {
    const j = i + offset;
    if (j >= 0 && j < z.length) sink.set('z', name, z[j]!);
    else if (Math.abs(offset) === 1) sink.set('edge', offset < 0 ? 'first line' : 'last line');
  }
  const role = context.roles[i]!;
  sink.set('role', role);
  // how much the sentence score counts depends on who speaks: a questioner's numbers are rarely checked
  sink.set('role×z', role, self);
  if (context.turnStart[i]) sink.set('turn', 'first line');
  if (context.turnEnd[i]) sink.set('turn', 'last line');
  const s = sentences[i]!;
  let words = 0;
  for (let k = s.from; k < s.to; k++) if (s.tokens[k]!.label === 'word') words++;
  // fact-checkers pick long lines: length counts more here than in ClaimBuster's sentences
  sink.set('len', lengthBucket(words));
  if (s.lower[s.lower.length - 1]?.includes('?')) sink.set('form', 'question');
}
