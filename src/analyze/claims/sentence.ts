/**
 * One sentence as the claim features see it: its tokens (a range of a
 * text's tokens, so the layer reuses the tokens layer and offsets stay
 * exact) and their lower-cased forms, computed once.
 */
import { tokenize, type Token } from '../../text/tokenize.ts';

export interface SentenceTokens {
  text: string;
  tokens: readonly Token[];
  /** Token indices [from, to) of the sentence. */
  from: number;
  to: number;
  /** Lower-cased token strings; lower[i - from] is token i. */
  lower: string[];
}

export function sentenceTokens(text: string, tokens: readonly Token[], from = 0, to = tokens.length): SentenceTokens {
  const lower = new Array<string>(to - from);
  for (let i = from; i < to; i++) lower[i - from] = text.slice(tokens[i]!.start, tokens[i]!.end).toLowerCase();
  return { text, tokens, from, to, lower };
}

/** A sentence given as a string (training data, `scoreSentences`). */
export function sentenceOf(text: string): SentenceTokens {
  return sentenceTokens(text, tokenize(text));
}

/** The token's exact text. */
export function raw(s: SentenceTokens, k: number): string {
  const t = s.tokens[s.from + k]!;
  return s.text.slice(t.start, t.end);
}

/** The text from token k to token j (inclusive), as written. */
export function surface(s: SentenceTokens, k: number, j: number): string {
  return s.text.slice(s.tokens[s.from + k]!.start, s.tokens[s.from + j]!.end);
}
