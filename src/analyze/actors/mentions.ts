/**
 * The mentions an actor can have besides its name: personal pronouns, and
 * role phrases ("the Russian leader", "the spokesman", "the former
 * president") made of "the", optional capitalised or adjective modifiers
 * and a title word. Found over tokens; offsets UTF-16.
 */
import type { Token } from '../../text/tokenize.ts';
import type { Mention } from './resolve.ts';
import { TITLE_WORDS } from './lexicon.ts';

const PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'himself', 'herself']);
const MODIFIERS = new Set(['former', 'new', 'acting', 'then', 'deputy', 'top', 'senior', 'chief', 'foreign', 'defence', 'defense', 'prime', 'vice', 'general', 'secretary']);

export function pronounAndRoleMentions(text: string, tokens: readonly Token[]): Mention[] {
  const out: Mention[] = [];
  const lower = (i: number) => text.slice(tokens[i]!.start, tokens[i]!.end).toLowerCase();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.label !== 'word') continue;
    const w = lower(i);
    if (PRONOUNS.has(w)) {
      out.push({ start: tokens[i]!.start, end: tokens[i]!.end, kind: 'pronoun' });
      continue;
    }
    if (w !== 'the') continue;
    // the [Russian|former …]* title-word
    let j = i + 1;
    while (j < tokens.length && j - i <= 4 && tokens[j]!.label === 'word') {
      const x = lower(j);
      if (TITLE_WORDS.has(x)) {
        // "the president of …" is still a role; "the spokesman's" too
        out.push({ start: tokens[i]!.start, end: tokens[j]!.end, kind: 'role' });
        i = j;
        break;
      }
      const raw = text.slice(tokens[j]!.start, tokens[j]!.end);
      if (!MODIFIERS.has(x) && !/^\p{Lu}/u.test(raw)) break;
      j++;
    }
  }
  return out;
}
