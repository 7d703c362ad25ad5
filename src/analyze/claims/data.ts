/**
 * The training sentences of both corpora, tokenised once: ClaimBuster
 * sentences for the sentence model, CLEF-2019 debates (lines in order, with
 * their speakers) for the debate ranker and the MAP benchmark. A normalised
 * text key finds the sentences both corpora share: ClaimBuster samples the
 * 2016 presidential debates that CLEF annotates in full.
 */
import { join } from 'node:path';
import { readClaimBuster, type ClaimBusterSentence } from '../../benchmarks/claimbuster.ts';
import { readClefDebates, type ClefDebate } from '../../benchmarks/clef2019.ts';
import { debateContext, type DebateContext } from './context.ts';
import { sentenceOf, type SentenceTokens } from './sentence.ts';

export interface LabelledSentence {
  /** Line number (CLEF) or sentence_id (ClaimBuster). */
  id: number;
  /** Lower-case letters and digits, single-spaced: equal keys are the same sentence. */
  key: string;
  label: 0 | 1;
  sentence: SentenceTokens;
}

export interface PreparedDebate {
  debate: ClefDebate;
  lines: LabelledSentence[];
  context: DebateContext;
}

export interface ClaimData {
  debates: PreparedDebate[];
  claimbuster: LabelledSentence[];
}

/** Where the two corpora sit inside the shared data folder. */
export const CLEF_TRAIN_DIR = join('clef2019-checkthat-task1', 'training');
export const CLAIMBUSTER_TRAIN = join('claimbuster', 'train.json');

export function textKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function prepareDebate(debate: ClefDebate): PreparedDebate {
  const lines = debate.lines.map((l) => {
    if (l.label === undefined) throw new Error(`${debate.file}: line ${l.line} has no label`);
    return { id: l.line, key: textKey(l.text), label: l.label, sentence: sentenceOf(l.text) };
  });
  return { debate, lines, context: debateContext(debate.lines.map((l) => l.speaker)) };
}

export function prepareClaimBuster(sentences: readonly ClaimBusterSentence[]): LabelledSentence[] {
  return sentences.map((s) => ({ id: s.sentence_id, key: textKey(s.text), label: s.label, sentence: sentenceOf(s.text) }));
}

export async function readClaimData(dataDir: string): Promise<ClaimData> {
  const debates = await readClefDebates(join(dataDir, CLEF_TRAIN_DIR));
  const claimbuster = await readClaimBuster(join(dataDir, CLAIMBUSTER_TRAIN));
  return { debates: debates.map(prepareDebate), claimbuster: prepareClaimBuster(claimbuster) };
}
